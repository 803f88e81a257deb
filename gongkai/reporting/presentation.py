"""The three statistical tables laid out for templates, straight from the schema (labels live
only in gongkai.annual_report.schema). Each value cell carries its key so the back office can
link it to its records."""

from __future__ import annotations

from dataclasses import dataclass, field
from decimal import Decimal
from typing import Any

from gongkai.annual_report.schema import (
    T2_FIRST_COLUMN_LABEL,
    T3_APPLICANT_HEADER,
    T3_COLUMNS,
    T3_NOTE,
    T3_ORG_HEADER,
    T3_RESULTS_GROUP,
    T4_COLUMNS,
    T4_GROUPS,
    get_format,
)


@dataclass
class Cell:
    key: str
    value: Any
    colspan: int = 1

    @property
    def display(self) -> str:
        if self.value is None:
            return ""
        if isinstance(self.value, Decimal):
            return format(self.value.normalize(), "f")
        return str(self.value)


@dataclass
class T2BlockView:
    header: str
    column_labels: list[str]
    rows: list[tuple[str, list[Cell]]] = field(default_factory=list)


@dataclass
class T3RowView:
    label: str
    level: int
    cells: list[Cell]
    group_label: str = ""  # first row of a group carries the group label …
    group_span: int = 0  # … and how many rows it spans
    results_span: int = 0  # first result row carries 三、本年度办理结果 and its span


def _value(cells: dict[str, Any], key: str) -> Any:
    value = cells.get(key)
    if isinstance(value, str):
        try:
            return Decimal(value)
        except ArithmeticError:
            return value
    return value


def table2(format_version: str, cells: dict[str, Any]) -> list[T2BlockView]:
    fmt = get_format(format_version)
    blocks = []
    for block in fmt.t2_blocks:
        view = T2BlockView(block.header, [c.label for c in block.columns])
        width = 3
        for row in block.rows:
            span = width // len(row.columns) if len(row.columns) < width else 1
            view.rows.append(
                (row.label, [Cell(row.cell_key(c.key), _value(cells, row.cell_key(c.key)), span)
                             for c in row.columns])
            )  # fmt: skip
        blocks.append(view)
    return blocks


def table3(format_version: str, cells: dict[str, Any]) -> list[T3RowView]:
    fmt = get_format(format_version)
    rows: list[T3RowView] = []
    group_label = ""
    data_rows = fmt.t3_data_rows
    result_keys = [r.key for r in data_rows if r.level >= 1]
    group_sizes: dict[str, int] = {}
    for r in data_rows:
        if r.group:
            group_sizes[r.group] = group_sizes.get(r.group, 0) + 1
    seen_groups: set[str] = set()
    for line in fmt.t3_rows:
        if line.key is None:
            group_label = line.label if line.group else ""
            continue
        view = T3RowView(
            line.label,
            line.level,
            [Cell(f"{line.key}.{c.key}", _value(cells, f"{line.key}.{c.key}")) for c in T3_COLUMNS],
        )
        if line.group and line.group not in seen_groups:
            seen_groups.add(line.group)
            view.group_label = group_label
            view.group_span = group_sizes[line.group]
        if result_keys and line.key == result_keys[0]:
            view.results_span = len(result_keys)
        rows.append(view)
    return rows


def table4(cells: dict[str, Any]) -> list[Cell]:
    return [
        Cell(f"t4.{g.key}.{c}", _value(cells, f"t4.{g.key}.{c}"))
        for g in T4_GROUPS
        for c, _ in T4_COLUMNS
    ]


TABLE_CONTEXT = {
    "t2_first_column": T2_FIRST_COLUMN_LABEL,
    "t3_note": T3_NOTE,
    "t3_applicant_header": T3_APPLICANT_HEADER,
    "t3_org_header": T3_ORG_HEADER,
    "t3_results_group": T3_RESULTS_GROUP,
    "t3_columns": T3_COLUMNS,
    "t4_columns": [label for _, label in T4_COLUMNS],
    "t4_groups": T4_GROUPS,
}


def tables_context(format_version: str, cells: dict[str, Any]) -> dict[str, Any]:
    return {
        **TABLE_CONTEXT,
        "t2": table2(format_version, cells),
        "t3": table3(format_version, cells),
        "t4": table4(cells),
    }
