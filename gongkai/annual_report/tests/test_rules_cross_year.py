"""Cross-year rules: this year's report checked against the same body's previous one."""

from __future__ import annotations

from gongkai.annual_report.findings import Severity
from gongkai.annual_report.rules.similarity import compare
from gongkai.annual_report.tests.factories import check, sample_report

PROBLEMS_2020 = (
    "一是政府信息公开工作人员业务水平有待提高，对条例的理解还不够深入；二是主动公开的内容不够全面，"
    "部分栏目更新不及时。下一步，我们将加强业务培训，完善信息发布审核机制，切实提高公开质量。"
)
PROBLEMS_2021 = PROBLEMS_2020.replace("部分栏目更新不及时", "部分栏目更新较慢")


def pair(previous_version: str = "2021"):
    previous = sample_report(previous_version, year=2020 if previous_version == "2019" else 2021)
    current = sample_report("2021" if previous.year >= 2020 else "2019", year=previous.year + 1)
    return previous, current


def of(current, previous, rule_id):
    return [f for f in check(current, previous=previous) if f.rule == rule_id]


def test_consecutive_consistent_reports_raise_nothing():
    previous, current = pair()
    current.cells["t2.normative_documents.in_force"] = 37 + 4 - 2
    assert check(current, previous=previous) == []


def test_carried_over_must_equal_last_years_carried_forward_per_column():
    previous, current = pair()
    previous.cells["t3.carried_forward.natural_person"] = 3
    previous.cells["t3.carried_forward.total"] = 3
    found = of(current, previous, "CROSS-YEAR-CARRY")
    assert [f.details["column"] for f in found] == ["natural_person", "total"]
    f = found[0]
    assert f.severity is Severity.WARNING
    assert (f.details["expected"], f.details["actual"]) == (3, 1)
    assert f.cells == ("t3.carried_over.natural_person",)
    assert f.details["previous_cells"] == ["t3.carried_forward.natural_person"]
    assert "二、上年结转政府信息公开申请数量" in f.message and "四、结转下年度继续办理" in f.message
    assert "2021 年度报告" in f.message


def test_the_carry_rule_crosses_the_2020_to_2021_format_change():
    previous = sample_report("2019", year=2020)
    current = sample_report("2021", year=2021)
    assert check(current, previous=previous) == []
    previous.cells["t3.carried_forward.total"] = 9
    assert [f.rule for f in check(current, previous=previous)] == ["CROSS-YEAR-CARRY"]


def test_in_force_chain_is_an_info_finding():
    previous, current = pair()
    # 37 in force last year + 4 issued − 2 repealed = 39, but the report says 37
    (f,) = of(current, previous, "T2-INFORCE-CHAIN")
    assert f.severity is Severity.INFO and (f.details["expected"], f.details["actual"]) == (39, 37)
    assert "清理" in f.message and "行政规范性文件" in f.message
    current.cells["t2.normative_documents.in_force"] = 39
    assert of(current, previous, "T2-INFORCE-CHAIN") == []


def test_prev_items_chain_for_two_2019_reports():
    previous, current = sample_report("2019", year=2019), sample_report("2019", year=2020)
    found = of(current, previous, "T2-PREV-ITEMS-CHAIN")
    # the sample has prev_items 310 and change −12: next year's prev_items must be 298
    by_row = {f.details["row"]: f for f in found}
    assert by_row["licensing"].details["expected"] == 298
    assert by_row["licensing"].severity is Severity.WARNING
    assert (
        "上一年项目数量" in by_row["licensing"].message
        and "本年增/减" in by_row["licensing"].message
    )
    assert "penalty" not in by_row  # change 0
    for item in ("licensing", "other_services", "enforcement", "fees"):
        key = f"t2.{item}.prev_items"
        current.cells[key] = int(previous.cells[key] or 0) + int(
            previous.cells[f"t2.{item}.change"] or 0
        )
    assert of(current, previous, "T2-PREV-ITEMS-CHAIN") == []


def test_the_table_two_chains_never_cross_the_format_change():
    previous = sample_report("2019", year=2020)
    current = sample_report("2021", year=2021)
    current.cells["t2.normative_documents.in_force"] = 1000
    assert of(current, previous, "T2-INFORCE-CHAIN") == []


def test_a_previous_report_that_is_not_the_year_before_is_named_as_not_evaluated():
    previous = sample_report("2021", year=2021)
    current = sample_report("2021", year=2023)
    found = check(current, previous=previous)
    assert {f.rule for f in found} == {"AUDIT-NOT-EVALUATED"}
    assert {f.details["skipped_rule"] for f in found} == {
        "CROSS-YEAR-CARRY",
        "T2-INFORCE-CHAIN",
        "CROSS-YEAR-SIMILARITY",
    }
    assert all("2022" in f.message and "2021" in f.message_en for f in found)


def test_null_cells_of_the_previous_report_are_named():
    previous, current = pair()
    previous.cells["t3.carried_forward.legal"] = None
    (f,) = [x for x in check(current, previous=previous) if x.rule == "AUDIT-NOT-EVALUATED"]
    assert f.details["skipped_rule"] == "CROSS-YEAR-CARRY"
    assert f.cells == ("previous:t3.carried_forward.legal",)
    assert "上年报告：" in f.message and "法律服务机构" in f.message


def test_copied_narrative_is_reported_with_the_ratio_and_passages():
    previous, current = pair()
    previous.sections["problems"] = PROBLEMS_2020
    current.sections["problems"] = PROBLEMS_2021
    (f,) = of(current, previous, "CROSS-YEAR-SIMILARITY")
    assert f.severity is Severity.INFO and f.details["section"] == "problems"
    assert f.details["ratio"] > 0.85
    assert any("加强业务培训" in p for p in f.details["passages"])
    assert "五、存在的主要问题及改进情况" in f.message and "%" in f.message


def test_rewritten_narrative_is_not_reported():
    previous, current = pair()
    previous.sections["problems"] = PROBLEMS_2020
    current.sections["problems"] = (
        "今年依申请公开答复文书格式不统一，个别答复未告知救济途径。已制定答复文书范本并组织"
        "两次专题培训，下一步将把答复质量纳入年度考核，并开展答复文书交叉评查。"
    )
    assert of(current, previous, "CROSS-YEAR-SIMILARITY") == []


def test_compare_finds_the_copied_passages_and_ignores_whitespace():
    old = "甲乙丙丁戊己庚辛壬癸" * 3 + "完全不同的内容在这里"
    new = "新的开头" + " 甲乙丙丁戊己庚辛壬癸\n" * 3
    result = compare(new, old)
    assert result.passages == ("甲乙丙丁戊己庚辛壬癸" * 3,)
    assert result.ratio == 30 / 34
    assert compare("短", old).ratio == 0.0
