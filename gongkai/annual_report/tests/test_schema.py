"""The schema against docs/domain/annual-report-format.md: keys, labels, order.

The expected labels below are copied by hand from the format document (§3, §4, §5, §6, §10),
so a typo in schema.py cannot also be a typo in the test.
"""

from __future__ import annotations

import pytest

from gongkai.annual_report import schema
from gongkai.annual_report.schema import (
    FORMAT_2019,
    FORMAT_2021,
    SECTIONS,
    T3_COLUMNS,
    T4_COLUMNS,
    T4_GROUPS,
    CellKind,
    UnknownFormatError,
    format_for_year,
    get_format,
)

# --- §10.6 of the format document, verbatim -------------------------------------------------

T3_COLUMNS_DOC = (
    "natural_person",
    "commercial",
    "research",
    "social",
    "legal",
    "other_org",
    "total",
)
T3_DENIED = ("state_secret", "law_forbidden", "three_safety", "third_party",
             "internal_affairs", "process_info", "enforcement_file", "query_matter")  # fmt: skip
T3_UNABLE = ("not_held", "needs_creation", "still_unclear")
T3_NOT_PROCESSED = ("petition", "repeat", "publication", "excessive", "confirmation")
T4_GROUPS_DOC = ("reconsideration", "litigation_direct", "litigation_after_reconsideration")
T4_COLUMNS_DOC = ("upheld", "corrected", "other", "pending", "total")


def t3_row_keys(version: str) -> list[str]:
    other = (["t3.other.no_correction", "t3.other.no_fee", "t3.other.other"]
             if version == "2021" else ["t3.other"])  # fmt: skip
    return (["t3.new", "t3.carried_over", "t3.granted", "t3.partial"]
            + [f"t3.denied.{r}" for r in T3_DENIED]
            + [f"t3.unable.{r}" for r in T3_UNABLE]
            + [f"t3.not_processed.{r}" for r in T3_NOT_PROCESSED]
            + other + ["t3.total", "t3.carried_forward"])  # fmt: skip


def t2_keys(version: str) -> list[str]:
    if version == "2021":
        return ([f"t2.{r}.{c}" for r in ("regulations", "normative_documents")
                 for c in ("issued", "repealed", "in_force")]
                + ["t2.licensing.decisions", "t2.penalty.decisions",
                   "t2.enforcement.decisions", "t2.fees.amount"])  # fmt: skip
    return ([f"t2.{r}.{c}" for r in ("regulations", "normative_documents")
             for c in ("made", "published", "total_public")]
            + [f"t2.{r}.{c}" for r in ("licensing", "other_services", "penalty", "enforcement")
               for c in ("prev_items", "change", "decisions")]
            + ["t2.fees.prev_items", "t2.fees.change",
               "t2.procurement.items", "t2.procurement.amount"])  # fmt: skip


def cell_keys(version: str) -> list[str]:
    return (t2_keys(version)
            + [f"{r}.{c}" for r in t3_row_keys(version) for c in T3_COLUMNS_DOC]
            + [f"t4.{g}.{c}" for g in T4_GROUPS_DOC for c in T4_COLUMNS_DOC])  # fmt: skip


@pytest.mark.parametrize(("version", "count"), [("2021", 200), ("2019", 198)])
def test_the_key_set_is_the_documents_in_its_order(version, count):
    keys = get_format(version).cell_keys
    assert len(keys) == count == len(set(keys))
    assert list(keys) == cell_keys(version)


def test_tables_contribute_10_175_15_and_22_161_15_keys():
    for fmt, sizes in ((FORMAT_2021, (10, 175, 15)), (FORMAT_2019, (22, 161, 15))):
        by_table = [sum(1 for k in fmt.cell_keys if schema.table_of(k) == t) for t in schema.TABLES]
        assert tuple(by_table) == sizes


# Keys are never renamed (format §10.1): a fingerprint of both key lists. If this fails,
# a key was renamed or removed — that breaks every stored report JSON.
STABLE_KEYS_2021 = 200
STABLE_SAMPLE = [
    "t2.fees.amount",
    "t3.denied.third_party.natural_person",
    "t3.other.no_fee.commercial",
    "t3.carried_forward.total",
    "t4.litigation_after_reconsideration.pending",
]


def test_keys_are_stable():
    for key in STABLE_SAMPLE:
        assert FORMAT_2021.has_cell(key)
    assert FORMAT_2019.has_cell("t3.other.legal") and not FORMAT_2021.has_cell("t3.other.legal")
    assert not FORMAT_2019.has_cell("t3.other.no_fee.commercial")
    shared = set(FORMAT_2019.cell_keys) & set(FORMAT_2021.cell_keys)
    # the same figure in both: table 四, every table 三 row but （六）, and three decisions
    assert {k for k in shared if k.startswith("t2.")} == {
        "t2.licensing.decisions",
        "t2.penalty.decisions",
        "t2.enforcement.decisions",
    }
    assert len(shared) == 3 + 22 * 7 + 15


def test_group_rows_have_no_key_and_2021_has_no_t3_other_cell():
    for fmt in (FORMAT_2019, FORMAT_2021):
        groups = [r.label for r in fmt.t3_rows if r.key is None]
        assert "三、本年度办理结果" in groups and "（三）不予公开" in groups
    assert "（六）其他处理" in [r.label for r in FORMAT_2021.t3_rows if r.key is None]
    assert not any(k.startswith("t3.other.") and k.count(".") == 2 and k.split(".")[2] in
                   T3_COLUMNS_DOC for k in FORMAT_2021.cell_keys)  # fmt: skip


# --- labels: §4, §5, §6 and §10 -------------------------------------------------------------

T2_2021 = {
    "t2.regulations.issued": ("规章", "本年制发件数"),
    "t2.regulations.repealed": ("规章", "本年废止件数"),
    "t2.regulations.in_force": ("规章", "现行有效件数"),
    "t2.normative_documents.issued": ("行政规范性文件", "本年制发件数"),
    "t2.normative_documents.repealed": ("行政规范性文件", "本年废止件数"),
    "t2.normative_documents.in_force": ("行政规范性文件", "现行有效件数"),
    "t2.licensing.decisions": ("行政许可", "本年处理决定数量"),
    "t2.penalty.decisions": ("行政处罚", "本年处理决定数量"),
    "t2.enforcement.decisions": ("行政强制", "本年处理决定数量"),
    "t2.fees.amount": ("行政事业性收费", "本年收费金额（单位：万元）"),
}
T2_2019 = {
    "t2.regulations.made": ("规章", "本年新制作数量"),
    "t2.regulations.published": ("规章", "本年新公开数量"),
    "t2.regulations.total_public": ("规章", "对外公开总数量"),
    "t2.normative_documents.made": ("规范性文件", "本年新制作数量"),
    "t2.normative_documents.published": ("规范性文件", "本年新公开数量"),
    "t2.normative_documents.total_public": ("规范性文件", "对外公开总数量"),
    "t2.licensing.prev_items": ("行政许可", "上一年项目数量"),
    "t2.licensing.change": ("行政许可", "本年增/减"),
    "t2.licensing.decisions": ("行政许可", "处理决定数量"),
    "t2.other_services.prev_items": ("其他对外管理服务事项", "上一年项目数量"),
    "t2.other_services.change": ("其他对外管理服务事项", "本年增/减"),
    "t2.other_services.decisions": ("其他对外管理服务事项", "处理决定数量"),
    "t2.penalty.prev_items": ("行政处罚", "上一年项目数量"),
    "t2.penalty.change": ("行政处罚", "本年增/减"),
    "t2.penalty.decisions": ("行政处罚", "处理决定数量"),
    "t2.enforcement.prev_items": ("行政强制", "上一年项目数量"),
    "t2.enforcement.change": ("行政强制", "本年增/减"),
    "t2.enforcement.decisions": ("行政强制", "处理决定数量"),
    "t2.fees.prev_items": ("行政事业性收费", "上一年项目数量"),
    "t2.fees.change": ("行政事业性收费", "本年增/减"),
    "t2.procurement.items": ("政府集中采购", "采购项目数量"),
    "t2.procurement.amount": ("政府集中采购", "采购总金额"),
}


@pytest.mark.parametrize(("fmt", "expected"), [(FORMAT_2021, T2_2021), (FORMAT_2019, T2_2019)])
def test_table_two_labels(fmt, expected):
    got = {k: (fmt.cell(k).row_label, fmt.cell(k).column_label) for k in fmt.t2_keys}
    assert got == expected


def test_table_two_blocks_and_units():
    assert [b.header for b in FORMAT_2021.t2_blocks] == [
        "第二十条第（一）项", "第二十条第（五）项", "第二十条第（六）项", "第二十条第（八）项",
    ]  # fmt: skip
    assert [b.header for b in FORMAT_2019.t2_blocks][-1] == "第二十条第（九）项"
    assert schema.T2_FIRST_COLUMN_LABEL == "信息内容"
    assert FORMAT_2021.cell("t2.fees.amount").kind is CellKind.MONEY
    assert FORMAT_2021.cell("t2.fees.amount").unit == "万元"
    assert FORMAT_2019.cell("t2.procurement.amount").kind is CellKind.MONEY
    assert FORMAT_2019.cell("t2.procurement.amount").unit == ""
    assert FORMAT_2019.cell("t2.fees.change").kind is CellKind.SIGNED
    assert FORMAT_2019.cell("t2.licensing.prev_items").kind is CellKind.COUNT


T3_LABELS_COMMON = {
    "t3.new": "一、本年新收政府信息公开申请数量",
    "t3.carried_over": "二、上年结转政府信息公开申请数量",
    "t3.granted": "（一）予以公开",
    "t3.partial": "（二）部分公开（区分处理的，只计这一情形，不计其他情形）",
    "t3.denied.state_secret": "1.属于国家秘密",
    "t3.denied.law_forbidden": "2.其他法律行政法规禁止公开",
    "t3.denied.three_safety": "3.危及“三安全一稳定”",
    "t3.denied.third_party": "4.保护第三方合法权益",
    "t3.denied.internal_affairs": "5.属于三类内部事务信息",
    "t3.denied.process_info": "6.属于四类过程性信息",
    "t3.denied.enforcement_file": "7.属于行政执法案卷",
    "t3.denied.query_matter": "8.属于行政查询事项",
    "t3.unable.not_held": "1.本机关不掌握相关政府信息",
    "t3.unable.needs_creation": "2.没有现成信息需要另行制作",
    "t3.unable.still_unclear": "3.补正后申请内容仍不明确",
    "t3.not_processed.petition": "1.信访举报投诉类申请",
    "t3.not_processed.repeat": "2.重复申请",
    "t3.not_processed.publication": "3.要求提供公开出版物",
    "t3.not_processed.excessive": "4.无正当理由大量反复申请",
    "t3.not_processed.confirmation": "5.要求行政机关确认或重新出具已获取信息",
    "t3.total": "（七）总计",
    "t3.carried_forward": "四、结转下年度继续办理",
}
T3_LABELS_2021 = {
    "t3.other.no_correction": "1.申请人无正当理由逾期不补正、行政机关不再处理其政府信息公开申请",
    "t3.other.no_fee": "2.申请人逾期未按收费通知要求缴纳费用、行政机关不再处理其政府信息公开申请",
    "t3.other.other": "3.其他",
}
T3_GROUPS = {
    "t3.denied": "（三）不予公开",
    "t3.unable": "（四）无法提供",
    "t3.not_processed": "（五）不予处理",
    "t3.other": "（六）其他处理",
}


@pytest.mark.parametrize("fmt", [FORMAT_2019, FORMAT_2021])
def test_table_three_row_labels_and_order(fmt):
    expected = dict(T3_LABELS_COMMON)
    if fmt.tag == "2021":
        expected |= T3_LABELS_2021
    else:
        expected["t3.other"] = "（六）其他处理"
    assert {r.key: r.label for r in fmt.t3_data_rows} == expected
    labels = [r.label for r in fmt.t3_rows]
    assert labels[:3] == ["一、本年新收政府信息公开申请数量", "二、上年结转政府信息公开申请数量",
                          "三、本年度办理结果"]  # fmt: skip
    assert labels[-2:] == ["（七）总计", "四、结转下年度继续办理"]
    for group, label in T3_GROUPS.items():
        assert fmt.t3_group_label(group) == label
    # format §5.2: 三、本年度办理结果 spans 22 table rows in 2021, 20 in 2019 (group labels
    # such as （三）不予公开 are merged cells beside their sub-rows, not rows of their own)
    under_results = [r for r in fmt.t3_data_rows if r.level >= 1]
    assert len(under_results) == (22 if fmt.tag == "2021" else 20)


def test_table_three_header_and_columns():
    assert schema.T3_NOTE == "（本列数据的勾稽关系为：第一项加第二项之和，等于第三项加第四项之和）"
    assert schema.T3_APPLICANT_HEADER == "申请人情况"
    assert schema.T3_ORG_HEADER == "法人或其他组织"
    assert [(c.key, c.label, c.under_org) for c in T3_COLUMNS] == [
        ("natural_person", "自然人", False),
        ("commercial", "商业企业", True),
        ("research", "科研机构", True),
        ("social", "社会公益组织", True),
        ("legal", "法律服务机构", True),
        ("other_org", "其他", True),
        ("total", "总计", False),
    ]
    spec = FORMAT_2021.cell("t3.denied.third_party.commercial")
    assert spec.path == ("三、本年度办理结果", "（三）不予公开", "4.保护第三方合法权益",
                         "法人或其他组织", "商业企业")  # fmt: skip
    assert spec.label.startswith("表三 › ")


def test_table_four_labels():
    assert [(g.key, g.label, g.parent) for g in T4_GROUPS] == [
        ("reconsideration", "行政复议", None),
        ("litigation_direct", "未经复议直接起诉", "行政诉讼"),
        ("litigation_after_reconsideration", "复议后起诉", "行政诉讼"),
    ]
    assert T4_COLUMNS == (("upheld", "结果维持"), ("corrected", "结果纠正"),
                          ("other", "其他结果"), ("pending", "尚未审结"), ("total", "总计"))  # fmt: skip
    assert FORMAT_2019.cell("t4.litigation_direct.pending").path == (
        "行政诉讼", "未经复议直接起诉", "尚未审结",
    )  # fmt: skip


def test_section_headings():
    assert [s.heading for s in SECTIONS] == [
        "一、总体情况",
        "二、主动公开政府信息情况",
        "三、收到和处理政府信息公开申请情况",
        "四、政府信息公开行政复议、行政诉讼情况",
        "五、存在的主要问题及改进情况",
        "六、其他需要报告的事项",
    ]
    assert schema.TABLE_TITLES == {
        "二": "主动公开政府信息情况",
        "三": "收到和处理政府信息公开申请情况",
        "四": "政府信息公开行政复议、行政诉讼情况",
    }


def test_format_versions_cover_the_years():
    assert FORMAT_2019.notice_number == "国办公开办函〔2019〕60号"
    assert FORMAT_2021.notice_number == "国办公开办函〔2021〕30号"
    assert FORMAT_2019.title == "中华人民共和国政府信息公开工作年度报告格式（试行）"
    assert FORMAT_2021.title == "中华人民共和国政府信息公开工作年度报告格式"
    assert [format_for_year(y).tag for y in (2019, 2020, 2021, 2025)] == [
        "2019",
        "2019",
        "2021",
        "2021",
    ]
    with pytest.raises(UnknownFormatError, match="2018"):
        format_for_year(2018)
    with pytest.raises(UnknownFormatError, match="2020"):
        get_format("2020")


def test_version_specific_keys_are_what_detection_needs():
    assert schema.version_specific_keys("2019", "三") == tuple(
        f"t3.other.{c}" for c in T3_COLUMNS_DOC
    )
    assert len(schema.version_specific_keys("2021", "三")) == 21
    assert schema.version_specific_keys("2021", "四") == ()
