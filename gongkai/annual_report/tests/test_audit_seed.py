"""The seed report comes out exactly as issue #3's "Must show" says."""

from __future__ import annotations

import pytest

from gongkai.annual_report.audit import audit_file
from gongkai.annual_report.tests.conftest_audit import SEED


@pytest.fixture(scope="module")
def seed():
    result = audit_file(SEED)
    assert result.error is None
    return result


def rules(result, rule):
    return [f for f in result.findings if f.rule == rule]


def test_it_reads_the_seed_metadata(seed):
    r = seed.report
    assert (r.organ, r.year, r.format_version) == ("遂平县人民政府", 2021, "2021")
    assert r.extras["detected_versions"] == {"二": "2021"}


def test_it_reads_table_two_as_published(seed):
    c = seed.report.cells
    assert [
        c["t2.regulations.issued"],
        c["t2.regulations.repealed"],
        c["t2.regulations.in_force"],
    ] == [0, 0, 0]
    assert [c["t2.normative_documents.issued"], c["t2.normative_documents.repealed"],
            c["t2.normative_documents.in_force"]] == [15, 0, 118]  # fmt: skip
    assert c["t2.licensing.decisions"] == 73021
    assert c["t2.penalty.decisions"] == 3137
    assert c["t2.enforcement.decisions"] is None  # the row is missing
    assert c["t2.fees.amount"] is None  # the block is missing
    prov = seed.report.provenance["t2.licensing.decisions"]
    assert prov.line == 43 and prov.raw == "73021" and prov.table == "二"


def test_it_recovers_all_fifteen_values_of_the_unlabeled_table_four(seed):
    c = seed.report.cells
    expected = dict.fromkeys([k for k in c if k.startswith("t4.")], 0)
    expected.update({
        "t4.reconsideration.upheld": 1, "t4.reconsideration.total": 1,
        "t4.litigation_after_reconsideration.upheld": 1,
        "t4.litigation_after_reconsideration.total": 1,
    })  # fmt: skip
    assert {k: v for k, v in c.items() if k.startswith("t4.")} == expected
    assert all(seed.report.provenance[k].line == 48 for k in expected)
    assert any("表四没有表头" in f.message for f in rules(seed, "RPT-TABLES"))


def test_table_three_is_null_and_reported_missing(seed):
    c = seed.report.cells
    assert all(v is None for k, v in c.items() if k.startswith("t3."))
    assert any(
        f.message.startswith("缺少表三") and f.severity == "error"
        for f in rules(seed, "RPT-TABLES")
    )


def test_it_reports_the_duplicated_and_missing_headings(seed):
    messages = [f.message for f in rules(seed, "RPT-SECTIONS")]
    assert any("一、总体情况" in m and "重复" in m for m in messages)
    assert any("缺少第三部分" in m for m in messages)
    assert any("缺少第四部分" in m for m in messages)
    assert not any("缺少第二部分" in m or "缺少第五部分" in m for m in messages)


def test_it_reports_the_missing_enforcement_row_and_fee_block(seed):
    table_findings = rules(seed, "RPT-TABLES")
    row = [f for f in table_findings if "行政强制" in f.message]
    block = [f for f in table_findings if "第二十条第（八）项" in f.message]
    assert row and row[0].cells == ("t2.enforcement.decisions",)
    assert block and block[0].cells == ("t2.fees.amount",)


def test_the_narrative_figures_cannot_be_checked_without_table_three(seed):
    not_evaluated = rules(seed, "AUDIT-NOT-EVALUATED")
    phrases = {
        f.details.get("phrase"): f
        for f in not_evaluated
        if f.details.get("for_rule") == "TEXT-TABLE"
    }
    received = [f for p, f in phrases.items() if p and "26件" in p]
    carried = [f for p, f in phrases.items() if p and "结转1件" in p]
    assert received and received[0].cells == ("t3.new.total",)
    assert carried and carried[0].cells == ("t3.carried_over.total",)
    assert all("表三" in f.message for f in received + carried)


def test_the_appeals_narrative_agrees_with_table_four(seed):
    assert not rules(seed, "TEXT-CONTRADICTION")
    assert not [f for f in rules(seed, "TEXT-TABLE") if "复议" in f.message or "诉讼" in f.message]


def test_the_proactive_breakdowns_add_up(seed):
    proactive = seed.report.extras["proactive"]
    assert proactive["total"] == 7589
    assert sum(proactive["categories"].values()) == 7589
    assert sum(proactive["channels"].values()) == 7589
    assert not rules(seed, "TEXT-ARITH")


def test_the_json_output_follows_the_contract(seed):
    data = seed.to_json()
    assert data["schema"] == "gongkai.annual-report/1"
    assert len(data["cells"]) == 200
    assert data["source"].endswith("seed-suiping-2021.txt")
    for f in data["findings"]:
        assert set(f) >= {"rule", "severity", "message", "cells"}
        assert f["severity"] in ("error", "warning", "info")
