"""Every layout of a published report gives the same cells (format §9.2)."""

from __future__ import annotations

import pytest

from gongkai.annual_report.audit import audit_document
from gongkai.annual_report.parse import read_document
from gongkai.annual_report.parse.docx import IMPORTER as DOCX
from gongkai.annual_report.parse.html import IMPORTER as HTML
from gongkai.annual_report.parse.pdf import IMPORTER as PDF
from gongkai.annual_report.parse.text import IMPORTER as TEXT
from gongkai.annual_report.tests import sample_reports as sample


def cells_of(doc):
    result = audit_document(doc)
    assert result.report is not None
    return result, result.report.cells


def assert_complete(result, cells, version="2021", *, skip=()):
    expected = sample.expected_cells(version)
    wrong = {k: (cells[k], v) for k, v in expected.items() if k not in skip and cells[k] != v}
    assert not wrong, wrong
    assert result.report.format_version == version
    assert result.report.organ == sample.ORGAN


@pytest.mark.parametrize(
    "layout",
    ["tabs", "pipes", "cell_per_line"],
)
def test_text_layouts_give_every_cell(layout):
    text = {
        "tabs": sample.as_text(),
        "pipes": sample.as_pipes(),
        "cell_per_line": sample.as_cell_per_line(),
    }[layout]
    result, cells = cells_of(TEXT.read(text.encode("utf-8"), name=f"{layout}.txt"))
    assert_complete(result, cells)
    assert not [f for f in result.findings if f.severity == "error"], result.findings
    assert result.report.provenance["t3.new.natural_person"].line is not None


def test_flattened_text_is_recovered_and_ambiguity_reported_never_guessed():
    result, cells = cells_of(TEXT.read(sample.as_flattened().encode("utf-8"), name="flat.txt"))
    nd = (
        "t2.normative_documents.issued",
        "t2.normative_documents.repealed",
        "t2.normative_documents.in_force",
    )
    assert_complete(result, cells, skip=nd)
    # "3125" fits 3/1/25, 3/12/5, 31/2/5: all kept in the finding, the cells stay null
    assert all(cells[k] is None for k in nd)
    amb = [f for f in result.findings if f.rule == "PARSE-AMBIGUOUS"]
    assert amb and ["3", "1", "25"] in amb[0].details["candidates"]
    assert ["31", "2", "5"] in amb[0].details["candidates"]
    assert any(f.rule == "PARSE-RECOVERED" for f in result.findings)
    assert "从连写" in result.report.provenance["t3.new.total"].note


def test_html_with_rowspan_colspan_nbsp_and_chrome():
    result, cells = cells_of(HTML.read(sample.as_html().encode("utf-8"), name="r.html"))
    assert_complete(result, cells)
    assert not [f for f in result.findings if f.severity == "error"], result.findings
    prov = result.report.provenance["t3.unable.not_held.commercial"]
    assert prov.table == "三" and prov.column is not None and prov.row is not None


def test_html_blank_cells_are_zero_with_provenance_and_cell_blank():
    source = sample.as_html(blank_zeros=True)
    result, cells = cells_of(HTML.read(source.encode("utf-8"), name="r.html"))
    assert cells["t3.denied.state_secret.total"] == 0
    assert result.report.provenance["t3.denied.state_secret.total"].blank is True
    assert any(
        f.rule == "CELL-BLANK" and "t3.denied.state_secret.total" in f.cells
        for f in result.findings
    )
    assert cells["t3.new.total"] == 7


def test_html_in_gb18030_with_meta_charset():
    source = sample.as_html().replace("charset='utf-8'", "charset='gb2312'")
    result, cells = cells_of(HTML.read(source.encode("gb18030"), name="r.html"))
    assert_complete(result, cells)


def test_gb18030_text_file(tmp_path):
    path = tmp_path / "report.txt"
    path.write_bytes(sample.as_text().encode("gb18030"))
    doc = read_document(path)
    assert doc.encoding == "gb18030"
    result, cells = cells_of(doc)
    assert_complete(result, cells)


def test_traditional_characters_with_inline_readings():
    doc = TEXT.read(sample.as_traditional_mirror().encode("utf-8"), name="mirror.txt")
    assert doc.cleaning["readings"] > 0 and doc.cleaning["traditional"] > 0
    result, cells = cells_of(doc)
    assert_complete(result, cells)
    assert any(f.rule == "SRC-MIRROR" for f in result.findings)


def test_docx_with_merged_cells():
    result, cells = cells_of(DOCX.read(sample.as_docx(), name="r.docx"))
    assert_complete(result, cells)
    assert not [f for f in result.findings if f.severity == "error"], result.findings


def test_pdf_generated_from_html_is_read_through_its_text_layer():
    result, cells = cells_of(PDF.read(sample.as_pdf(), name="r.pdf"))
    assert_complete(result, cells)
    assert result.report.provenance["t4.reconsideration.total"].page is not None


@pytest.mark.parametrize("writer", [sample.as_html, sample.as_pipes])
def test_the_2019_format_is_detected_from_the_tables(writer):
    source = writer("2019")
    importer = HTML if writer is sample.as_html else TEXT
    result, cells = cells_of(importer.read(source.encode("utf-8"), name="r"))
    assert result.report.format_version == "2019"
    assert result.report.extras["detected_versions"] == {"二": "2019", "三": "2019"}
    assert (
        cells["t2.licensing.change"] == -5
        and cells["t2.procurement.amount"] == sample.T2_2019["t2.procurement.amount"]
    )
    assert cells["t3.other.total"] == 0


def test_columns_are_mapped_by_label_not_position():
    # 总计 printed first among the applicant columns in the grid
    source = sample.as_html()
    _result, cells = cells_of(HTML.read(source.encode("utf-8"), name="r.html"))
    assert cells["t3.new.total"] == 7


def test_html_page_laid_out_with_an_outer_table_and_a_gbk_title():
    inner = sample.as_html(chrome=False)
    body = inner[inner.index("<body>") + 6 : inner.index("</body>")]
    page = ("<html><head><meta http-equiv='Content-Type' content='text/html; charset=gbk'></head><body>"
            "<table width='1000'><tr><td>网站导航 首页 | 信息公开</td></tr>"
            f"<tr><td>{body}</td></tr><tr><td>版权所有</td></tr></table></body></html>")  # fmt: skip
    result, cells = cells_of(HTML.read(page.encode("gb18030"), name="layout.html"))
    assert_complete(result, cells)
