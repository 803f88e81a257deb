"""Running the registered rules over a report: `check()`."""

from __future__ import annotations

from collections.abc import Iterable

from gongkai.annual_report.findings import Finding, Severity
from gongkai.annual_report.model import AnnualReport
from gongkai.annual_report.rules.registry import (
    PREVIOUS_PREFIX,
    RULES,
    Basis,
    Rule,
    RuleContext,
    Scope,
    finding,
    register,
)
from gongkai.annual_report.rules.wording import describe_missing

NOT_EVALUATED = "AUDIT-NOT-EVALUATED"

register(
    Rule(
        NOT_EVALUATED,
        Severity.INFO,
        Basis.NONE,
        "某条规则所需的单元格为 null（文档中没有），该规则未能检查",
        "a rule could not run because cells it needs are null (not in the document)",
        None,
    )
)


def check(
    report: AnnualReport,
    *,
    previous: AnnualReport | None = None,
    document: object = None,
    rules: Iterable[str] | None = None,
) -> list[Finding]:
    """Every finding of the registered rules on `report`, in registry order.

    - `previous`: the same body's report for the year before; enables the cross-year rules.
    - `document`: what the audit parsed; enables the document-level rules it registered.
    - `rules`: restrict to these rule ids (default: all).
    Rules that had to skip cells because they are null each add one AUDIT-NOT-EVALUATED
    finding naming them; a rule that could not run at all says why in the same way.
    """
    wanted = set(rules) if rules is not None else None
    ctx = RuleContext(report=report, previous=previous, document=document)
    findings: list[Finding] = []
    for rule in list(RULES.values()):
        if rule.function is None or (wanted is not None and rule.id not in wanted):
            continue
        if report.format_version not in rule.versions:
            continue
        if rule.scope is Scope.CROSS_YEAR and previous is None:
            continue
        if rule.scope is Scope.DOCUMENT and document is None:
            continue
        ctx.current_rule = rule.id
        findings.extend(rule.function(ctx))
    findings.extend(_not_evaluated(ctx))
    return findings


def _not_evaluated(ctx: RuleContext) -> list[Finding]:
    out: list[Finding] = []
    for rule_id, (reason, reason_en) in ctx.skipped.items():
        out.append(
            finding(
                NOT_EVALUATED,
                f"未检查规则 {rule_id}：{reason}",
                f"Rule {rule_id} was not evaluated: {reason_en}",
                skipped_rule=rule_id,
            )
        )
    for rule_id, keys in ctx.missing.items():
        if not keys:
            continue
        own = [k for k in keys if not k.startswith(PREVIOUS_PREFIX)]
        prev = [k.removeprefix(PREVIOUS_PREFIX) for k in keys if k.startswith(PREVIOUS_PREFIX)]
        parts_zh, parts_en = [], []
        if own:
            zh, en = describe_missing(ctx.report.format, ctx.report.cells, own)
            parts_zh.append(zh)
            parts_en.append(en)
        if prev and ctx.previous is not None:
            zh, en = describe_missing(ctx.previous.format, ctx.previous.cells, prev)
            parts_zh.append(f"上年报告：{zh}")
            parts_en.append(f"in the previous year's report: {en}")
        out.append(
            finding(
                NOT_EVALUATED,
                f"规则 {rule_id} 有 {len(keys)} 个所需单元格为 null（文档中没有），相关检查未进行："
                + "；".join(parts_zh),
                f"Rule {rule_id} skipped the checks needing {len(keys)} null cell(s) (not in "
                "the document): " + "; ".join(parts_en),
                keys,
                skipped_rule=rule_id,
                missing=len(keys),
            )
        )
    return out


def has_errors(findings: Iterable[Finding]) -> bool:
    return any(f.severity is Severity.ERROR for f in findings)
