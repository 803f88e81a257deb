"""Table 三 rules (report-rules.md §2): T3-BALANCE, T3-ROWSUM, T3-RESULTS-TOTAL.

All three are exact integer identities, one finding per failing column or row, listing every
cell of the identity and the expected and actual values.
"""

from __future__ import annotations

from collections.abc import Iterator

from gongkai.annual_report.findings import Finding, Severity
from gongkai.annual_report.rules.registry import Basis, RuleContext, finding, rule
from gongkai.annual_report.rules.wording import difference, quoted, terms
from gongkai.annual_report.schema import (
    T3_COLUMN_BY_KEY,
    T3_COLUMN_KEYS,
    T3_DETAIL_COLUMN_KEYS,
    T3_NOTE,
    T3_RESULT_GROUPS,
)

NEW, CARRIED_OVER, TOTAL, CARRIED_FORWARD = (
    "t3.new",
    "t3.carried_over",
    "t3.total",
    "t3.carried_forward",
)


@rule(
    "T3-BALANCE",
    Severity.ERROR,
    Basis.OFFICIAL,
    "表三每一列：第一项加第二项之和，等于第三项加第四项之和（新收 + 上年结转 = 总计 + 结转下年度）",
    "table 三, every column: new + carried over = total + carried forward",
)
def t3_balance(ctx: RuleContext) -> Iterator[Finding]:
    fmt = ctx.fmt
    rows = (NEW, CARRIED_OVER, TOTAL, CARRIED_FORWARD)
    label = {r: fmt.t3_row(r).label for r in rows}
    for c in T3_COLUMN_KEYS:
        keys = [f"{r}.{c}" for r in rows]
        values = ctx.values(keys)
        if values is None:
            continue
        new, over, total, forward = values
        left, right = new + over, total + forward
        if left == right:
            continue
        col = T3_COLUMN_BY_KEY[c].full_label
        diff, diff_en = difference(left, right)
        yield finding(
            "T3-BALANCE",
            f"表三{quoted(col)}列勾稽关系不成立：{quoted(label[NEW])} {new} + "
            f"{quoted(label[CARRIED_OVER])} {over} = {left}，应等于 {quoted(label[TOTAL])} "
            f"{total} + {quoted(label[CARRIED_FORWARD])} {forward} = {right}（{diff}）。"
            f"表头注明{T3_NOTE}",
            f"Table 三, column {col} ({c}): new {new} + carried over {over} = {left} must equal "
            f"total {total} + carried forward {forward} = {right} ({diff_en}); the table's own "
            "note requires rows 一 + 二 = 三（七） + 四.",
            keys,
            column=c,
            expected=left,
            actual=right,
        )


@rule(
    "T3-ROWSUM",
    Severity.ERROR,
    Basis.DEF,
    "表三每一行：自然人与五类法人或其他组织之和等于“总计”列",
    "table 三, every row: the six applicant columns add up to the 总计 column",
)
def t3_rowsum(ctx: RuleContext) -> Iterator[Finding]:
    fmt = ctx.fmt
    total_label = T3_COLUMN_BY_KEY["total"].label
    for row in fmt.t3_data_rows:
        assert row.key is not None
        keys = [f"{row.key}.{c}" for c in T3_COLUMN_KEYS]
        values = ctx.values(keys)
        if values is None:
            continue
        *parts, total = values
        if sum(parts) == total:
            continue
        cols = [T3_COLUMN_BY_KEY[c].label for c in T3_DETAIL_COLUMN_KEYS]
        diff, diff_en = difference(sum(parts), total)
        yield finding(
            "T3-ROWSUM",
            f"表三{quoted(row.label)}行：{terms(zip(cols, parts, strict=True))} = {sum(parts)}，"
            f"但{quoted(total_label)}列为 {total}（{diff}）。",
            f"Table 三, row {row.key}: the applicant columns add up to {sum(parts)} "
            f"({terms(zip(T3_DETAIL_COLUMN_KEYS, parts, strict=True))}) but the total column "
            f"(总计) is {total} ({diff_en}).",
            keys,
            row=row.key,
            expected=sum(parts),
            actual=total,
        )


@rule(
    "T3-RESULTS-TOTAL",
    Severity.ERROR,
    Basis.DEF,
    "表三每一列：（一）至（六）各项办理结果之和等于（七）总计（每件办结的申请只计入一种结果）",
    "table 三, every column: the result rows （一）–（六） add up to （七）总计 "
    "(each closed application counts in exactly one result row)",
)
def t3_results_total(ctx: RuleContext) -> Iterator[Finding]:
    fmt = ctx.fmt
    result_rows = fmt.t3_result_row_keys
    total_label = fmt.t3_row(TOTAL).label
    # the terms of the message: single rows, and each group summed (Σ), in table order
    parts: list[tuple[str, tuple[str, ...]]] = []
    for r in result_rows:
        group = next((g for g in T3_RESULT_GROUPS if r == g or r.startswith(g + ".")), None)
        if group is None:
            parts.append((r, (r,)))
        elif parts and parts[-1][0] == group:
            parts[-1] = (group, (*parts[-1][1], r))
        else:
            parts.append((group, (r,)))
    for c in T3_COLUMN_KEYS:
        keys = [f"{r}.{c}" for r in result_rows]
        values = ctx.values([*keys, f"{TOTAL}.{c}"])
        if values is None:
            continue
        *results, total = values
        by_row = dict(zip(result_rows, results, strict=True))
        if sum(results) == total:
            continue
        zh_terms, en_terms = [], []
        for name, rows in parts:
            value = sum(by_row[r] for r in rows)
            grouped = len(rows) > 1 or name in T3_RESULT_GROUPS
            label = fmt.t3_group_label(name) if grouped else fmt.t3_row(name).label
            zh_terms.append((("Σ" if len(rows) > 1 else "") + label, value))
            en_terms.append(((name + ".*") if len(rows) > 1 else name, value))
        col = T3_COLUMN_BY_KEY[c].full_label
        diff, diff_en = difference(sum(results), total)
        yield finding(
            "T3-RESULTS-TOTAL",
            f"表三{quoted(col)}列：各项办理结果之和 {terms(zh_terms)} = {sum(results)}，"
            f"应等于{quoted(total_label)} {total}（{diff}）。",
            f"Table 三, column {col} ({c}): the result rows add up to {sum(results)} "
            f"({terms(en_terms)}) but t3.total is {total} ({diff_en}).",
            [*keys, f"{TOTAL}.{c}"],
            column=c,
            expected=sum(results),
            actual=total,
        )
