"""XLSX: a sheet of narrative sections, then one sheet per table (表二, 表三, 表四), with the
official merged header cells, labels exactly as in schema.py, figures typed as numbers
(money as a number whose format shows all its decimals), column widths and A4 print setup.
"""

from __future__ import annotations

import io
import math
from decimal import Decimal

from openpyxl import Workbook
from openpyxl.styles import Alignment, Border, Font, NamedStyle, PatternFill, Side
from openpyxl.utils import get_column_letter
from openpyxl.worksheet.merge import MergedCellRange
from openpyxl.worksheet.worksheet import Worksheet

from gongkai.annual_report.model import AnnualReport
from gongkai.annual_report.render import Renderer, register
from gongkai.annual_report.render.layout import (
    NULL_LEGEND,
    NULL_MARK,
    Grid,
    Role,
    decimals_of,
    has_nulls,
)
from gongkai.annual_report.render.narrative import ParaKind, outline, title_of
from gongkai.annual_report.render.package import reproducible

# Spreadsheet fonts: the eastAsia face Office uses for Chinese text; LibreOffice substitutes
# its own CJK default where it is missing.
_FONT = "仿宋_GB2312"
_HEAD_FONT = "黑体"
_THIN = Side(style="thin", color="000000")
_BORDER = Border(left=_THIN, right=_THIN, top=_THIN, bottom=_THIN)
_CENTER = Alignment(horizontal="center", vertical="center", wrap_text=True)
_LEFT = Alignment(horizontal="left", vertical="center", wrap_text=True)
_BLOCK_FILL = PatternFill("solid", fgColor="F2F2F2")
# Total printable width in Excel column-width units (≈ characters) on portrait A4.
_PAGE_WIDTH = {"二": 80.0, "三": 100.0, "四": 120.0}
SHEET_NAMES = {"二": "表二", "三": "表三", "四": "表四"}
NARRATIVE_SHEET = "正文"


def _money_format(value: Decimal) -> str:
    places = max(decimals_of(value), 2)
    return "0." + "0" * places


def _named_styles(wb: Workbook) -> None:
    """One named style per kind of table cell and size: a cell then takes one assignment
    instead of four (openpyxl hashes every style object it is given)."""
    for size in (10.5, 9):
        font = Font(name=_FONT, size=size)
        for kind, align in (
            ("value", _CENTER),
            ("center", _CENTER),
            ("left", _LEFT),
            ("block", _LEFT),
        ):
            style = NamedStyle(name=f"gk-{kind}-{size}", border=_BORDER, alignment=align)
            style.font = Font(name=_FONT, size=size, bold=True) if kind == "block" else font
            if kind == "block":
                style.fill = _BLOCK_FILL
            if kind == "value":
                style.number_format = "0"
            wb.add_named_style(style)


def _merge(ws: Worksheet, r1: int, c1: int, r2: int, c2: int) -> None:
    # Registered directly: Worksheet.merge_cells() would also re-style the range's edges,
    # which the named styles have done already (and which costs most of the render time).
    ws.merged_cells.add(
        MergedCellRange(ws, f"{get_column_letter(c1)}{r1}:{get_column_letter(c2)}{r2}")
    )


def _write_grid(ws: Worksheet, report: AnnualReport, grid: Grid) -> None:
    top = 3  # row 1: title; row 2: organ and year
    ws.cell(1, 1, grid.caption).font = Font(name=_HEAD_FONT, size=14)
    ws.cell(1, 1).alignment = _CENTER
    _merge(ws, 1, 1, 1, grid.n_cols)
    ws.cell(2, 1, f"{report.organ}　{report.year}年度").font = Font(name=_FONT, size=10)
    ws.cell(2, 1).alignment = _CENTER
    _merge(ws, 2, 1, 2, grid.n_cols)
    size = 9 if grid.table in ("三", "四") else 10.5
    for cell in grid.cells:
        r, c = top + cell.row, 1 + cell.col
        if cell.role is Role.VALUE:
            assert cell.key is not None
            value = report.cells.get(cell.key)
            xl = ws.cell(r, c, NULL_MARK if value is None else value)
            xl.style = f"gk-value-{size}"
            if isinstance(value, Decimal):
                xl.number_format = _money_format(value)
        else:
            xl = ws.cell(r, c, cell.text)
            if cell.role is Role.BLOCK:
                kind = "block"
            elif cell.role is Role.NOTE or (cell.role is Role.ROW and cell.rowspan == 1):
                kind = "left"
            else:
                kind = "center"
            xl.style = f"gk-{kind}-{size}"
        if cell.rowspan > 1 or cell.colspan > 1:
            # Borders on every covered position so merged ranges print with full borders.
            for rr in range(r, r + cell.rowspan):
                for cc in range(c, c + cell.colspan):
                    if (rr, cc) != (r, c):
                        ws.cell(rr, cc).style = f"gk-center-{size}"
            _merge(ws, r, c, r + cell.rowspan - 1, c + cell.colspan - 1)
    last = top + grid.n_rows - 1
    if has_nulls(report, grid):
        ws.cell(last + 2, 1, NULL_LEGEND).font = Font(name=_FONT, size=9)
    for i, w in enumerate(grid.widths):
        ws.column_dimensions[get_column_letter(i + 1)].width = round(w * _PAGE_WIDTH[grid.table], 1)
    if grid.head_rows:
        ws.print_title_rows = f"{top}:{top + grid.head_rows - 1}"
    if grid.head_rows:
        ws.freeze_panes = ws.cell(
            top + grid.head_rows, 1 + (3 if grid.table == "三" else 0)
        ).coordinate
    _row_heights(ws, grid, top, size)
    _print_setup(ws, landscape=grid.table == "四")


def _print_setup(ws: Worksheet, *, landscape: bool = False) -> None:
    ws.page_setup.paperSize = ws.PAPERSIZE_A4
    ws.page_setup.orientation = "landscape" if landscape else "portrait"
    ws.page_setup.fitToWidth = 1
    ws.page_setup.fitToHeight = 0
    from openpyxl.worksheet.properties import PageSetupProperties

    ws.sheet_properties.pageSetUpPr = PageSetupProperties(fitToPage=True)
    ws.print_options.horizontalCentered = True
    ws.page_margins.left = ws.page_margins.right = 0.6
    ws.page_margins.top = ws.page_margins.bottom = 0.8
    footer = ws.oddFooter
    if footer is not None:
        footer.center.text = "第 &P 页，共 &N 页"


def _lines(text: str, width_units: float, size: float) -> int:
    """Lines `text` wraps to in a column `width_units` wide (Excel width units ≈ 5.25 pt; a
    Chinese character is about `size` pt wide, a digit or Latin letter half that)."""
    per_line = max(1.0, (width_units * 5.25 - 4) / size)
    width = sum(0.55 if ord(ch) < 0x2E80 else 1.0 for ch in text)
    return max(1, math.ceil(width / per_line))


def _row_heights(ws: Worksheet, grid: Grid, top: int, size: float) -> None:
    """Row heights that show every wrapped label: spreadsheets do not grow rows for wrapped
    text in merged cells, and a printed form with clipped labels is useless."""
    widths = [ws.column_dimensions[get_column_letter(i + 1)].width for i in range(grid.n_cols)]
    need = [1] * grid.n_rows
    for cell in grid.cells:
        if cell.role is Role.VALUE or cell.rowspan > 1:
            continue  # figures fit one line; group labels have their rows' height to use
        span = sum(widths[cell.col : cell.col + cell.colspan])
        need[cell.row] = max(need[cell.row], _lines(cell.text, span, size))
    for cell in grid.cells:
        if cell.role is not Role.VALUE and cell.rowspan > 1:
            span = sum(widths[cell.col : cell.col + cell.colspan])
            short = _lines(cell.text, span, size) - sum(need[cell.row : cell.row + cell.rowspan])
            if short > 0:
                need[cell.row + cell.rowspan - 1] += short
    for i, lines in enumerate(need):
        ws.row_dimensions[top + i].height = round(lines * size * 1.3 + 4, 1)


def _write_narrative(ws: Worksheet, report: AnnualReport) -> None:
    """Column A the section heading, column B the text: one paragraph a row, so each row
    stays within a spreadsheet's row height limit and prints without clipping."""
    ws.column_dimensions["A"].width = 24
    ws.column_dimensions["B"].width = 92
    ws.cell(1, 1, title_of(report)).font = Font(name=_HEAD_FONT, size=14)
    _merge(ws, 1, 1, 1, 2)
    ws.cell(1, 1).alignment = _CENTER
    ws.row_dimensions[1].height = 24
    meta = (("机关", report.organ), ("年度", report.year), ("格式版本", report.format.title))
    r = 2
    head_font, body_font = Font(name=_HEAD_FONT, size=11), Font(name=_FONT, size=11)
    sub_font = Font(name=_FONT, size=11, bold=True)
    top_wrap = Alignment(vertical="top", wrap_text=True)
    for label, value in meta:
        ws.cell(r, 1, label).font = head_font
        ws.cell(r, 2, value).font = body_font
        ws.cell(r, 2).alignment = Alignment(horizontal="left")
        r += 1
    for part in outline(report):
        heading = ws.cell(r, 1, part.section.heading)
        heading.font = head_font
        heading.alignment = top_wrap
        texts = [(p.text, p.kind is ParaKind.SUBHEAD) for p in part.paragraphs]
        if part.grid is not None:
            texts.append((f"（见工作表“{SHEET_NAMES[part.grid.table]}”）", False))
        first = r
        for text, is_subhead in texts or [("", False)]:
            xl = ws.cell(r, 2, text)
            xl.font = sub_font if is_subhead else body_font
            xl.alignment = top_wrap
            lines = max(
                _lines(text, 92, 11), _lines(part.section.heading, 24, 11) if r == first else 1
            )
            ws.row_dimensions[r].height = min(409, round(lines * 11 * 1.35 + 4, 1))
            r += 1
    _print_setup(ws)


@register
class XlsxRenderer(Renderer):
    name = "xlsx"
    label = "电子表格（XLSX）"
    media_type = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
    extension = "xlsx"

    def render(self, report: AnnualReport) -> bytes:
        wb = Workbook()
        narrative = wb.active
        assert narrative is not None
        narrative.title = NARRATIVE_SHEET
        _named_styles(wb)
        _write_narrative(narrative, report)
        for part in outline(report):
            if part.grid is not None:
                _write_grid(wb.create_sheet(SHEET_NAMES[part.grid.table]), report, part.grid)
        wb.properties.title = title_of(report)
        wb.properties.creator = "gongkai"
        # Fixed timestamps: the same report gives the same file.
        from datetime import datetime

        fixed = datetime(report.year + 1, 1, 1)  # noqa: DTZ001 — the XLSX core properties are naive
        wb.properties.created = wb.properties.modified = fixed
        buf = io.BytesIO()
        wb.save(buf)
        return reproducible(buf.getvalue(), year=report.year)
