"""Every write to annual reports. Keyword-only, atomic, taking the acting user.

Content changes add a ReportVersion; workflow steps add a ReportEvent; both in the same
transaction as the change. Every change compares-and-increments `lock_version`, so a form
opened before somebody else's change gets a ConflictError instead of overwriting it.
"""

from __future__ import annotations

from typing import Any

from django.contrib.auth.models import User
from django.db import transaction
from django.utils import timezone

from gongkai.annual_report.model import AnnualReport, from_dict
from gongkai.annual_report.schema import SECTION_KEYS, SECTIONS, format_for_year
from gongkai.core.errors import ConflictError, DomainError, PermissionDeniedError
from gongkai.orgs.models import Organ
from gongkai.reporting import checks
from gongkai.reporting.compute import build_report, to_storable
from gongkai.reporting.models import Report, ReportEvent, ReportScope, ReportStatus, ReportVersion
from gongkai.reporting.narrative import unfinished_prompts
from gongkai.reporting.permissions import (
    can_act_on_report,
    can_create_report_for,
    can_edit_report,
)
from gongkai.reporting.transitions import ACTION_LABELS, step_for

MAX_SECTION_CHARS = 20_000


def _rebuild(report: Report) -> AnnualReport:
    from gongkai.reporting.rollup import accepted_subordinates

    consolidated = report.scope == ReportScope.CONSOLIDATED
    return build_report(
        organ=report.organ,
        year=report.year,
        consolidated=consolidated,
        subordinates=accepted_subordinates(report) if consolidated else (),
    )


def report_content(report: Report) -> AnnualReport:
    return from_dict(report.content)


def previous_report(report: Report) -> AnnualReport | None:
    """Last year's report of the same organ and scope, as filed (published version first)."""
    prev = (
        Report.objects.filter(organ_id=report.organ_id, year=report.year - 1, scope=report.scope)
        .select_related("published_version")
        .first()
    )
    if prev is None:
        return None
    data = prev.published_version.content if prev.published_version else prev.content
    return from_dict(data)


def _claim(report: Report, expected_version: int) -> None:
    updated = Report.objects.filter(pk=report.pk, lock_version=expected_version).update(
        lock_version=expected_version + 1
    )
    if not updated:
        raise ConflictError(
            "该报告已被他人（或您在另一个窗口中）修改。为避免覆盖对方的修改，本次保存未生效；"
            "请刷新页面，在最新版本上重新修改。",
            "The report was changed elsewhere since you opened it; nothing was saved. "
            "Reload and apply your change to the latest version.",
        )
    report.lock_version = expected_version + 1


def _add_version(report: Report, *, actor: User, reason: str) -> ReportVersion:
    report.version_number += 1
    return ReportVersion.objects.create(
        report=report,
        number=report.version_number,
        content=report.content,
        reason=reason,
        created_by=actor,
    )


def _log(report: Report, *, actor: User, action: str, from_status: str, comment: str = "") -> None:
    ReportEvent.objects.create(
        report=report,
        action=action,
        from_status=from_status,
        to_status=report.status,
        version_number=report.version_number,
        actor=actor,
        comment=comment,
    )


def _transition(
    report: Report, *, actor: User, action: str, expected_version: int, comment: str = ""
) -> str:
    """Guard one step of the table, claim the lock, move the status. Returns the old status."""
    step = step_for(report.status, action)
    if step is None:
        raise DomainError(
            f"报告当前状态为“{report.get_status_display()}”，不能{ACTION_LABELS.get(action, action)}。",
            f"Action {action!r} is not allowed in status {report.status!r}.",
        )
    if not can_act_on_report(actor, report, action):
        raise PermissionDeniedError(
            f"您的岗位不能对该报告执行“{step.label}”。",
            f"Your role may not {action} this report.",
        )
    if step.needs_comment and not comment.strip():
        raise DomainError(
            f"“{step.label}”需要填写意见。", f"{action!r} needs a comment.", field="comment"
        )
    _claim(report, expected_version)
    old = report.status
    report.status = step.target
    return old


# --- creating and editing -------------------------------------------------------------------


@transaction.atomic
def report_create(
    *,
    actor: User,
    organ: Organ,
    year: int,
    scope: str = ReportScope.OWN,
    content: AnnualReport | None = None,
) -> Report:
    """Create the report of `organ` for `year`, computed from records unless `content` is
    given (e.g. a report prepared elsewhere)."""
    if not can_create_report_for(actor, organ):
        raise PermissionDeniedError(
            f"您无权编制{organ.name}的年度报告。", "You may not prepare this organ's report."
        )
    if scope not in ReportScope.values:
        raise DomainError(f"未知的报告范围：{scope}", f"unknown scope {scope!r}", field="scope")
    if organ.outside_system:
        raise DomainError(
            f"{organ.name}未纳入年报填报系统，其数据请以“系统外单位填报数”录入。",
            "This organ is outside the system; enter its figures by hand instead.",
        )
    fmt = format_for_year(year)
    if Report.objects.filter(organ=organ, year=year, scope=scope).exists():
        raise DomainError(
            f"{organ.name}{year}年（{ReportScope(scope).label}）的年度报告已存在。",
            "This report already exists.",
        )
    sections_edited: list[str] = []
    if content is None:
        content = build_report(
            organ=organ, year=year, consolidated=scope == ReportScope.CONSOLIDATED
        )
    elif content.format_version != fmt.tag:
        raise DomainError(
            f"{year}年的报告应使用{fmt.tag}年格式（{fmt.notice_number}）。",
            f"A {year} report uses the {fmt.tag} format.",
        )
    else:
        sections_edited = [k for k in SECTION_KEYS if content.sections.get(k)]
    if not content.title:
        content.title = content.default_title()
    report = Report(
        organ=organ,
        year=year,
        scope=scope,
        format_version=fmt.tag,
        content=to_storable(content),
        edited_sections=sections_edited,
        created_by=actor,
    )
    report.save()
    _add_version(report, actor=actor, reason="按记录生成" if not sections_edited else "导入")
    report.save(update_fields=["version_number"])
    _log(report, actor=actor, action="create", from_status="")
    return report


@transaction.atomic
def report_save_narrative(
    *,
    actor: User,
    report: Report,
    expected_version: int,
    sections: dict[str, str],
    title: str | None = None,
) -> Report:
    """Save the narrative (and title) a person edited. Cells are never typed: they come from
    records (recompute) and from hand-entered figures of organs outside the system."""
    if not can_edit_report(actor, report):
        if report.status not in (ReportStatus.DRAFT, ReportStatus.RETURNED):
            raise DomainError(
                f"报告当前状态为“{report.get_status_display()}”，不能修改。",
                "The report cannot be edited in this status.",
            )
        raise PermissionDeniedError("您无权修改该报告。", "You may not edit this report.")
    for key, text in sections.items():
        if key not in SECTION_KEYS:
            raise DomainError(f"未知的部分：{key}", f"unknown section {key!r}", field=key)
        if len(text) > MAX_SECTION_CHARS:
            raise DomainError(
                f"该部分超过 {MAX_SECTION_CHARS} 字。", "Section too long.", field=key
            )
    _transition(report, actor=actor, action="edit", expected_version=expected_version)
    content = dict(report.content)
    old_sections = dict(content.get("sections", {}))
    new_sections = dict(old_sections)
    changed = []
    for key, text in sections.items():
        text = text.replace("\r\n", "\n").strip()
        if text != old_sections.get(key, ""):
            new_sections[key] = text
            changed.append(key)
    content["sections"] = new_sections
    if title is not None and title.strip() and title.strip() != content.get("title"):
        content["title"] = title.strip()
        changed.append("title")
    if not changed:
        report.save(update_fields=["lock_version"])
        return report
    report.content = content
    report.edited_sections = sorted(set(report.edited_sections) | (set(changed) - {"title"}))
    _add_version(report, actor=actor, reason="修改文字：" + "、".join(changed))
    report.save()
    return report


@transaction.atomic
def report_recompute(*, actor: User, report: Report, expected_version: int) -> Report:
    """Recompute every cell and narrative figure from the records. Sections edited by hand are
    kept; the others are regenerated with the new figures."""
    status = report.status
    _transition(report, actor=actor, action="recompute", expected_version=expected_version)
    fresh = _rebuild(report)
    data = to_storable(fresh)
    old = report.content
    data["title"] = old.get("title") or data["title"]
    for key in report.edited_sections:
        data["sections"][key] = old.get("sections", {}).get(key, "")
    if data == old:
        report.save(update_fields=["lock_version"])
        return report
    report.content = data
    _add_version(report, actor=actor, reason="按记录重新生成")
    report.save()
    _log(report, actor=actor, action="recompute", from_status=status)
    return report


@transaction.atomic
def report_reset_section(
    *, actor: User, report: Report, expected_version: int, section: str
) -> Report:
    """Drop the hand-edited text of one section and take the generated text again."""
    if section not in report.edited_sections:
        raise DomainError("该部分未被手工修改。", "That section was not edited.", field=section)
    _transition(report, actor=actor, action="edit", expected_version=expected_version)
    fresh = _rebuild(report)
    content = dict(report.content)
    content["sections"] = {**content["sections"], section: fresh.sections[section]}
    report.content = content
    report.edited_sections = [k for k in report.edited_sections if k != section]
    _add_version(report, actor=actor, reason=f"恢复生成文字：{section}")
    report.save()
    return report


# --- checking and the workflow ---------------------------------------------------------------


def report_run_checks(*, report: Report) -> list[dict[str, Any]]:
    """Run every rule and store the findings on the report (derived data: no lock, no
    version)."""
    findings = checks.findings_to_json(
        checks.run_rules(report_content(report), previous=previous_report(report))
    )
    Report.objects.filter(pk=report.pk).update(findings=findings)
    report.findings = findings
    return findings


def report_submit(
    *,
    actor: User,
    report: Report,
    expected_version: int,
    explanations: dict[str, str] | None = None,
    comment: str = "",
) -> Report:
    """Submit for approval. All rules run first: any error blocks; every warning needs a
    written explanation (kept with the report and shown to the approver). The findings are
    stored even when submission is refused, so the page can show them."""
    if step_for(report.status, "submit") is None or not can_act_on_report(actor, report, "submit"):
        raise PermissionDeniedError(
            f"报告当前状态为“{report.get_status_display()}”或您的岗位不能提交该报告。",
            "You may not submit this report now.",
        )
    prompts = unfinished_prompts(report.content.get("sections", {}))
    if prompts:
        headings = {s.key: s.heading for s in SECTIONS}
        raise DomainError(
            "以下部分还有待填写的提示（【请填写：…】），请补写后再提交："
            + "、".join(headings[k] for k in prompts if k in headings),
            "Some sections still hold fill-in prompts; complete them before submitting.",
            field="sections",
        )
    findings = checks.findings_to_json(
        checks.run_rules(report_content(report), previous=previous_report(report))
    )
    merged = {**report.explanations, **{k: v.strip() for k, v in (explanations or {}).items()}}
    errors = checks.errors_in(findings)
    if errors:
        Report.objects.filter(pk=report.pk).update(findings=findings)
        raise DomainError(
            f"校验发现 {len(errors)} 个错误，不能提交：" + "；".join(e["message"] for e in errors),
            f"{len(errors)} error(s) found; the report cannot be submitted.",
        )
    missing = checks.unexplained_warnings(findings, merged)
    if missing:
        Report.objects.filter(pk=report.pk).update(findings=findings)
        raise DomainError(
            f"有 {len(missing)} 个警告尚未填写说明：" + "；".join(w["rule"] for w in missing),
            f"{len(missing)} warning(s) need a written explanation.",
            field="explanations",
        )
    with transaction.atomic():
        old = _transition(report, actor=actor, action="submit", expected_version=expected_version)
        report.findings = findings
        report.explanations = {f["id"]: merged[f["id"]] for f in checks.warnings_in(findings)}
        report.save()
        _log(report, actor=actor, action="submit", from_status=old, comment=comment.strip())
    return report


def _step(
    action: str, *, actor: User, report: Report, expected_version: int, comment: str
) -> Report:
    old = _transition(
        report, actor=actor, action=action, expected_version=expected_version, comment=comment
    )
    report.save()
    _log(report, actor=actor, action=action, from_status=old, comment=comment.strip())
    return report


@transaction.atomic
def report_return(
    *, actor: User, report: Report, expected_version: int, comment: str = ""
) -> Report:
    """Send back to the preparer; the comment says what to fix (required)."""
    return _step("return", actor=actor, report=report, expected_version=expected_version,
                 comment=comment)  # fmt: skip


@transaction.atomic
def report_approve(
    *, actor: User, report: Report, expected_version: int, comment: str = ""
) -> Report:
    return _step("approve", actor=actor, report=report, expected_version=expected_version,
                 comment=comment)  # fmt: skip


@transaction.atomic
def report_reopen(
    *, actor: User, report: Report, expected_version: int, comment: str = ""
) -> Report:
    """Withdraw an approval before publication, back to draft (comment required)."""
    return _step("reopen", actor=actor, report=report, expected_version=expected_version,
                 comment=comment)  # fmt: skip


@transaction.atomic
def report_revise(
    *, actor: User, report: Report, expected_version: int, comment: str = ""
) -> Report:
    """Correct a published report: back to draft; the published version stays public until
    the corrected one is published (comment required, shown in the history)."""
    return _step("revise", actor=actor, report=report, expected_version=expected_version,
                 comment=comment)  # fmt: skip


@transaction.atomic
def report_publish(
    *, actor: User, report: Report, expected_version: int, comment: str = ""
) -> Report:
    """Publish the approved version on the public 年报 pages. The published version is frozen;
    a later correction (revise) keeps it public until the corrected report is published."""
    old = _transition(
        report, actor=actor, action="publish", expected_version=expected_version, comment=comment
    )
    report.published_version = report.versions.get(number=report.version_number)
    report.published_at = timezone.now()
    report.save()
    _log(report, actor=actor, action="publish", from_status=old, comment=comment.strip())
    return report
