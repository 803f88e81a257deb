"""XLSX renderer: open the workbook with openpyxl; labels exactly as in the form, merged
header cells, figures typed as numbers, money with its decimals, A4 print setup."""

from __future__ import annotations

import io
from decimal import Decimal

import openpyxl

from gongkai.annual_report.model import AnnualReport
from gongkai.annual_report.render import get_renderer
from gongkai.annual_report.render.layout import NULL_LEGEND, NULL_MARK
from gongkai.annual_report.render.xlsx import SHEET_NAMES
from gongkai.annual_report.schema import SECTIONS
from gongkai.annual_report.tests.readback import (
    Grid,
    Pos,
    assert_table_matches,
    exact,
    expected_labels,
    norm,
)

TOP = 3  # rows 1–2 hold the sheet title and the organ/year line


def _open(report: AnnualReport):
    return openpyxl.load_workbook(io.BytesIO(get_renderer("xlsx").render(report)))


def _grid(ws) -> Grid:
    """Positions from row TOP down to the last bordered row, merges expanded."""
    anchor = {}
    for rng in ws.merged_cells.ranges:
        for r in range(rng.min_row, rng.max_row + 1):
            for c in range(rng.min_col, rng.max_col + 1):
                anchor[(r, c)] = (rng.min_row, rng.min_col)
    grid: Grid = {}
    r = TOP
    while ws.cell(r, 1).border.left.style == "thin":
        for c in range(1, ws.max_column + 1):
            ar, ac = anchor.get((r, c), (r, c))
            value = ws.cell(ar, ac).value
            is_value = isinstance(value, int | float) or value == NULL_MARK
            text = str(value) if value is not None else ""
            if isinstance(value, float):
                text = format(exact(value), "f")
                places = ws.cell(ar, ac).number_format.partition(".")[2]
                text = f"{exact(value):.{len(places)}f}"
            grid[(r - TOP, c - 1)] = Pos((ar, ac), text, is_value)
        r += 1
    return grid


def test_it_has_a_narrative_sheet_and_a_sheet_per_table(seed: AnnualReport) -> None:
    wb = _open(seed)
    assert wb.sheetnames == ["正文", "表二", "表三", "表四"]
    narrative = wb["正文"]
    headings = [narrative.cell(r, 1).value for r in range(1, narrative.max_row + 1)]
    for s in SECTIONS:
        assert s.heading in headings
    start = headings.index("五、存在的主要问题及改进情况") + 1
    end = headings.index("六、其他需要报告的事项") + 1
    shown = [narrative.cell(r, 2).value for r in range(start, end)]
    assert shown == [
        line.strip() for line in seed.sections["problems"].splitlines() if line.strip()
    ]


def test_it_prints_every_figure_under_its_official_labels(any_report: AnnualReport) -> None:
    wb = _open(any_report)
    for table, sheet in SHEET_NAMES.items():
        assert_table_matches(_grid(wb[sheet]), any_report, table)


def test_it_prints_every_official_label(any_report: AnnualReport) -> None:
    wb = _open(any_report)
    texts = {
        norm(str(c.value))
        for sheet in SHEET_NAMES.values()
        for row in wb[sheet].iter_rows()
        for c in row
        if c.value is not None
    }
    for label in expected_labels(any_report.format):
        assert norm(label) in texts, label


def test_figures_are_numbers_and_money_keeps_its_decimals(synthetic: AnnualReport) -> None:
    wb = _open(synthetic)
    ws = wb["表三"]
    numbers = [
        c.value
        for row in ws.iter_rows(min_row=TOP + 3)
        for c in row
        if not isinstance(c.value, str) and c.value is not None
    ]
    assert len(numbers) == len(synthetic.format.t3_keys)
    assert all(type(v) is int for v in numbers)
    t2 = wb["表二"]
    money_key = "t2.fees.amount" if synthetic.format_version == "2021" else "t2.procurement.amount"
    want = synthetic.cells[money_key]
    assert isinstance(want, Decimal)
    [cell] = [c for row in t2.iter_rows() for c in row if isinstance(c.value, float)]
    assert exact(cell.value) == want
    places = -int(want.as_tuple().exponent)
    assert cell.number_format == "0." + "0" * max(2, places)


def test_merged_headers_as_in_the_form(synthetic: AnnualReport) -> None:
    ws = _open(synthetic)["表三"]
    merged = {str(r) for r in ws.merged_cells.ranges}
    assert {"A3:C5", "D3:J3", "D4:D5", "E4:I4", "J4:J5"} <= merged
    results = 22 if synthetic.format_version == "2021" else 20
    assert f"A8:A{8 + results - 1}" in merged


def test_print_setup_is_a4_with_widths(synthetic: AnnualReport) -> None:
    wb = _open(synthetic)
    for sheet in ("正文", *SHEET_NAMES.values()):
        ws = wb[sheet]
        assert int(ws.page_setup.paperSize) == 9  # A4
        assert ws.column_dimensions["A"].width > 0
    assert wb["表三"].print_title_rows == "$3:$5"
    assert wb["表三"].column_dimensions["C"].width > wb["表三"].column_dimensions["D"].width


def test_null_cells_print_a_dash_with_a_legend(seed: AnnualReport) -> None:
    wb = _open(seed)
    t3 = wb["表三"]
    values = [c.value for row in t3.iter_rows() for c in row]
    assert NULL_MARK in values and NULL_LEGEND in values and 26 in values
    assert NULL_LEGEND not in [c.value for row in wb["表四"].iter_rows() for c in row]
