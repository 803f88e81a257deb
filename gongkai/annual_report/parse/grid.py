"""Tables → grids → cells with provenance (HTML and DOCX).

`expand` turns rows of cells with rowspan/colspan into a full rectangular grid: a merged cell's
text sits at its top-left position and its copies elsewhere are marked `spanned`, so a group
label such as `三、本年度办理结果` does not become a value and `行政许可 | 73021 (colspan 3)` gives
one value, not three.
"""

from __future__ import annotations

from dataclasses import dataclass

from gongkai.annual_report.parse.base import Cell, Row

MAX_SPAN = 200  # rowspan/colspan larger than this are clamped (hostile or broken markup)
MAX_COLUMNS = 400


@dataclass
class SpanCell:
    text: str
    rowspan: int = 1
    colspan: int = 1
    line: int | None = None


def expand(rows: list[list[SpanCell]], *, table: int, page: int | None = None) -> list[Row]:
    grid: dict[tuple[int, int], Cell] = {}
    width = 0
    for r, spans in enumerate(rows):
        c = 0
        for sc in spans:
            while (r, c) in grid:
                c += 1
            rs = min(max(sc.rowspan, 1), MAX_SPAN)
            cs = min(max(sc.colspan, 1), MAX_SPAN)
            for dr in range(rs):
                for dc in range(cs):
                    if c + dc >= MAX_COLUMNS:
                        continue
                    grid[(r + dr, c + dc)] = Cell(
                        sc.text, page=page, line=sc.line, table=table, row=r + dr, column=c + dc,
                        spanned=(dr, dc) != (0, 0),
                    )  # fmt: skip
            c += cs
            width = max(width, c)
    out: list[Row] = []
    height = max((r for r, _ in grid), default=-1) + 1
    for r in range(min(height, len(rows) + MAX_SPAN)):
        line = [grid[(r, c)] for c in range(min(width, MAX_COLUMNS)) if (r, c) in grid]
        if line and any(not cell.spanned for cell in line):
            out.append(Row(line, separated=True))
    return out
