"""Back-office pages for annual reports (/office/reports/…)."""

from __future__ import annotations

from typing import Any

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.views.decorators.http import require_POST

from gongkai.annual_report.model import dumps
from gongkai.annual_report.schema import SECTIONS, format_for_year
from gongkai.core.errors import ConflictError, DomainError
from gongkai.orgs.permissions import REPORT_EDIT_ROLES
from gongkai.orgs.selectors import organ_ids_for
from gongkai.reporting import checks, services
from gongkai.reporting.diff import diff_contents
from gongkai.reporting.forms import NarrativeForm, ReportCreateForm, StepForm
from gongkai.reporting.models import Report, ReportStatus
from gongkai.reporting.narrative import unfinished_prompts
from gongkai.reporting.permissions import (
    can_act_on_report,
    can_edit_report,
    can_view_report,
    has_any_report_role,
)
from gongkai.reporting.presentation import tables_context
from gongkai.reporting.selectors import reports_visible_to, resolve_records
from gongkai.reporting.transitions import ACTION_LABELS, actions_from, step_for


def _report(request: HttpRequest, pk: int) -> Report:
    report = get_object_or_404(reports_visible_to(request.user), pk=pk)
    if not can_view_report(request.user, report):
        raise Http404
    return report


def _message(exc: DomainError) -> str:
    return f"{exc.message} / {exc.message_en}" if exc.message_en else exc.message


@login_required
def report_list(request: HttpRequest) -> HttpResponse:
    if not has_any_report_role(request.user):
        raise Http404
    edit_ids = organ_ids_for(request.user, REPORT_EDIT_ROLES)
    form = ReportCreateForm(request.POST or None, organ_ids=edit_ids)
    if request.method == "POST" and form.is_valid():
        try:
            report = services.report_create(
                actor=request.user,  # type: ignore[arg-type]
                organ=form.cleaned_data["organ"],
                year=form.cleaned_data["year"],
                scope=form.cleaned_data["scope"],
            )
        except DomainError as exc:
            form.add_error(None, _message(exc))
        else:
            messages.success(request, "已按记录生成年度报告草稿。")
            return redirect("reporting:detail", pk=report.pk)
    return render(
        request,
        "reporting/list.html",
        {"reports": reports_visible_to(request.user), "form": form, "can_create": bool(edit_ids)},
    )


def _actions(request: HttpRequest, report: Report) -> list[dict[str, Any]]:
    out = []
    for action in actions_from(report.status):
        if action in ("edit", "recompute", "submit"):
            continue  # these have their own pages/buttons
        step = step_for(report.status, action)
        if step and can_act_on_report(request.user, report, action):
            out.append({"action": action, "label": step.label, "needs_comment": step.needs_comment})
    return out


@login_required
def report_detail(request: HttpRequest, pk: int) -> HttpResponse:
    report = _report(request, pk)
    content = report.content
    context = {
        "report": report,
        "content": content,
        "sections": content.get("sections", {}),
        "extras": content.get("extras", {}),
        "drill": f"/office/reports/{report.pk}/cells/",
        "editable": can_edit_report(request.user, report),
        "can_submit": can_act_on_report(request.user, report, "submit"),
        "can_recompute": can_act_on_report(request.user, report, "recompute"),
        "actions": _actions(request, report),
        "events": [
            (e, ACTION_LABELS.get(e.action, e.action))
            for e in report.events.select_related("actor")
        ],
        "versions": report.versions.select_related("created_by").order_by("-number")[:20],
        "findings": report.findings,
        "subordinates": report.subordinates.select_related("imported_by"),
        "can_rollup": report.scope == "consolidated" and can_edit_report(request.user, report),
        "explanations": report.explanations,
        "status_choices": ReportStatus,
        "fmt": format_for_year(report.year),
        **tables_context(report.format_version, content.get("cells", {})),
    }
    return render(request, "reporting/detail.html", context)


@login_required
def report_edit(request: HttpRequest, pk: int) -> HttpResponse:
    report = _report(request, pk)
    if not can_edit_report(request.user, report):
        messages.error(request, "该报告当前不能修改（只有草稿或退回的报告可以修改）。")
        return redirect("reporting:detail", pk=pk)
    initial = {"lock_version": report.lock_version, "title": report.title,
               **report.content.get("sections", {})}  # fmt: skip
    form = NarrativeForm(request.POST or None, initial=initial)
    conflict = False
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        try:
            services.report_save_narrative(
                actor=request.user,  # type: ignore[arg-type]
                report=report,
                expected_version=data["lock_version"],
                title=data["title"],
                sections={s.key: data.get(s.key) or "" for s in SECTIONS},
            )
        except ConflictError as exc:
            conflict = True
            form.add_error(None, _message(exc))
        except DomainError as exc:
            form.add_error(exc.field if exc.field in form.fields else None, _message(exc))
        else:
            messages.success(request, "已保存。")
            return redirect("reporting:detail", pk=pk)
    return render(
        request,
        "reporting/edit.html",
        {"report": report, "form": form, "conflict": conflict,
         "current_sections": report.content.get("sections", {}),
         "edited": report.edited_sections,
         "edited_labels": [(s.key, s.heading) for s in SECTIONS if s.key in report.edited_sections]},
    )  # fmt: skip


@login_required
def report_submit(request: HttpRequest, pk: int) -> HttpResponse:
    report = _report(request, pk)
    if not can_act_on_report(request.user, report, "submit"):
        messages.error(request, "该报告当前不能提交。")
        return redirect("reporting:detail", pk=pk)
    if request.method == "POST":
        explanations = {
            k.removeprefix("explain-"): str(request.POST.get(k, ""))
            for k in request.POST
            if k.startswith("explain-")
        }
        try:
            services.report_submit(
                actor=request.user,  # type: ignore[arg-type]
                report=report,
                expected_version=int(request.POST.get("lock_version", "-1")),
                explanations=explanations,
                comment=request.POST.get("comment", ""),
            )
        except DomainError as exc:
            messages.error(request, _message(exc))
            report.refresh_from_db()
            findings = report.findings
        else:
            messages.success(request, "已提交审核。")
            return redirect("reporting:detail", pk=pk)
    else:
        findings = services.report_run_checks(report=report)
    return render(
        request,
        "reporting/submit.html",
        {"report": report, "findings": findings,
         "errors": checks.errors_in(findings), "warnings": checks.warnings_in(findings),
         "prompts": [s.heading for s in SECTIONS
                     if s.key in unfinished_prompts(report.content.get("sections", {}))],
         "infos": [f for f in findings if f["severity"] == "info"],
         "explanations": {**report.explanations,
                          **{k.removeprefix("explain-"): v for k, v in request.POST.items()
                             if k.startswith("explain-")}}},
    )  # fmt: skip


@login_required
@require_POST
def report_step(request: HttpRequest, pk: int) -> HttpResponse:
    report = _report(request, pk)
    form = StepForm(request.POST)
    if not form.is_valid():
        messages.error(request, "请求不完整，请刷新页面后重试。")
        return redirect("reporting:detail", pk=pk)
    action = form.cleaned_data["action"]
    fn = {
        "return": services.report_return,
        "approve": services.report_approve,
        "publish": services.report_publish,
        "reopen": services.report_reopen,
        "revise": services.report_revise,
    }.get(action)
    if fn is None:
        messages.error(request, f"未知的操作：{action}")
        return redirect("reporting:detail", pk=pk)
    try:
        fn(
            actor=request.user,  # type: ignore[arg-type]
            report=report,
            expected_version=form.cleaned_data["lock_version"],
            comment=form.cleaned_data["comment"],
        )
    except DomainError as exc:
        messages.error(request, _message(exc))
    else:
        messages.success(request, f"已{ACTION_LABELS[action]}。")
    return redirect("reporting:detail", pk=pk)


@login_required
@require_POST
def report_recompute(request: HttpRequest, pk: int) -> HttpResponse:
    report = _report(request, pk)
    try:
        services.report_recompute(
            actor=request.user,  # type: ignore[arg-type]
            report=report,
            expected_version=int(request.POST.get("lock_version", "-1")),
        )
    except DomainError as exc:
        messages.error(request, _message(exc))
    else:
        messages.success(request, "已按记录重新生成（手工修改过的文字保留）。")
    return redirect("reporting:detail", pk=pk)


@login_required
def report_cell(request: HttpRequest, pk: int, key: str) -> HttpResponse:
    """Drill-down: the records behind one cell or narrative figure."""
    report = _report(request, pk)
    content = report.content
    fmt = format_for_year(report.year)
    extras = content.get("extras", {})
    if key in content.get("cells", {}):
        value = content["cells"][key]
        prov = content.get("provenance", {}).get(key, {})
    elif key in extras.get("figures", {}):
        value = extras["figures"][key]
        prov = {"source": "computed", "records": extras.get("figure_records", {}).get(key, [])}
    else:
        raise Http404
    refs = list(prov.get("records", []))
    return render(
        request,
        "reporting/cell.html",
        {"report": report, "key": key, "label": fmt.cell(key).label if fmt.has_cell(key) else key,
         "value": value, "prov": prov, "count": len(refs), "links": resolve_records(refs)},
    )  # fmt: skip


@login_required
def report_versions(request: HttpRequest, pk: int) -> HttpResponse:
    report = _report(request, pk)
    versions = list(report.versions.select_related("created_by").order_by("-number"))
    a = request.GET.get("a")
    b = request.GET.get("b")
    diff = None
    pair = None
    if a and b and a.isdigit() and b.isdigit():
        old = report.versions.filter(number=int(a)).first()
        new = report.versions.filter(number=int(b)).first()
        if old is None or new is None:
            messages.error(request, "没有这个版本。")
        else:
            diff = diff_contents(old.content, new.content)
            pair = (old, new)
    return render(request, "reporting/versions.html",
                  {"report": report, "versions": versions, "diff": diff, "pair": pair})  # fmt: skip


@login_required
def report_export(request: HttpRequest, pk: int) -> HttpResponse:
    """The report JSON (ARCHITECTURE.md "Report JSON") for the level above."""
    report = _report(request, pk)
    response = HttpResponse(dumps(report.content), content_type="application/json; charset=utf-8")
    filename = f"report-{report.organ_id}-{report.year}-{report.scope}.json"
    response["Content-Disposition"] = f'attachment; filename="{filename}"'
    return response


@login_required
@require_POST
def subordinate_upload(request: HttpRequest, pk: int) -> HttpResponse:
    """Receive subordinate bodies' reports (several files at once) for the roll-up."""
    from gongkai.reporting.models import SubordinateStatus
    from gongkai.reporting.rollup import subordinate_import

    report = _report(request, pk)
    files = request.FILES.getlist("report_file")
    if not files:
        messages.error(request, "请选择要汇总的报告文件。")
        return redirect("reporting:detail", pk=pk)
    for upload in files:
        try:
            sub = subordinate_import(
                actor=request.user,  # type: ignore[arg-type]
                report=report,
                filename=upload.name or "report",
                data=upload.read(),
            )
        except DomainError as exc:
            messages.error(request, f"{upload.name}：{_message(exc)}")
            continue
        if sub.status == SubordinateStatus.HAS_ERRORS:
            messages.error(
                request,
                f"{upload.name}：{sub.organ_name}的报告有错误，未纳入汇总（见下方校验结果）。",
            )
        else:
            messages.success(
                request,
                f"{upload.name}：已收到{sub.organ_name}的报告；“按记录重新生成”后计入汇总。",
            )
    return redirect(f"/office/reports/{pk}/#subordinates")


@login_required
@require_POST
def subordinate_toggle(request: HttpRequest, pk: int, sid: int) -> HttpResponse:
    from gongkai.reporting.rollup import subordinate_set_included

    report = _report(request, pk)
    sub = get_object_or_404(report.subordinates, pk=sid)
    try:
        subordinate_set_included(
            actor=request.user,  # type: ignore[arg-type]
            subordinate=sub,
            include=request.POST.get("include") == "1",
        )
    except DomainError as exc:
        messages.error(request, _message(exc))
    else:
        messages.success(request, "已更新；“按记录重新生成”后生效。")
    return redirect(f"/office/reports/{pk}/#subordinates")


@login_required
@require_POST
def report_reset_section(request: HttpRequest, pk: int) -> HttpResponse:
    """Drop a section's hand-edited text and take the generated draft again."""
    report = _report(request, pk)
    try:
        services.report_reset_section(
            actor=request.user,  # type: ignore[arg-type]
            report=report,
            expected_version=int(request.POST.get("lock_version", "-1")),
            section=request.POST.get("section", ""),
        )
    except DomainError as exc:
        messages.error(request, _message(exc))
    else:
        messages.success(request, "已恢复为按记录生成的文字。")
    return redirect("reporting:edit", pk=pk)
