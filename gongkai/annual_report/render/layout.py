"""The three statistical tables as grids of merged cells, exactly as the official form lays
them out (docs/domain/annual-report-format.md §4–§6).

Every renderer paints these grids, so the merged header cells, the 勾稽关系 note and the
three-level label column of table 三 are decided once, here, from the labels in schema.py.
A grid is built per format version (cached) and holds no values: a value cell names its
canonical cell key, and the renderer asks `cell_text()` for what to print.

Conventions shared by all outputs (format §7, §8):
- zero is printed `0`, never left blank;
- a null cell (the document has no such cell) is printed `—` and the table gets the legend
  `NULL_LEGEND`;
- money is printed with exactly the decimals it holds (Decimal, never float).
"""

from __future__ import annotations

from dataclasses import dataclass
from decimal import Decimal
from enum import StrEnum
from functools import cache, cached_property

from gongkai.annual_report.model import AnnualReport, CellValue
from gongkai.annual_report.schema import (
    T2_FIRST_COLUMN_LABEL,
    T3_APPLICANT_HEADER,
    T3_COLUMNS,
    T3_NOTE,
    T3_ORG_HEADER,
    T3_RESULTS_GROUP,
    T4_COLUMNS,
    T4_GROUPS,
    TABLE_TITLES,
    FormatVersion,
    get_format,
)

NULL_MARK = "—"
NULL_LEGEND = "注：“—”表示原报告中没有该项数据（不是 0）。"
NULL_LEGEND_EN = "Note: “—” marks a figure the report does not contain (it is not zero)."


class Role(StrEnum):
    NOTE = "note"  # the 勾稽关系 note in table 三's top-left corner
    BLOCK = "block"  # table 二 block header (第二十条第（一）项)
    COLUMN = "column"  # a column header
    ROW = "row"  # a row label (or a group label spanning several rows)
    VALUE = "value"  # a figure; `key` names its cell


@dataclass(frozen=True)
class GridCell:
    row: int
    col: int
    role: Role
    text: str = ""  # the label; empty for value cells (see cell_text)
    key: str | None = None  # canonical cell key of a value cell
    rowspan: int = 1
    colspan: int = 1
    level: int = 0  # table 三 label level: 0 一、…, 1 （一）…, 2 1. …

    @property
    def is_header(self) -> bool:
        return self.role is not Role.VALUE

    @property
    def id(self) -> str:
        """A stable id within its table, for HTML `headers` attributes."""
        return f"r{self.row}c{self.col}"


@dataclass(eq=False)
class Grid:
    table: str  # "二", "三", "四"
    caption: str  # "表二 主动公开政府信息情况"
    n_cols: int
    n_rows: int
    cells: tuple[GridCell, ...]  # in row-major order of their top-left corner
    head_rows: int  # leading rows that are the table head (repeated on each page)
    widths: tuple[float, ...]  # relative column widths, sum 1.0 (portrait A4 print)
    # Rows that start a new block of table 二 (a block header row); empty elsewhere.
    block_starts: tuple[int, ...] = ()

    def rows(self) -> list[list[GridCell]]:
        """Cells grouped by the row their top-left corner is in."""
        out: list[list[GridCell]] = [[] for _ in range(self.n_rows)]
        for cell in self.cells:
            out[cell.row].append(cell)
        return out

    def value_cells(self) -> list[GridCell]:
        return [c for c in self.cells if c.role is Role.VALUE]

    def headers_of(self, cell: GridCell) -> tuple[GridCell, ...]:
        """The header cells that label `cell`: the row labels to its left and the column
        headers above it (within its block for table 二), outermost first."""
        covering = self.covering
        above: list[GridCell] = []
        seen_header = False
        for r in range(cell.row - 1, -1, -1):
            h = covering.get((r, cell.col))
            if h is None or not h.is_header:
                if seen_header:
                    break
                continue
            seen_header = True
            if h not in above and h.role is not Role.NOTE:
                above.append(h)
        left: list[GridCell] = []
        for c in range(cell.col - 1, -1, -1):
            h = covering.get((cell.row, c))
            if h is not None and h.is_header and h not in left:
                left.append(h)
        return tuple(reversed(above)) + tuple(reversed(left))

    @cached_property
    def covering(self) -> dict[tuple[int, int], GridCell]:
        """Every grid position mapped to the (merged) cell that covers it."""
        out: dict[tuple[int, int], GridCell] = {}
        for cell in self.cells:
            for r in range(cell.row, cell.row + cell.rowspan):
                for c in range(cell.col, cell.col + cell.colspan):
                    out[(r, c)] = cell
        return out

    @cached_property
    def header_map(self) -> dict[tuple[int, int], tuple[GridCell, ...]]:
        """`headers_of` for every value cell, computed once per grid."""
        return {(c.row, c.col): self.headers_of(c) for c in self.value_cells()}


# --- values ------------------------------------------------------------------------------------


def format_value(value: CellValue) -> str:
    """The printed form of one cell value: `0` for zero, `—` for null, money exactly."""
    if value is None:
        return NULL_MARK
    if isinstance(value, Decimal):
        return format(value, "f")
    return str(value)


def cell_text(report: AnnualReport, key: str) -> str:
    return format_value(report.cells.get(key))


def decimals_of(value: Decimal) -> int:
    exponent = value.as_tuple().exponent
    return -exponent if isinstance(exponent, int) and exponent < 0 else 0


def has_nulls(report: AnnualReport, grid: Grid) -> bool:
    return any(report.cells.get(c.key) is None for c in grid.value_cells() if c.key)


# --- grids ---------------------------------------------------------------------------------------


def grids(fmt: FormatVersion | str) -> tuple[Grid, Grid, Grid]:
    tag = fmt if isinstance(fmt, str) else fmt.tag
    return _grids(tag)


@cache
def _grids(tag: str) -> tuple[Grid, Grid, Grid]:
    fmt = get_format(tag)
    return table2(fmt), table3(fmt), table4()


def _caption(table: str) -> str:
    return f"表{table} {TABLE_TITLES[table]}"


def _spread(n_values: int, width: int = 3) -> list[int]:
    """Column spans for a table 二 row with `n_values` values over `width` value columns:
    3 → 1+1+1, 1 → 3 (本年处理决定数量 spans the three columns), 2 → 1+2."""
    if n_values == width:
        return [1] * width
    return [1] * (n_values - 1) + [width - n_values + 1]


def table2(fmt: FormatVersion) -> Grid:
    """Table 二: per Art. 20 item a merged block-header row, a 信息内容 header row, the rows."""
    cells: list[GridCell] = []
    r = 0
    starts: list[int] = []
    for block in fmt.t2_blocks:
        starts.append(r)
        cells.append(GridCell(r, 0, Role.BLOCK, block.header, colspan=4))
        r += 1
        cells.append(GridCell(r, 0, Role.COLUMN, T2_FIRST_COLUMN_LABEL))
        c = 1
        for column, span in zip(block.columns, _spread(len(block.columns)), strict=True):
            cells.append(GridCell(r, c, Role.COLUMN, column.label, colspan=span))
            c += span
        r += 1
        for row in block.rows:
            cells.append(GridCell(r, 0, Role.ROW, row.label))
            c = 1
            for column, span in zip(row.columns, _spread(len(row.columns)), strict=True):
                cells.append(GridCell(r, c, Role.VALUE, key=row.cell_key(column.key), colspan=span))
                c += span
            r += 1
    return Grid(
        "二", _caption("二"), 4, r, tuple(cells), 0, (0.31, 0.23, 0.23, 0.23), tuple(starts)
    )


def table3(fmt: FormatVersion) -> Grid:
    """Table 三: 3×3 note corner, 申请人情况 / 自然人 · 法人或其他组织 · 总计 / five
    organisation columns; a three-level label column with rowspans for the groups."""
    cells: list[GridCell] = [
        GridCell(0, 0, Role.NOTE, T3_NOTE, rowspan=3, colspan=3),
        GridCell(0, 3, Role.COLUMN, T3_APPLICANT_HEADER, colspan=7),
        GridCell(1, 3, Role.COLUMN, T3_COLUMNS[0].label, rowspan=2),
        GridCell(1, 4, Role.COLUMN, T3_ORG_HEADER, colspan=5),
        GridCell(1, 9, Role.COLUMN, T3_COLUMNS[-1].label, rowspan=2),
    ]
    cells += [
        GridCell(2, 3 + i, Role.COLUMN, col.label)
        for i, col in enumerate(T3_COLUMNS)
        if col.under_org
    ]
    rows = fmt.t3_rows
    # How many data rows each group label spans.
    span_of: dict[str, int] = {}
    for row in rows:
        if row.key is not None and row.group:
            span_of[row.group] = span_of.get(row.group, 0) + 1
    results_span = sum(1 for row in rows if row.key is not None and row.level >= 1)
    r = 3
    for row in rows:
        if row.key is None:
            # Group lines have no row of their own: their label spans their members' rows.
            if row.label == T3_RESULTS_GROUP:
                cells.append(GridCell(r, 0, Role.ROW, row.label, rowspan=results_span))
            else:
                assert row.group is not None
                cells.append(
                    GridCell(r, 1, Role.ROW, row.label, rowspan=span_of[row.group], level=1)
                )
            continue
        if row.level == 0:
            cells.append(GridCell(r, 0, Role.ROW, row.label, colspan=3))
        elif row.level == 1:
            cells.append(GridCell(r, 1, Role.ROW, row.label, colspan=2, level=1))
        else:
            cells.append(GridCell(r, 2, Role.ROW, row.label, level=2))
        for i, col in enumerate(T3_COLUMNS):
            cells.append(GridCell(r, 3 + i, Role.VALUE, key=f"{row.key}.{col.key}"))
        r += 1
    widths = (0.05, 0.09, 0.40) + (0.46 / 7,) * 7
    return Grid("三", _caption("三"), 10, r, tuple(cells), 3, _normalise(widths))


def table4() -> Grid:
    """Table 四: 行政复议 (5) | 行政诉讼 (10, split into 未经复议直接起诉 and 复议后起诉)."""
    cells: list[GridCell] = [
        GridCell(0, 0, Role.COLUMN, T4_GROUPS[0].label, colspan=5),
        GridCell(0, 5, Role.COLUMN, T4_GROUPS[1].parent or "", colspan=10),
    ]
    cells += [
        GridCell(1, i, Role.COLUMN, label, rowspan=2) for i, (_, label) in enumerate(T4_COLUMNS)
    ]
    cells += [
        GridCell(1, 5 + 5 * i, Role.COLUMN, g.label, colspan=5) for i, g in enumerate(T4_GROUPS[1:])
    ]
    cells += [
        GridCell(2, 5 + 5 * i + j, Role.COLUMN, label)
        for i in range(2)
        for j, (_, label) in enumerate(T4_COLUMNS)
    ]
    cells += [
        GridCell(3, 5 * i + j, Role.VALUE, key=f"t4.{g.key}.{col}")
        for i, g in enumerate(T4_GROUPS)
        for j, (col, _) in enumerate(T4_COLUMNS)
    ]
    return Grid("四", _caption("四"), 15, 4, tuple(cells), 3, (1 / 15,) * 15)


def _normalise(widths: tuple[float, ...]) -> tuple[float, ...]:
    total = sum(widths)
    return tuple(w / total for w in widths)
