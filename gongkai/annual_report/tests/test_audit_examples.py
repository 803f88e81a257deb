"""Every real example is audited without a crash; what the excerpts lack is reported."""

from __future__ import annotations

import pytest

from gongkai.annual_report.audit import audit_file
from gongkai.annual_report.tests.conftest_audit import EXAMPLES

FILES = sorted(p for p in EXAMPLES.iterdir() if p.name != "README.md")


@pytest.fixture(scope="module")
def results():
    return {p.name: audit_file(p) for p in FILES}


@pytest.mark.parametrize("name", [p.name for p in FILES])
def test_it_audits_every_example_without_a_crash(results, name):
    result = results[name]
    assert result.error is None
    assert result.report is not None and result.report.year >= 2021
    data = result.to_json()
    assert len(data["cells"]) == 200


@pytest.mark.parametrize("name", [p.name for p in FILES if p.name.startswith("excerpt")])
def test_it_reports_what_the_excerpts_lack(results, name):
    result = results[name]
    rules = {f.rule for f in result.findings}
    assert "RPT-SECTIONS" in rules  # they stop before 五、六
    assert "RPT-TABLES" in rules  # table 四 at least is missing
    missing_t4 = [f for f in result.findings if f.rule == "RPT-TABLES" and "表四" in f.message]
    assert missing_t4 and all(result.report.cells[k] is None for k in missing_t4[0].cells)


def test_pingtan_flattened_runs_are_recovered(results):
    r = results["pingtan-2022.txt"].report
    c = r.cells
    assert (r.organ, r.year, r.format_version) == ("平潭综合实验区", 2022, "2021")
    assert [c[f"t3.new.{k}"] for k in ("natural_person", "commercial", "total")] == [71, 3, 74]
    assert c["t3.total.total"] == 75 and c["t3.unable.not_held.total"] == 37
    assert c["t3.other.other.commercial"] == 2
    assert c["t2.licensing.decisions"] == 10690 and c["t2.penalty.decisions"] == 2113
    assert str(c["t2.fees.amount"]) == "9116.36"
    assert [
        c[f"t4.reconsideration.{k}"] for k in ("upheld", "corrected", "other", "pending", "total")
    ] == [0, 1, 1, 0, 2]
    assert "从连写" in r.provenance["t3.new.total"].note
    # "8855698" fits 15 cuts; the narrative's 制发…88件 and 现行有效…698件 leave one
    nd = [c[f"t2.normative_documents.{k}"] for k in ("issued", "repealed", "in_force")]
    assert nd == [88, 55, 698]
    assert "叙述" in r.provenance["t2.normative_documents.issued"].note
    assert not [f for f in results["pingtan-2022.txt"].findings if f.rule == "PARSE-AMBIGUOUS"]
    texts = [f for f in results["pingtan-2022.txt"].findings if f.rule == "TEXT-TABLE"]
    assert any("包含了上年结转" in f.message for f in texts)


def test_excerpt_013_mirror_is_read_through_traditional_characters_and_readings(results):
    result = results["excerpt-013.txt"]
    assert result.report.cells["t2.licensing.decisions"] == 0
    assert result.report.cells["t2.fees.amount"] == 0
    assert any(f.rule == "SRC-MIRROR" for f in result.findings)


def test_excerpt_044_one_cell_per_line(results):
    r = results["excerpt-044.txt"].report
    assert r.organ == "盐边县新九镇人民政府"
    assert r.cells["t2.normative_documents.in_force"] == 0
    assert r.cells["t3.new.total"] == 0 and r.cells["t3.granted.total"] == 0
    assert r.cells["t3.partial.total"] is None  # the excerpt is cut there


def test_excerpt_012_uses_the_legacy_outline(results):
    assert any(f.rule == "RPT-LEGACY-OUTLINE" for f in results["excerpt-012.txt"].findings)


def test_hongze_pdf_is_read_through_its_text_layer(results):
    result = results["hongze-2024.pdf"]
    r = result.report
    assert (r.organ, r.year) == ("淮安市洪泽区人民政府", 2024)
    assert r.extras["detected_versions"] == {"二": "2021", "三": "2019"}
    c = r.cells
    assert c["t2.licensing.decisions"] == 9487 and c["t2.enforcement.decisions"] == 84
    assert c["t3.new.total"] == 95 and c["t3.unable.not_held.natural_person"] == 31
    assert c["t3.denied.three_safety.total"] == 1
    t4 = [c[k] for k in r.format.cell_keys if k.startswith("t4.")]
    assert t4 == [1, 1, 0, 0, 2, 1, 0, 0, 0, 1, 2, 0, 1, 0, 3]
    assert r.provenance["t3.new.total"].page == 3
    labels = [f for f in result.findings if f.rule == "RPT-LABELS"]
    assert any("其他法律行政止公开" in f.message for f in labels)
    assert any(f.rule == "TEXT-TABLE" and "17" in f.message for f in result.findings)


def test_the_organ_comes_from_the_contact_sentence_when_there_is_no_title(results):
    assert results["excerpt-013.txt"].report.organ == "柞水县凤凰镇人民政府"
    assert results["excerpt-012.txt"].report.organ == "衢州市衢江区湖南镇政府"
