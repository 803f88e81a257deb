"""Running the annual-report rules on a stored report, and the explanations warnings need.

Errors block submission. Each warning must carry a written explanation before submission; the
explanation is keyed by `finding_id` (rule + cells), so it survives a recompute that leaves
the same finding in place and is asked for again when the finding changes.
"""

from __future__ import annotations

import hashlib
import importlib
from typing import Any

from gongkai.annual_report.findings import Finding, Severity
from gongkai.annual_report.model import AnnualReport


def finding_id(finding: Finding | dict[str, Any]) -> str:
    if isinstance(finding, Finding):
        rule, cells, message = finding.rule, list(finding.cells), finding.message
    else:
        rule, cells, message = finding["rule"], list(finding.get("cells", [])), finding["message"]
    digest = hashlib.sha1(("|".join([rule, *cells, message])).encode("utf-8")).hexdigest()[:10]
    return f"{rule}-{digest}"


def run_rules(report: AnnualReport, *, previous: AnnualReport | None) -> list[Finding]:
    """Every rule of gongkai.annual_report.rules on `report` (cross-year rules with
    `previous`, last year's report of the same body and scope, when there is one)."""
    try:
        rules = importlib.import_module("gongkai.annual_report.rules")
    except ModuleNotFoundError as exc:  # pragma: no cover — only in a partial checkout
        if exc.name != "gongkai.annual_report.rules":
            raise
        return [
            Finding(
                "RULES-UNAVAILABLE",
                Severity.ERROR,
                "年报校验规则模块未安装，无法校验，不能提交。",
                "The annual-report rules module is not installed; the report cannot be checked.",
            )
        ]
    return list(rules.check(report, previous=previous))


def findings_to_json(findings: list[Finding]) -> list[dict[str, Any]]:
    return [{**f.to_json(), "id": finding_id(f)} for f in findings]


def errors_in(findings: list[dict[str, Any]]) -> list[dict[str, Any]]:
    return [f for f in findings if f["severity"] == Severity.ERROR.value]


def warnings_in(findings: list[dict[str, Any]]) -> list[dict[str, Any]]:
    return [f for f in findings if f["severity"] == Severity.WARNING.value]


def unexplained_warnings(
    findings: list[dict[str, Any]], explanations: dict[str, str]
) -> list[dict[str, Any]]:
    return [f for f in warnings_in(findings) if not explanations.get(f["id"], "").strip()]
