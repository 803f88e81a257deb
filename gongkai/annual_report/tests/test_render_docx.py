"""DOCX renderer: open the document with python-docx and check every table cell (merged ones
included), every label and every value, and the government-document typography."""

from __future__ import annotations

import io

import docx
from docx.oxml.ns import qn
from docx.shared import Pt

from gongkai.annual_report.model import AnnualReport
from gongkai.annual_report.render import get_renderer
from gongkai.annual_report.render.layout import NULL_LEGEND
from gongkai.annual_report.schema import SECTIONS
from gongkai.annual_report.tests.readback import (
    Grid,
    Pos,
    assert_table_matches,
    expected_labels,
    is_value_text,
    norm,
)


def _open(report: AnnualReport):
    return docx.Document(io.BytesIO(get_renderer("docx").render(report)))


def _grid(table) -> Grid:
    """python-docx resolves both kinds of merge: `cell(r, c)` of a merged position returns
    the cell that starts the merge (same underlying `w:tc`)."""
    grid: Grid = {}
    for r in range(len(table.rows)):
        for c in range(len(table.columns)):
            cell = table.cell(r, c)
            grid[(r, c)] = Pos(cell._tc, cell.text, is_value_text(cell.text))
    return grid


def test_it_prints_every_figure_under_its_official_labels(any_report: AnnualReport) -> None:
    document = _open(any_report)
    assert len(document.tables) == 3
    for table, name in zip(document.tables, ("二", "三", "四"), strict=True):
        assert_table_matches(_grid(table), any_report, name)


def test_it_prints_every_official_label(any_report: AnnualReport) -> None:
    document = _open(any_report)
    texts = {norm(c.text) for t in document.tables for row in t.rows for c in row.cells}
    for label in expected_labels(any_report.format):
        assert norm(label) in texts, label


def test_merged_cells_span_as_in_the_official_form(synthetic: AnnualReport) -> None:
    t2, t3, t4 = _open(synthetic).tables
    assert t3.cell(0, 0)._tc is t3.cell(2, 2)._tc  # the 3×3 勾稽关系 corner
    assert t3.cell(0, 3)._tc is t3.cell(0, 9)._tc  # 申请人情况 over the 7 columns
    assert t3.cell(1, 3)._tc is t3.cell(2, 3)._tc  # 自然人, two rows
    assert t3.cell(1, 4)._tc is t3.cell(1, 8)._tc  # 法人或其他组织, five columns
    results = 22 if synthetic.format_version == "2021" else 20
    assert t3.cell(5, 0).text == "三、本年度办理结果"
    assert t3.cell(5, 0)._tc is t3.cell(5 + results - 1, 0)._tc
    assert t3.cell(5 + results, 0).text == "四、结转下年度继续办理"
    assert t4.cell(0, 0)._tc is t4.cell(0, 4)._tc and t4.cell(0, 5)._tc is t4.cell(0, 14)._tc
    assert t4.cell(1, 0)._tc is t4.cell(2, 0)._tc
    assert t2.cell(0, 0)._tc is t2.cell(0, 3)._tc


def test_page_and_typography_follow_gb_t_9704(seed: AnnualReport) -> None:
    document = _open(seed)
    section = document.sections[0]

    def mm(*lengths):
        return tuple(round(x.mm, 1) for x in lengths)

    assert mm(section.page_width, section.page_height) == (210, 297)
    assert mm(section.top_margin, section.bottom_margin) == (37, 35)
    assert mm(section.left_margin, section.right_margin) == (28, 26)

    def east_asia(style_name: str) -> str:
        return document.styles[style_name].element.rPr.rFonts.get(qn("w:eastAsia"))

    assert east_asia("Normal") == "仿宋_GB2312"
    assert east_asia("Title") == "方正小标宋简体"
    assert east_asia("Heading 1") == "黑体"
    assert east_asia("Heading 2") == "楷体_GB2312"
    assert document.styles["Normal"].font.size == Pt(16)
    assert document.styles["Title"].font.size == Pt(22)
    assert document.styles["Normal"].element.pPr.ind.get(qn("w:firstLineChars")) == "200"
    paragraphs = document.paragraphs
    assert paragraphs[0].text == seed.title and paragraphs[0].style.name == "Title"
    headings = [p.text for p in paragraphs if p.style.name == "Heading 1"]
    assert headings == [s.heading for s in SECTIONS]
    subheads = [p.text for p in paragraphs if p.style.name == "Heading 2"]
    assert subheads[0] == "(一) 主动公开情况" and len(subheads) == 6
    body = [p.text for p in paragraphs]
    for key in ("overview", "problems", "other"):
        for line in seed.sections[key].splitlines():
            assert not line.strip() or line.strip() in body
    # The Linux fallbacks are declared in the font table.
    font_table = next(
        r.target_part for r in document.part.rels.values() if r.reltype.endswith("/fontTable")
    )
    assert (
        "Noto Serif CJK SC" in font_table.blob.decode()
        and "Noto Sans CJK SC" in font_table.blob.decode()
    )


def test_it_numbers_pages_in_the_footer(seed: AnnualReport) -> None:
    document = _open(seed)
    section = document.sections[0]
    for footer in (section.footer, section.even_page_footer):
        xml = footer.paragraphs[0]._p.xml
        assert "PAGE" in xml and "fldChar" in xml
        assert footer.paragraphs[0].text.startswith("— ") and footer.paragraphs[0].text.endswith(
            " —"
        )
    assert document.settings.odd_and_even_pages_header_footer


def test_header_rows_repeat_and_rows_never_split(synthetic: AnnualReport) -> None:
    t3 = _open(synthetic).tables[1]
    for i, row in enumerate(t3.rows):
        trpr = row._tr.trPr
        assert trpr.find(qn("w:cantSplit")) is not None
        assert (trpr.find(qn("w:tblHeader")) is not None) == (i < 3)


def test_null_cells_print_a_dash_with_a_legend(seed: AnnualReport) -> None:
    document = _open(seed)
    t2 = document.tables[0]
    assert t2.cell(10, 1).text == "—"  # 行政强制
    assert t2.cell(3, 1).text == "15"
    assert sum(p.text == NULL_LEGEND for p in document.paragraphs) == 2
    assert all(c.text.strip() for t in document.tables for row in t.rows for c in row.cells)
