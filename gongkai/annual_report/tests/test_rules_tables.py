"""The table identities of report-rules.md §2–§3 on hand-made reports."""

from __future__ import annotations

import pytest

from gongkai.annual_report.findings import Severity
from gongkai.annual_report.schema import T3_COLUMN_KEYS, get_format
from gongkai.annual_report.tests.factories import check, sample_report


def findings_of(report, rule_id, previous=None):
    return [f for f in check(report, previous=previous) if f.rule == rule_id]


@pytest.mark.parametrize("version", ["2019", "2021"])
def test_it_finds_nothing_in_a_consistent_report(version):
    assert check(sample_report(version)) == []


def test_it_catches_the_official_balance_per_column():
    report = sample_report()
    report.cells["t3.carried_forward.natural_person"] = 2  # new + over ≠ total + forward
    report.cells["t3.carried_forward.total"] = 2
    found = findings_of(report, "T3-BALANCE")
    assert [f.details["column"] for f in found] == ["natural_person", "total"]
    f = found[0]
    assert f.severity is Severity.ERROR
    assert f.cells == (
        "t3.new.natural_person",
        "t3.carried_over.natural_person",
        "t3.total.natural_person",
        "t3.carried_forward.natural_person",
    )
    assert f.details["expected"] == 28 and f.details["actual"] == 29
    assert "一、本年新收政府信息公开申请数量" in f.message
    assert "四、结转下年度继续办理" in f.message
    assert "= 28" in f.message and "= 29" in f.message
    assert "new 27 + carried over 1 = 28" in f.message_en


def test_it_catches_a_row_whose_columns_do_not_add_up_to_its_total():
    report = sample_report()
    report.cells["t3.granted.total"] = 21  # 18 + 2 = 20
    found = findings_of(report, "T3-ROWSUM")
    assert len(found) == 1
    f = found[0]
    assert f.details == {"row": "t3.granted", "expected": 20, "actual": 21}
    assert f.cells == tuple(f"t3.granted.{c}" for c in T3_COLUMN_KEYS)
    assert "（一）予以公开" in f.message and "自然人 18" in f.message and "商业企业 2" in f.message
    assert "总计" in f.message and "21" in f.message
    # the same cell also breaks the results total of the 总计 column
    assert [x.details["column"] for x in findings_of(report, "T3-RESULTS-TOTAL")] == ["total"]


def test_it_catches_a_detail_cell_while_the_row_total_is_zero():
    report = sample_report()
    report.cells["t3.unable.needs_creation.research"] = 1
    assert [f.details["row"] for f in findings_of(report, "T3-ROWSUM")] == [
        "t3.unable.needs_creation"
    ]


@pytest.mark.parametrize("version", ["2019", "2021"])
def test_it_catches_result_rows_that_do_not_add_up_to_the_total_row(version):
    report = sample_report(version)
    other = "t3.other.no_fee" if version == "2021" else "t3.other"
    for c in ("natural_person", "total"):
        report.cells[f"{other}.{c}"] = int(report.cells[f"{other}.{c}"] or 0) + 2
    found = findings_of(report, "T3-RESULTS-TOTAL")
    assert [f.details["column"] for f in found] == ["natural_person", "total"]
    f = found[0]
    assert (f.details["expected"], f.details["actual"]) == (27 + 2, 27)
    assert f"{other}.natural_person" in f.cells and "t3.total.natural_person" in f.cells
    assert len(f.cells) == len(get_format(version).t3_result_row_keys) + 1
    assert "（七）总计" in f.message and "（六）其他处理" in f.message
    assert "Σ（三）不予公开" in f.message


def test_it_reports_the_table_four_totals_one_finding_per_failing_group():
    report = sample_report()
    report.cells["t4.reconsideration.total"] = 0
    report.cells["t4.litigation_after_reconsideration.pending"] = 1
    found = findings_of(report, "T4-TOTALS")
    assert [f.details["group"] for f in found] == [
        "reconsideration",
        "litigation_after_reconsideration",
    ]
    assert found[0].cells == tuple(
        f"t4.reconsideration.{c}" for c in ("upheld", "corrected", "other", "pending", "total")
    )
    assert "行政复议" in found[0].message and "结果维持 1" in found[0].message
    assert "行政诉讼 › 复议后起诉" in found[1].message and "尚未审结 1" in found[1].message


def test_null_cells_make_rules_unevaluable_with_one_info_finding_per_rule():
    report = sample_report()
    for key in get_format("2021").t3_keys:
        report.cells[key] = None  # table 三 not in the document
    found = check(report)
    assert {f.rule for f in found} == {"AUDIT-NOT-EVALUATED"}
    skipped = {f.details["skipped_rule"]: f for f in found}
    assert set(skipped) == {"T3-BALANCE", "T3-ROWSUM", "T3-RESULTS-TOTAL", "T3-FEE-CONSISTENCY"}
    assert all(f.severity is Severity.INFO for f in found)
    assert len(skipped["T3-ROWSUM"].cells) == 175
    assert "表三整张表不在文档中" in skipped["T3-BALANCE"].message
    assert "table 三 is not in the document" in skipped["T3-BALANCE"].message_en
    assert "t3.new.natural_person" in skipped["T3-BALANCE"].cells


def test_a_single_null_cell_skips_only_the_identities_that_need_it():
    report = sample_report()
    report.cells["t3.granted.legal"] = None
    report.cells["t3.granted.total"] = 99  # would fail T3-ROWSUM, but that row is unevaluable
    found = check(report)
    by_rule = {(f.rule, f.details.get("skipped_rule")) for f in found}
    assert ("T3-ROWSUM", None) not in by_rule
    not_eval = [f for f in found if f.rule == "AUDIT-NOT-EVALUATED"]
    assert {f.details["skipped_rule"] for f in not_eval} == {"T3-ROWSUM", "T3-RESULTS-TOTAL"}
    assert all(f.cells == ("t3.granted.legal",) for f in not_eval)
    assert "（一）予以公开" in not_eval[0].message and "法律服务机构" in not_eval[0].message
    # the 总计 column still runs: 99 ≠ 29
    assert [f.details["column"] for f in found if f.rule == "T3-RESULTS-TOTAL"] == ["total"]
