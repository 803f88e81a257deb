"""Whole-report rules on cells and sections: CELL-TYPE, table 二 plausibility,
RPT-FORMAT-VERSION, RPT-FEE-STATEMENT, T3-FEE-CONSISTENCY; and the registry itself."""

from __future__ import annotations

from decimal import Decimal

import pytest

from gongkai.annual_report import rules
from gongkai.annual_report.findings import Finding, Severity
from gongkai.annual_report.model import AnnualReport, loads
from gongkai.annual_report.tests.factories import check, sample_report


def only(report: AnnualReport, rule_id: str, **kw) -> list[Finding]:
    if rule_id == "TEST-ONLY":
        return [f for f in rules.check(report, **kw) if f.rule == rule_id]
    return [f for f in check(report, **kw) if f.rule == rule_id]


# --- registry ------------------------------------------------------------------------------

DOC_SEVERITIES = {
    "CELL-TYPE": "error",
    "AUDIT-NOT-EVALUATED": "info",
    "T3-BALANCE": "error",
    "T3-ROWSUM": "error",
    "T3-RESULTS-TOTAL": "error",
    "T3-FEE-CONSISTENCY": "info",
    "T4-TOTALS": "error",
    "T2-ISSUED-LE-INFORCE": "warning",
    "T2-2019-ORDER": "warning",
    "CROSS-YEAR-CARRY": "warning",
    "T2-INFORCE-CHAIN": "info",
    "T2-PREV-ITEMS-CHAIN": "warning",
    "CROSS-YEAR-SIMILARITY": "info",
    "RPT-FORMAT-VERSION": "error",
    "RPT-FEE-STATEMENT": "warning",
}


def own_rules():
    """The rules of the rules package (the audit registers more in the same registry)."""
    return [
        r
        for r in rules.RULES.values()
        if r.function is None or r.function.__module__.startswith("gongkai.annual_report.rules.")
    ]


def test_every_rule_has_the_id_and_severity_of_report_rules_md():
    assert {r.id: r.severity.value for r in own_rules()} == DOC_SEVERITIES
    for r in own_rules():
        assert r.title and r.title_en and r.basis


def test_another_module_can_register_a_rule_and_check_runs_it():
    @rules.rule("TEST-ONLY", Severity.INFO, rules.Basis.SOFT, "测试", "test",
                scope=rules.Scope.DOCUMENT)  # fmt: skip
    def document_rule(ctx):
        if ctx.values(["t3.new.total"]) is None:
            return
        yield rules.finding("TEST-ONLY", "文档", "document", ("t3.new.total",), seen=ctx.document)

    try:
        report = sample_report()
        assert only(report, "TEST-ONLY") == []  # document rules need a document
        (f,) = only(report, "TEST-ONLY", document="doc")
        assert f.details == {"seen": "doc"} and f.severity is Severity.INFO
        report.cells["t3.new.total"] = None
        (skip,) = [f for f in rules.check(report, document="doc") if f.rule == "AUDIT-NOT-EVALUATED"
                   and f.details["skipped_rule"] == "TEST-ONLY"]  # fmt: skip
        assert skip.cells == ("t3.new.total",)
        with pytest.raises(ValueError, match="already registered"):
            rules.rule("TEST-ONLY", Severity.INFO, rules.Basis.SOFT, "", "")(document_rule)
    finally:
        del rules.RULES["TEST-ONLY"]


def test_check_can_be_restricted_to_some_rules():
    report = sample_report()
    report.cells["t3.granted.total"] = 0
    report.cells["t4.reconsideration.total"] = 0
    assert {f.rule for f in check(report, rules=["T4-TOTALS"])} == {"T4-TOTALS"}


# --- CELL-TYPE (reports built in code, not read from JSON) ---------------------------------


@pytest.mark.parametrize(
    ("key", "value", "words"),
    [
        ("t3.new.natural_person", -1, "件数不能为负数"),
        ("t4.reconsideration.upheld", Decimal("1.5"), "不能有小数"),
        ("t3.granted.total", "20", "不是数字"),
        ("t3.granted.total", True, "不是数字"),
        ("t2.fees.amount", 1.25, "浮点数"),
        ("t2.fees.amount", Decimal("-0.01"), "金额不能为负数"),
        ("t2.fees.amount", Decimal("NaN"), "有限"),
    ],
)
def test_cell_type_catches_values_of_the_wrong_kind(key, value, words):
    report = sample_report()
    report.cells[key] = value
    (f,) = only(report, "CELL-TYPE")
    assert f.cells == (key,) and f.severity is Severity.ERROR
    assert words in f.message and key in f.message_en


def test_cell_type_allows_negative_change_and_decimal_money_in_2019():
    report = sample_report("2019")
    report.cells["t2.penalty.change"] = -40
    report.cells["t2.procurement.amount"] = Decimal("0.000001")
    report.cells["t2.penalty.prev_items"] = -1
    (f,) = only(report, "CELL-TYPE")
    assert f.cells == ("t2.penalty.prev_items",)


def test_a_mistyped_cell_does_not_also_break_the_identities():
    report = sample_report()
    report.cells["t3.granted.natural_person"] = "18"  # type: ignore[assignment]
    assert {f.rule for f in check(report)} == {"CELL-TYPE"}


# --- table 二 ------------------------------------------------------------------------------


def test_issued_more_than_in_force_is_a_warning_naming_both_cells():
    report = sample_report()
    report.cells["t2.normative_documents.issued"] = 40  # in force 37, repealed 2
    (f,) = only(report, "T2-ISSUED-LE-INFORCE")
    assert f.severity is Severity.WARNING
    assert f.cells == tuple(
        f"t2.normative_documents.{c}" for c in ("issued", "repealed", "in_force")
    )
    assert (
        "行政规范性文件" in f.message
        and "本年制发件数" in f.message
        and "现行有效件数" in f.message
    )
    assert "不可能" in f.message  # 3 must have been repealed, only 2 were


def test_2019_order_published_at_most_made_and_total_at_least_published():
    report = sample_report("2019")
    report.cells["t2.regulations.made"] = 1
    report.cells["t2.regulations.published"] = 3
    found = only(report, "T2-2019-ORDER")
    assert [f.cells for f in found] == [
        ("t2.regulations.made", "t2.regulations.published"),
        ("t2.regulations.published", "t2.regulations.total_public"),
    ]
    assert "本年新公开数量" in found[0].message and "对外公开总数量" in found[1].message
    assert all(f.severity is Severity.WARNING for f in found)


def test_table_two_rules_apply_to_their_own_version_only():
    assert "T2-2019-ORDER" not in {f.rule for f in check(sample_report("2021"))}
    report = sample_report("2019")
    report.cells["t2.normative_documents.made"] = 0
    assert {f.rule for f in check(report)} == {"T2-2019-ORDER"}


# --- RPT-FORMAT-VERSION --------------------------------------------------------------------


def test_a_2019_format_report_for_2021_is_an_error():
    report = sample_report("2019", year=2021)
    report.sections["other"] = "本年度未收取信息处理费。"
    (f,) = only(report, "RPT-FORMAT-VERSION")
    assert f.severity is Severity.ERROR
    assert f.details == {"expected": "2021", "actual": "2019"}
    assert "国办公开办函〔2021〕30号" in f.message and "本年新制作数量" in f.message


def test_a_2021_format_report_for_2020_is_an_error():
    (f,) = only(sample_report("2021", year=2020), "RPT-FORMAT-VERSION")
    assert f.details == {"expected": "2019", "actual": "2021"}


def test_a_year_without_a_format_is_an_error():
    (f,) = only(sample_report("2019", year=2018), "RPT-FORMAT-VERSION")
    assert "2018" in f.message and "没有适用的年报格式" in f.message


def test_an_unknown_year_is_not_evaluated_rather_than_wrong():
    report = sample_report()
    report.year = 0
    (f,) = [f for f in check(report) if f.details.get("skipped_rule") == "RPT-FORMAT-VERSION"]
    assert f.rule == "AUDIT-NOT-EVALUATED" and "年度不明" in f.message


def test_the_audits_per_table_versions_report_a_mixed_report():
    report = sample_report("2021")
    report.extras["detected_versions"] = {"二": "2019", "三": "2021", "四": "2021"}
    (f,) = only(report, "RPT-FORMAT-VERSION")
    assert f.details["table"] == "二" and f.details["actual"] == "2019"
    assert "表二" in f.message and "不一致" in f.message
    assert "t2.regulations.issued" in f.cells and "t2.licensing.decisions" not in f.cells
    report.extras["detected_versions"] = {"t2": "2021", "t3": "2019"}
    (f,) = only(report, "RPT-FORMAT-VERSION")
    assert f.details["table"] == "三" and "（六）其他处理" in f.message


def test_a_2021_file_holding_the_2019_table_two_is_read_and_reported():
    data = sample_report("2021").to_dict()
    for key in [k for k in data["cells"] if k.startswith("t2.") and not k.endswith("decisions")]:
        del data["cells"][key]
    old = sample_report("2019").to_dict()["cells"]
    data["cells"].update({k: v for k, v in old.items() if k.startswith("t2.")})
    report = loads(rules_json(data))
    assert report.extras["detected_versions"] == {"二": "2019", "三": "2021"}
    assert report.cells["t2.regulations.issued"] is None
    assert report.extras["other_format_cells"]["t2.licensing.change"] == -12
    found = check(report)
    (f,) = [x for x in found if x.rule == "RPT-FORMAT-VERSION"]
    assert f.details["table"] == "二" and rules.has_errors(found)
    # and it survives the JSON round trip
    again = loads(report.to_json())
    assert again.extras == report.extras and again.cells == report.cells


def test_a_2021_file_holding_the_2019_table_three_is_read_and_reported():
    data = sample_report("2021").to_dict()
    for key in [k for k in data["cells"] if k.startswith("t3.other.")]:
        del data["cells"][key]
    data["cells"].update({f"t3.other.{c}": 0 for c in
                          ("natural_person", "commercial", "research", "social", "legal",
                           "other_org", "total")})  # fmt: skip
    report = loads(rules_json(data))
    assert report.extras["detected_versions"] == {"二": "2021", "三": "2019"}
    (f,) = only(report, "RPT-FORMAT-VERSION")
    assert f.details["table"] == "三"


def rules_json(data: dict) -> str:
    from gongkai.annual_report.model import dumps

    return dumps(data)


# --- RPT-FEE-STATEMENT ---------------------------------------------------------------------


@pytest.mark.parametrize(
    "text",
    [
        "本年度未收取信息处理费。",
        "2021年，本机关没有收取政府信息公开信息处理费",
        "信息处理费：无。",
        "全年收取信息处理费0元。",
        "收取信息处理费 1,200 元。".replace(",", ""),
        "本年度共收取信息处理费0.12万元；另有其他事项。",
        "本机关办理依申请公开未收取任何费用。",
        "1、2021年未收取信息处理费。\n2、2021年行政事业性收费金额159.1474万元。",
    ],
)
def test_a_fee_statement_in_section_six_satisfies_the_rule(text):
    report = sample_report()
    report.sections["other"] = text
    assert only(report, "RPT-FEE-STATEMENT") == []


def test_no_fee_statement_in_2021_is_a_warning():
    report = sample_report()
    report.sections["other"] = "本机关无其他需要报告的事项。"
    (f,) = only(report, "RPT-FEE-STATEMENT")
    assert f.severity is Severity.WARNING
    assert "六、其他需要报告的事项" in f.message and "〔2021〕30号" in f.message


def test_the_tables_fee_amount_is_not_the_information_processing_fee():
    report = sample_report()
    report.sections["other"] = "2021年行政事业性收费金额包括县法院收取诉讼费159.1474万元。"
    assert len(only(report, "RPT-FEE-STATEMENT")) == 1


def test_a_fee_mention_without_amount_or_none_is_a_warning_quoting_it():
    report = sample_report()
    report.sections["other"] = "信息处理费按照国办函〔2020〕109号执行。"
    (f,) = only(report, "RPT-FEE-STATEMENT")
    assert "国办函〔2020〕109号执行" in f.message


def test_a_fee_statement_in_the_wrong_section_is_named():
    report = sample_report()
    report.sections["other"] = ""
    report.sections["applications"] = "本年度未收取信息处理费。"
    (f,) = only(report, "RPT-FEE-STATEMENT")
    assert "三、收到和处理政府信息公开申请情况" in f.message
    assert f.details["stated_in"] == "applications"


def test_the_fee_statement_is_not_required_before_2021():
    report = sample_report("2019")
    report.sections["other"] = ""
    assert only(report, "RPT-FEE-STATEMENT") == []


# --- T3-FEE-CONSISTENCY --------------------------------------------------------------------


def with_no_fee(report: AnnualReport, n: int) -> AnnualReport:
    for c in ("natural_person", "total"):
        for row in ("t3.other.no_fee", "t3.total", "t3.new"):
            report.cells[f"{row}.{c}"] = int(report.cells[f"{row}.{c}"] or 0) + n
    return report


def test_fee_notices_in_table_three_contradicting_section_six_is_an_info():
    report = with_no_fee(sample_report(), 1)
    report.sections["other"] = "本年度未向申请人发出收费通知，未收取信息处理费。"
    found = check(report)
    assert [f.rule for f in found] == ["T3-FEE-CONSISTENCY"]
    (f,) = found
    assert f.severity is Severity.INFO and f.cells == ("t3.other.no_fee.total",)
    assert "未向申请人发出收费通知" in f.message and "逾期未按收费通知要求缴纳费用" in f.message


def test_fee_notices_not_paid_agree_with_no_fee_collected():
    report = with_no_fee(sample_report(), 2)
    report.sections["other"] = "本年度发出收费通知2件，申请人均未缴费，未收取信息处理费。"
    assert check(report) == []


def test_a_policy_of_never_charging_contradicts_fee_notices():
    report = with_no_fee(sample_report(), 1)
    report.sections["other"] = "本机关一律不收取信息处理费。"
    assert [f.rule for f in check(report)] == ["T3-FEE-CONSISTENCY"]


def test_every_registered_rule_is_documented():
    from pathlib import Path

    doc = (Path(__file__).resolve().parents[3] / "docs" / "annual-report.md").read_text("utf-8")
    for rule in own_rules():
        assert f"`{rule.id}`" in doc, rule.id
