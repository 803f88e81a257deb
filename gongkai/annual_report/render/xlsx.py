"""XLSX: a sheet of narrative sections, then one sheet per table (表二, 表三, 表四), with the
official merged header cells, labels exactly as in schema.py, figures typed as numbers
(money as a number whose format shows all its decimals), column widths and A4 print setup.
"""

from __future__ import annotations

import io
from decimal import Decimal

from openpyxl import Workbook
from openpyxl.styles import Alignment, Border, Font, PatternFill, Side
from openpyxl.utils import get_column_letter
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
from gongkai.annual_report.render.narrative import outline, title_of

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


def _write_grid(ws: Worksheet, report: AnnualReport, grid: Grid) -> None:
    top = 3  # row 1: title; row 2: organ and year
    ws.cell(1, 1, grid.caption).font = Font(name=_HEAD_FONT, size=14)
    ws.merge_cells(start_row=1, start_column=1, end_row=1, end_column=grid.n_cols)
    ws.cell(1, 1).alignment = _CENTER
    ws.cell(2, 1, f"{report.organ}　{report.year}年度").font = Font(name=_FONT, size=10)
    ws.merge_cells(start_row=2, start_column=1, end_row=2, end_column=grid.n_cols)
    ws.cell(2, 1).alignment = _CENTER
    small = 9 if grid.table in ("三", "四") else 10.5
    for cell in grid.cells:
        r, c = top + cell.row, 1 + cell.col
        if cell.role is Role.VALUE:
            assert cell.key is not None
            value = report.cells.get(cell.key)
            xl = ws.cell(r, c, NULL_MARK if value is None else value)
            if isinstance(value, Decimal):
                xl.number_format = _money_format(value)
            elif isinstance(value, int):
                xl.number_format = "0"
            xl.alignment = _CENTER
        else:
            xl = ws.cell(r, c, cell.text)
            left = cell.role is Role.NOTE or (
                cell.role in (Role.ROW, Role.BLOCK) and cell.rowspan == 1
            )
            xl.alignment = _LEFT if left else _CENTER
            if cell.role is Role.BLOCK:
                xl.fill = _BLOCK_FILL
        xl.font = Font(name=_FONT, size=small, bold=cell.role is Role.BLOCK)
        # Borders on every covered position so merged ranges print with full borders.
        for rr in range(r, r + cell.rowspan):
            for cc in range(c, c + cell.colspan):
                ws.cell(rr, cc).border = _BORDER
        if cell.rowspan > 1 or cell.colspan > 1:
            ws.merge_cells(
                start_row=r,
                start_column=c,
                end_row=r + cell.rowspan - 1,
                end_column=c + cell.colspan - 1,
            )
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


def _write_narrative(ws: Worksheet, report: AnnualReport) -> None:
    ws.column_dimensions["A"].width = 26
    ws.column_dimensions["B"].width = 90
    ws.cell(1, 1, title_of(report)).font = Font(name=_HEAD_FONT, size=14)
    ws.merge_cells("A1:B1")
    ws.cell(1, 1).alignment = _CENTER
    meta = (("机关", report.organ), ("年度", report.year), ("格式版本", report.format.title))
    r = 2
    for label, value in meta:
        ws.cell(r, 1, label).font = Font(name=_HEAD_FONT, size=11)
        ws.cell(r, 2, value).font = Font(name=_FONT, size=11)
        r += 1
    for part in outline(report):
        ws.cell(r, 1, part.section.heading).font = Font(name=_HEAD_FONT, size=11)
        text = "\n".join(p.text for p in part.paragraphs)
        if part.grid is not None:
            text = (text + "\n" if text else "") + f"（见工作表“{SHEET_NAMES[part.grid.table]}”）"
        xl = ws.cell(r, 2, text)
        xl.font = Font(name=_FONT, size=11)
        for c in (1, 2):
            ws.cell(r, c).alignment = Alignment(vertical="top", wrap_text=True)
        # Rough height so the text shows without resizing: ~45 characters per line.
        lines = sum(max(1, -(-len(line) // 45)) for line in text.split("\n")) if text else 1
        ws.row_dimensions[r].height = min(409, 15 * lines)
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
        return buf.getvalue()
