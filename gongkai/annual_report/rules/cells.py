"""Cell-level rules (report-rules.md §1): CELL-TYPE."""

from __future__ import annotations

from collections.abc import Iterator
from decimal import Decimal

from gongkai.annual_report.findings import Finding, Severity
from gongkai.annual_report.rules.registry import Basis, RuleContext, finding, rule
from gongkai.annual_report.schema import CellKind

_KIND_WORDS = {
    CellKind.COUNT: ("非负整数", "a non-negative whole number"),
    CellKind.SIGNED: ("整数（可以为负数）", "a whole number (may be negative)"),
    CellKind.MONEY: ("非负的十进制金额", "a non-negative decimal amount"),
}


@rule(
    "CELL-TYPE",
    Severity.ERROR,
    Basis.DEF,
    "表三、表四和表二的件数为非负整数；2019 年格式的“本年增/减”为整数，可以为负；金额为非负十进制数",
    "counts are non-negative integers; 2019 本年增/减 is a signed integer; amounts are "
    "non-negative decimals",
)
def cell_type(ctx: RuleContext) -> Iterator[Finding]:
    fmt = ctx.fmt
    for key in fmt.cell_keys:
        value = ctx.report.cells.get(key)
        if value is None:
            continue  # null: not in the document — nothing to type-check
        spec = fmt.cell(key)
        problem = _problem(spec.kind, value)
        if problem is None:
            continue
        want, want_en = _KIND_WORDS[spec.kind]
        yield finding(
            "CELL-TYPE",
            f"{spec.label}（{key}）应为{want}，实际为 {value!r}：{problem[0]}。",
            f"{key} must be {want_en}, got {value!r}: {problem[1]}.",
            (key,),
            expected=spec.kind.value,
            actual=repr(value),
        )


def _problem(kind: CellKind, value: object) -> tuple[str, str] | None:
    if isinstance(value, bool) or not isinstance(value, int | Decimal | float):
        return ("不是数字", "not a number")
    if kind is CellKind.MONEY:
        if isinstance(value, float):
            # binary floating point cannot hold 0.1 万元 exactly (model.py stores Decimal)
            return ("金额须以十进制数保存，不能用浮点数", "store money as Decimal, not float")
        amount = Decimal(value)
        if not amount.is_finite():
            return ("不是有限数值", "not a finite number")
        if amount < 0:
            return ("金额不能为负数", "an amount cannot be negative")
        return None
    if not isinstance(value, int):
        return ("件数须为整数，不能有小数", "a count must be a whole number")
    if kind is CellKind.COUNT and value < 0:
        return ("件数不能为负数", "a count cannot be negative")
    return None
