"""Table 四 rules (report-rules.md §3): T4-TOTALS, one finding per failing group."""

from __future__ import annotations

from collections.abc import Iterator

from gongkai.annual_report.findings import Finding, Severity
from gongkai.annual_report.rules.registry import Basis, RuleContext, finding, rule
from gongkai.annual_report.rules.wording import difference, quoted, terms
from gongkai.annual_report.schema import T4_COLUMNS, T4_GROUPS


@rule(
    "T4-TOTALS",
    Severity.ERROR,
    Basis.DEF,
    "表四每组：结果维持 + 结果纠正 + 其他结果 + 尚未审结 = 总计",
    "table 四, each group: upheld + corrected + other + pending = total",
)
def t4_totals(ctx: RuleContext) -> Iterator[Finding]:
    for group in T4_GROUPS:
        keys = [f"t4.{group.key}.{c}" for c, _ in T4_COLUMNS]
        values = ctx.values(keys)
        if values is None:
            continue
        *parts, total = values
        if sum(parts) == total:
            continue
        name = f"{group.parent} › {group.label}" if group.parent else group.label
        labels = [label for _, label in T4_COLUMNS]
        diff, diff_en = difference(sum(parts), total)
        yield finding(
            "T4-TOTALS",
            f"表四{quoted(name)}：{terms(zip(labels[:-1], parts, strict=True))} = {sum(parts)}，"
            f"但{quoted(labels[-1])}为 {total}（{diff}）。",
            f"Table 四, group {name} ({group.key}): "
            f"{terms(zip([c for c, _ in T4_COLUMNS[:-1]], parts, strict=True))} = {sum(parts)} "
            f"but the total is {total} ({diff_en}).",
            keys,
            group=group.key,
            expected=sum(parts),
            actual=total,
        )
