"""Roll-up from subordinate bodies' reports received as files.

A county's consolidated report covers bodies whose figures are not in gongkai's records —
townships or departments on another system — when they send their own report: as the report
JSON gongkai exports (ARCHITECTURE.md "Report JSON"), or as the document they published (HTML,
DOCX, PDF, text), read through the audit importers. Each file is checked with every rule and
kept with its findings. A file with any error is stored and shown, never merged; the others
are merged into the consolidated report the next time it is computed, and named in 六.

Guards that are errors of the roll-up itself (rule ids ROLLUP-*): wrong year, wrong format
version, a body that is inside the system (its figures already come from records — merging
would count it twice), the same body twice.
"""

from __future__ import annotations

import tempfile
from pathlib import Path
from typing import Any

from django.conf import settings
from django.contrib.auth.models import User
from django.db import transaction

from gongkai.annual_report.findings import Finding, Severity
from gongkai.annual_report.model import AnnualReport, ReportFileError, loads
from gongkai.core.errors import DomainError, PermissionDeniedError
from gongkai.orgs.models import Organ
from gongkai.orgs.selectors import organ_subtree_ids
from gongkai.reporting import checks
from gongkai.reporting.compute import to_storable
from gongkai.reporting.models import Report, ReportScope, SubordinateReport, SubordinateStatus
from gongkai.reporting.permissions import can_edit_report

DOCUMENT_SUFFIXES = (".html", ".htm", ".docx", ".pdf", ".txt")


def _error(rule: str, zh: str, en: str) -> Finding:
    return Finding(rule, Severity.ERROR, zh, en)


def _decode(data: bytes) -> str:
    for encoding in ("utf-8-sig", "gb18030"):
        try:
            return data.decode(encoding)
        except UnicodeDecodeError:
            continue
    raise UnicodeDecodeError("utf-8", data, 0, 1, "neither UTF-8 nor GB18030")


def read_subordinate(filename: str, data: bytes) -> tuple[AnnualReport | None, list[Finding], str]:
    """(report or None, findings, source kind) for one received file. Never raises for bad
    input: what is wrong becomes an error finding."""
    name = filename.lower()
    if name.endswith(".json") or data.lstrip()[:1] == b"{":
        try:
            report = loads(_decode(data))
        except UnicodeDecodeError:
            return None, [_error("ROLLUP-FILE", "文件不是 UTF-8 或 GB18030 编码的文本。",
                                 "The file is not UTF-8 or GB18030 text.")], "json"  # fmt: skip
        except ReportFileError as exc:
            return None, [_error("ROLLUP-FILE", f"报告 JSON 有误：{p.key} {p.message}",
                                 f"Report JSON: {p.key} {p.message_en}")
                          for p in exc.problems], "json"  # fmt: skip
        return report, checks.run_rules(report, previous=None), "json"
    if not name.endswith(DOCUMENT_SUFFIXES):
        return None, [_error("ROLLUP-FILE", f"不支持的文件类型：{filename}（可用 JSON、HTML、DOCX、PDF、TXT）",
                             f"Unsupported file type: {filename}")], "unknown"  # fmt: skip
    from gongkai.annual_report.audit import audit_file

    with tempfile.TemporaryDirectory(prefix="gongkai-rollup-") as tmp:
        path = Path(tmp) / Path(filename).name
        path.write_bytes(data)
        result = audit_file(path)
    if result.report is None:
        return None, [_error("ROLLUP-FILE", f"无法读取该文件：{result.error}",
                             f"The file cannot be read: {result.error}")], "document"  # fmt: skip
    return result.report, list(result.findings), "document"


def _guards(target: Report, sub: AnnualReport) -> list[Finding]:
    problems = []
    if sub.year != target.year:
        problems.append(_error("ROLLUP-YEAR", f"报告年度为{sub.year}年，汇总的是{target.year}年。",
                               f"The report is for {sub.year}, the roll-up for {target.year}."))  # fmt: skip
    if sub.format_version != target.format_version:
        problems.append(_error(
            "ROLLUP-FORMAT", f"报告使用{sub.format_version}年格式，汇总报告使用{target.format_version}年格式。",
            "The report uses another format version."))  # fmt: skip
    inside = Organ.objects.filter(
        pk__in=organ_subtree_ids(target.organ_id), outside_system=False
    ).filter(name=sub.organ.strip())
    if inside.exists():
        problems.append(_error(
            "ROLLUP-IN-SYSTEM", f"{sub.organ}已纳入本系统，其数字由记录生成，再汇总其报告会重复计算。",
            "This body is in the system; its figures already come from records."))  # fmt: skip
    if SubordinateReport.objects.filter(
        target=target, organ_name=sub.organ.strip(), status=SubordinateStatus.ACCEPTED
    ).exists():
        problems.append(_error("ROLLUP-DUPLICATE", f"{sub.organ}的报告已纳入汇总。",
                               "This body's report is already included."))  # fmt: skip
    return problems


@transaction.atomic
def subordinate_import(
    *, actor: User, report: Report, filename: str, data: bytes
) -> SubordinateReport:
    """Receive one subordinate body's report for the consolidated `report`."""
    if report.scope != ReportScope.CONSOLIDATED:
        raise DomainError(
            "只有汇总报告才能汇总下级单位的报告。", "Only a consolidated report rolls up."
        )
    if not can_edit_report(actor, report):
        raise PermissionDeniedError("该报告当前不能修改。", "The report cannot be changed now.")
    if len(data) > settings.GONGKAI_UPLOAD_MAX_BYTES:
        raise DomainError(
            f"文件超过 {settings.GONGKAI_UPLOAD_MAX_BYTES // 1024 // 1024} MB。", "The file is too large.",
            field="report_file",
        )  # fmt: skip
    sub, findings, _kind = read_subordinate(filename, data)
    if sub is not None:
        findings = _guards(report, sub) + findings
    json_findings = checks.findings_to_json(findings)
    has_errors = sub is None or bool(checks.errors_in(json_findings))
    return SubordinateReport.objects.create(
        target=report,
        organ_name=(sub.organ.strip() if sub else "") or Path(filename).name,
        source_name=Path(filename).name[:300],
        content=to_storable(sub) if sub is not None else {},
        findings=json_findings,
        status=SubordinateStatus.HAS_ERRORS if has_errors else SubordinateStatus.ACCEPTED,
        imported_by=actor,
    )


@transaction.atomic
def subordinate_set_included(
    *, actor: User, subordinate: SubordinateReport, include: bool
) -> SubordinateReport:
    """Leave an accepted report out of the roll-up, or take it back in. A report with errors
    can never be included."""
    if not can_edit_report(actor, subordinate.target):
        raise PermissionDeniedError("该报告当前不能修改。", "The report cannot be changed now.")
    if subordinate.status == SubordinateStatus.HAS_ERRORS:
        raise DomainError("该报告有错误，不能纳入汇总；请下级单位更正后重新报送。",
                          "A report with errors is never merged.")  # fmt: skip
    subordinate.status = SubordinateStatus.ACCEPTED if include else SubordinateStatus.EXCLUDED
    subordinate.save(update_fields=["status"])
    return subordinate


def accepted_subordinates(report: Report) -> list[tuple[int, AnnualReport]]:
    from gongkai.annual_report.model import from_dict

    return [
        (s.pk, from_dict(s.content))
        for s in report.subordinates.filter(status=SubordinateStatus.ACCEPTED).order_by("pk")
    ]


def subordinate_summary(subs: list[tuple[int, AnnualReport]]) -> list[dict[str, Any]]:
    return [{"id": pk, "organ": r.organ, "new": r.cells.get("t3.new.total") or 0} for pk, r in subs]
