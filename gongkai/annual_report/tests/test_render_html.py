"""HTML renderer: read the document back with lxml, expand rowspan/colspan, and check every
figure sits under exactly its official labels with exactly its value."""

from __future__ import annotations

from lxml import html as lxml_html

from gongkai.annual_report.model import AnnualReport
from gongkai.annual_report.render import get_renderer
from gongkai.annual_report.render.html import fragment
from gongkai.annual_report.render.layout import NULL_LEGEND
from gongkai.annual_report.schema import SECTIONS
from gongkai.annual_report.tests.readback import (
    Grid,
    assert_table_matches,
    expand,
    expected_labels,
    norm,
)

CAPTIONS = {"二": "表二", "三": "表三", "四": "表四"}


def _doc(report: AnnualReport):
    return lxml_html.document_fromstring(get_renderer("html").render(report).decode("utf-8"))


def _table(doc, table: str):
    [el] = [
        t for t in doc.iter("table") if t.find("caption").text_content().startswith(CAPTIONS[table])
    ]
    return el


def _grid(table_el) -> Grid:
    rows = []
    for r, tr in enumerate(table_el.iter("tr")):
        cells = [c for c in tr if c.tag in ("th", "td")]
        rows.append(
            [
                ((r, i), c.text_content(), int(c.get("rowspan", 1)), int(c.get("colspan", 1)))
                for i, c in enumerate(cells)
            ]
        )
    return expand(rows)


def test_it_prints_every_figure_under_its_official_labels(any_report: AnnualReport) -> None:
    doc = _doc(any_report)
    for table in ("二", "三", "四"):
        assert_table_matches(_grid(_table(doc, table)), any_report, table)


def test_it_prints_every_official_label(any_report: AnnualReport) -> None:
    doc = _doc(any_report)
    texts = [norm(c.text_content()) for c in doc.iter("th", "td")]
    for label in expected_labels(any_report.format):
        assert norm(label) in texts, label


def test_it_is_a_standalone_chinese_document_with_the_six_canonical_headings(
    seed: AnnualReport,
) -> None:
    doc = _doc(seed)
    assert doc.get("lang") == "zh-CN"
    assert doc.find(".//title").text == "遂平县人民政府2021年政府信息公开工作年度报告"
    assert doc.find(".//style") is not None
    assert [h.text_content() for h in doc.iter("h2")] == [s.heading for s in SECTIONS]
    assert doc.find(".//h1").text_content() == seed.title


def test_it_keeps_the_narrative_verbatim_as_paragraphs(seed: AnnualReport) -> None:
    doc = _doc(seed)
    shown = [el.text_content() for el in doc.iter("p", "h3")]
    for key in ("overview", "problems", "other"):
        for line in seed.sections[key].splitlines():
            if line.strip():
                assert line.strip() in shown
    subheads = [h.text_content() for h in doc.iter("h3")]
    assert subheads[0] == "(一) 主动公开情况"
    assert len(subheads) == 6


def test_the_t3_header_has_the_official_merges_and_the_balance_note(
    synthetic: AnnualReport,
) -> None:
    t3 = _table(_doc(synthetic), "三")
    head = t3.find("thead").findall("tr")
    first = head[0].findall("*")
    assert (
        first[0].text_content()
        == "（本列数据的勾稽关系为：第一项加第二项之和，等于第三项加第四项之和）"
    )
    assert (first[0].get("rowspan"), first[0].get("colspan")) == ("3", "3")
    assert (first[1].text_content(), first[1].get("colspan")) == ("申请人情况", "7")
    second = [(c.text_content(), c.get("rowspan"), c.get("colspan")) for c in head[1]]
    assert second == [("自然人", "2", None), ("法人或其他组织", None, "5"), ("总计", "2", None)]
    groups = {
        c.text_content(): int(c.get("rowspan"))
        for c in t3.iter("th")
        if c.get("rowspan") and c.getparent().getparent().tag == "tbody"
    }
    results = 22 if synthetic.format_version == "2021" else 20
    assert groups["三、本年度办理结果"] == results
    assert (
        groups["（三）不予公开"] == 8
        and groups["（四）无法提供"] == 3
        and groups["（五）不予处理"] == 5
    )
    assert ("（六）其他处理" in groups) == (synthetic.format_version == "2021")


def test_the_t2_blocks_have_a_merged_item_header_and_a_spanning_decision_column() -> None:
    from gongkai.annual_report.tests.conftest import load

    t2 = _table(_doc(load("synthetic-2021.json")), "二")
    blocks = [b.findall("tr") for b in t2.findall("tbody")]
    assert [b[0][0].text_content() for b in blocks] == [
        "第二十条第（一）项", "第二十条第（五）项", "第二十条第（六）项", "第二十条第（八）项",
    ]  # fmt: skip
    assert all(
        b[0][0].get("colspan") == "4" and b[1][0].text_content() == "信息内容" for b in blocks
    )
    decisions = blocks[1][1][1]
    assert (decisions.text_content(), decisions.get("colspan")) == ("本年处理决定数量", "3")
    assert blocks[3][1][1].text_content() == "本年收费金额（单位：万元）"


def test_the_t4_header_has_three_rows() -> None:
    from gongkai.annual_report.tests.conftest import load

    t4 = _table(_doc(load("synthetic-2021.json")), "四")
    head = [
        [(c.text_content(), c.get("rowspan"), c.get("colspan")) for c in tr]
        for tr in t4.find("thead")
    ]
    assert head[0] == [("行政复议", None, "5"), ("行政诉讼", None, "10")]
    assert head[1][:5] == [
        (x, "2", None) for x in ("结果维持", "结果纠正", "其他结果", "尚未审结", "总计")
    ]
    assert head[1][5:] == [("未经复议直接起诉", None, "5"), ("复议后起诉", None, "5")]
    assert len(head[2]) == 10


def test_tables_are_accessible(synthetic: AnnualReport) -> None:
    doc = _doc(synthetic)
    ids = {el.get("id") for el in doc.iter() if el.get("id")}
    for table in doc.iter("table"):
        assert table.find("caption") is not None
        for th in table.iter("th"):
            assert th.get("scope") in ("col", "colgroup", "row", "rowgroup")
        for td in table.iter("td"):
            if "gk-num" in td.get("class", ""):
                headers = td.get("headers").split()
                assert headers and set(headers) <= ids
    # A table 三 figure names all five of its labels.
    td = next(
        td for td in doc.iter("td") if td.get("data-key") == "t3.denied.third_party.commercial"
    )
    names = [norm(doc.get_element_by_id(h).text_content()) for h in td.get("headers").split()]
    assert names == [
        "申请人情况",
        "法人或其他组织",
        "商业企业",
        "三、本年度办理结果",
        "（三）不予公开",
        "4.保护第三方合法权益",
    ]


def test_null_cells_print_a_dash_with_a_legend_and_zero_prints_0(seed: AnnualReport) -> None:
    doc = _doc(seed)
    cells = {td.get("data-key"): td.text_content() for td in doc.iter("td") if td.get("data-key")}
    assert cells["t2.regulations.issued"] == "0"
    assert cells["t2.enforcement.decisions"] == "—"
    assert cells["t3.granted.total"] == "—"
    assert cells["t3.carried_forward.total"] == "0"
    assert all(text.strip() for text in cells.values())
    legends = [el.text_content() for el in doc.iter("td") if "gk-legend" in el.get("class", "")]
    assert legends == [NULL_LEGEND, NULL_LEGEND]  # tables 二 and 三; table 四 is complete


def test_money_keeps_all_its_decimals() -> None:
    from decimal import Decimal

    from gongkai.annual_report.tests.conftest import load

    report = load("synthetic-2019.json")
    report.cells["t2.procurement.amount"] = Decimal("2513.80")
    doc = _doc(report)
    td = next(td for td in doc.iter("td") if td.get("data-key") == "t2.procurement.amount")
    assert td.text_content() == "2513.80"


def test_the_fragment_embeds_without_a_document_shell(seed: AnnualReport) -> None:
    out = fragment(seed, id_prefix="y2021")
    assert out.startswith('<article class="gk-report" lang="zh-CN"')
    assert "<html" not in out and "<style" not in out
    assert 'id="y2021-t3-r0c0"' in out


def test_narrative_text_is_escaped_not_interpreted(seed: AnnualReport) -> None:
    seed.sections["other"] = '<script>alert("x")</script> & 1<2\n　　全角空格开头的段落。'
    out = get_renderer("html").render(seed).decode()
    assert "<script>" not in out
    assert "&lt;script&gt;alert(&quot;x&quot;)&lt;/script&gt; &amp; 1&lt;2" in out
    assert "<p>全角空格开头的段落。</p>" in out  # the full-width indent is the layout's job
