"""The audit's structure and narrative rules on small variations of a clean sample report."""

from __future__ import annotations

from decimal import Decimal

import pytest

from gongkai.annual_report.audit import audit_document, quality
from gongkai.annual_report.findings import Finding, Severity
from gongkai.annual_report.parse.text import IMPORTER as TEXT
from gongkai.annual_report.tests import sample_reports as sample

CLEAN = sample.as_text()


def audit(text: str):
    result = audit_document(TEXT.read(text.encode("utf-8"), name="t.txt"))
    assert result.report is not None
    return result


def rules_of(result, rule):
    return [f for f in result.findings if f.rule == rule]


def test_the_clean_sample_has_no_findings_and_scores_100():
    result = audit(CLEAN)
    assert result.findings == []
    assert result.quality is not None and (result.quality.score, result.quality.grade) == (
        100.0,
        "A",
    )


def test_score_formula_caps_each_rule_and_weighs_by_severity():
    report = audit(CLEAN).report
    findings = [Finding("X-ERR", Severity.ERROR, "", "") for _ in range(5)]
    findings += [
        Finding("X-WARN", Severity.WARNING, "", ""),
        Finding("AUDIT-NOT-EVALUATED", Severity.INFO, "", ""),
    ]
    q = quality(report, findings)
    assert q.penalty == 6 * 3 + 2 and q.score == 80.0 and q.grade == "B"


@pytest.mark.parametrize(
    ("old", "new", "rule", "severity"),
    [
        ("至2023年12月31日止", "至2023年12月30日止", "RPT-PERIOD", "error"),
        (
            "自2023年1月1日起至2023年12月31日止",
            "自2022年1月1日起至2022年12月31日止",
            "RPT-YEAR",
            "error",
        ),
        (
            "本报告所列数据的统计期限自2023年1月1日起至2023年12月31日止。",
            "",
            "RPT-PERIOD-MISSING",
            "warning",
        ),
        ("一、总体情况", "1、总体情况", "RPT-HEADINGS", "warning"),
        ("一、总体情况", "一、工作基本情况", "RPT-HEADINGS", "warning"),
        (
            "四、政府信息公开行政复议、行政诉讼情况",
            "四、因政府信息公开工作被申请行政复议和提起行政诉讼情况",
            "RPT-HEADINGS",
            "warning",
        ),
        (
            "编制。",
            "和《关于政府信息公开工作年度报告有关事项的通知》（国办公开办函〔2019〕60号）编制。",
            "RPT-NOTICE-CITATION",
            "warning",
        ),
        (
            "编制。",
            "编制，全文包括概述、主动公开政府信息情况、依申请公开政府信息情况、政府信息公开收费及减免情况等。",
            "RPT-LEGACY-OUTLINE",
            "warning",
        ),
        (
            "青山县人民政府2023年政府信息公开工作年度报告",
            "关于2023年度政府信息公开工作的年度报告",
            "RPT-TITLE",
            "warning",
        ),
        (
            "全年发生行政复议2件、行政诉讼1件。",
            "全年发生行政复议2件，均维持原决定。",
            "TEXT-CONTRADICTION",
            "warning",
        ),
        ("全年主动公开政府信息820条", "全年共主动公开条，", "TEXT-MISSING-NUMBER", "error"),
        ("动态类信息700条", "动态类信息600条", "TEXT-ARITH", "warning"),
        ("全年收到政府信息公开申请7件", "全年收到政府信息公开申请8件", "TEXT-TABLE", "warning"),
        ("全年收到政府信息公开申请7件", "全年收到政府信息公开申请5余件", "TEXT-APPROX", "info"),
        ("全年收到政府信息公开申请7件", "全年收到政府信息公开申请9余件", "TEXT-TABLE", "warning"),
        ("严格保密审查。", "严格保密审查，不能遗漏，也不宜泛化。", "TEXT-BOILERPLATE", "info"),
        (
            "个别单位公开不及时",
            "全年办结申请共7件（县政府3件、县教育局3件）。个别单位公开不及时",
            "TEXT-ARITH",
            "warning",
        ),
    ],
)
def test_rule(old, new, rule, severity):
    assert old in CLEAN
    result = audit(CLEAN.replace(old, new, 1))
    found = rules_of(result, rule)
    assert found, [f.rule for f in result.findings]
    assert found[0].severity == severity
    assert found[0].message and found[0].message_en


def test_narrative_received_count_that_includes_carried_over_is_named():
    result = audit(CLEAN.replace("全年收到政府信息公开申请7件", "全年收到政府信息公开申请8件"))
    msg = rules_of(result, "TEXT-TABLE")[0].message
    assert "包含了上年结转" in msg


def test_duplicated_and_misordered_sections():
    text = CLEAN.replace("五、存在的主要问题及改进情况", "TMP").replace(
        "六、其他需要报告的事项", "五、存在的主要问题及改进情况"
    )
    text = text.replace("TMP", "六、其他需要报告的事项")
    result = audit(text)
    assert any("顺序" in f.message for f in rules_of(result, "RPT-SECTIONS"))


def test_a_heading_without_its_table_suggests_a_picture():
    lines = CLEAN.splitlines()
    start = lines.index("四、政府信息公开行政复议、行政诉讼情况")
    end = lines.index("五、存在的主要问题及改进情况")
    text = "\n".join([*lines[: start + 1], "（表格见图片）", *lines[end:]])
    result = audit(text)
    missing = [f for f in rules_of(result, "RPT-TABLES") if "表四" in f.message]
    assert missing and "图片" in missing[0].message
    assert all(result.report.cells[k] is None for k in missing[0].cells)


def test_a_unit_in_a_cell_is_converted_and_flagged():
    result = audit(CLEAN.replace("行政事业性收费\t12.5", "行政事业性收费\t125000元"))
    assert result.report.cells["t2.fees.amount"] == Decimal("12.5")
    assert result.report.provenance["t2.fees.amount"].unit == "元"
    assert rules_of(result, "CELL-UNIT")[0].cells == ("t2.fees.amount",)


def test_a_misspelt_row_label_is_matched_by_meaning_and_reported():
    result = audit(
        CLEAN.replace("行政事业性收费", "行政事业型收费").replace(
            "4.保护第三方合法权益", "4.保护第三方合法权"
        )
    )
    assert result.report.cells["t2.fees.amount"] == Decimal("12.5")
    assert result.report.cells["t3.denied.third_party.total"] == 1
    printed = {f.details.get("printed") for f in rules_of(result, "RPT-LABELS")}
    assert any("事业型" in (p or "") for p in printed)
    assert any("第三方合法权" in (p or "") for p in printed)


def test_a_2019_table_in_a_2021_report_is_reported_by_the_format_rule():
    text = sample.as_text("2019").replace("2020年", "2022年")
    result = audit(text)
    assert result.report.year == 2022 and result.report.format_version == "2019"
    assert rules_of(result, "RPT-FORMAT-VERSION")


def test_2019_negative_change_run_is_ambiguous_not_guessed():
    text = sample.as_text("2019").replace("行政许可\t120\t-5\t1203", "行政许可120-51203")
    result = audit(text)
    cells = result.report.cells
    assert cells["t2.licensing.prev_items"] is None and cells["t2.licensing.change"] is None
    amb = rules_of(result, "PARSE-AMBIGUOUS")
    assert amb and ["120", "-5", "1203"] in amb[0].details["candidates"]
    assert ["120", "-51", "203"] in amb[0].details["candidates"]


def test_dashes_and_slashes_are_blank_cells_not_missing_rows():
    result = audit(CLEAN.replace("规章\t0\t0\t0", "规章\t—\t/\t无"))
    cells = result.report.cells
    assert [cells[f"t2.regulations.{k}"] for k in ("issued", "repealed", "in_force")] == [0, 0, 0]
    assert result.report.provenance["t2.regulations.issued"].blank
    assert not [f for f in rules_of(result, "RPT-TABLES") if "规章" in f.message]
    assert rules_of(result, "CELL-BLANK")


def test_a_count_with_a_unit_in_its_cell_is_flagged():
    result = audit(CLEAN.replace("行政处罚\t45", "行政处罚\t45件"))
    assert result.report.cells["t2.penalty.decisions"] == 45
    assert rules_of(result, "CELL-UNIT")[0].cells == ("t2.penalty.decisions",)
