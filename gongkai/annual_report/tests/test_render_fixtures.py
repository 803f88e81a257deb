"""The report fixtures the renderer goldens use: the seed holds exactly what the 遂平县 2021
report published, and the synthetic reports are fully consistent."""

from __future__ import annotations

import importlib
import random
from typing import Any

import pytest

from bench.annual_report import consistent_report
from gongkai.annual_report.model import AnnualReport
from gongkai.annual_report.schema import T3_DETAIL_COLUMN_KEYS, T4_GROUPS
from gongkai.annual_report.tests.conftest import load


def identity_failures(report: AnnualReport) -> list[str]:
    """The error-level identities of docs/domain/report-rules.md, evaluated directly."""
    c: dict[str, Any] = dict(report.cells)
    fmt = report.format
    bad = []
    for col in (*T3_DETAIL_COLUMN_KEYS, "total"):
        if (
            c[f"t3.new.{col}"] + c[f"t3.carried_over.{col}"]
            != c[f"t3.total.{col}"] + c[f"t3.carried_forward.{col}"]
        ):
            bad.append(f"T3-BALANCE {col}")
        results = [
            r
            for r in fmt.t3_row_keys
            if r not in ("t3.new", "t3.carried_over", "t3.total", "t3.carried_forward")
        ]
        if sum(c[f"{r}.{col}"] for r in results) != c[f"t3.total.{col}"]:
            bad.append(f"T3-RESULTS-TOTAL {col}")
    for row in fmt.t3_row_keys:
        if sum(c[f"{row}.{col}"] for col in T3_DETAIL_COLUMN_KEYS) != c[f"{row}.total"]:
            bad.append(f"T3-ROWSUM {row}")
    for g in T4_GROUPS:
        parts = sum(c[f"t4.{g.key}.{x}"] for x in ("upheld", "corrected", "other", "pending"))
        if parts != c[f"t4.{g.key}.total"]:
            bad.append(f"T4-TOTALS {g.key}")
    return bad


@pytest.mark.parametrize("name", ["synthetic-2021.json", "synthetic-2019.json"])
def test_the_synthetic_fixtures_are_consistent(name: str) -> None:
    report = load(name)
    assert None not in report.cells.values()
    assert identity_failures(report) == []
    t3 = [report.cells[k] for k in report.format.t3_keys]
    assert 0 in t3 and len(set(t3)) > 0.8 * len(t3)  # zeros present, figures nearly all distinct


def test_the_generator_makes_consistent_reports_of_both_formats() -> None:
    rng = random.Random(7)
    for i in range(200):
        report = consistent_report(rng, version="2021" if i % 2 else "2019")
        assert identity_failures(report) == [], i


def test_the_rules_accept_the_synthetic_fixtures() -> None:
    try:
        rules = importlib.import_module("gongkai.annual_report.rules")
    except ModuleNotFoundError:
        pytest.skip("rules.py is not on this branch yet")
    for name in ("synthetic-2021.json", "synthetic-2019.json"):
        errors = [f for f in rules.check(load(name)) if f.severity == "error"]
        assert errors == [], name


def test_the_seed_holds_what_was_published(seed: AnnualReport) -> None:
    c = seed.cells
    assert [c[f"t2.regulations.{x}"] for x in ("issued", "repealed", "in_force")] == [0, 0, 0]
    assert [c[f"t2.normative_documents.{x}"] for x in ("issued", "repealed", "in_force")] == [
        15,
        0,
        118,
    ]
    assert (c["t2.licensing.decisions"], c["t2.penalty.decisions"]) == (73021, 3137)
    assert c["t2.enforcement.decisions"] is None and c["t2.fees.amount"] is None
    t4 = [
        c[f"t4.{g.key}.{x}"]
        for g in T4_GROUPS
        for x in ("upheld", "corrected", "other", "pending", "total")
    ]
    assert t4 == [1, 0, 0, 0, 1, 0, 0, 0, 0, 0, 1, 0, 0, 0, 1]
    stated = {
        "t3.new.total": 26,
        "t3.carried_over.total": 1,
        "t3.total.total": 27,
        "t3.carried_forward.total": 0,
    }
    for key in seed.format.t3_keys:
        assert c[key] == stated.get(key), key
    assert seed.sections["overview"].startswith("根据《中华人民共和国政府信息公开条例》的规定")
    assert (
        "全县新受理政府信息公开申请26件，上年度结转1件，均已按时办结" in seed.sections["overview"]
    )
    assert seed.sections["problems"].startswith("2021年，我县政务公开工作仍存在")
    assert seed.sections["other"].splitlines()[0] == "1、2021年未收取信息处理费。"
    assert (
        seed.sections["proactive"]
        == seed.sections["applications"]
        == seed.sections["appeals"]
        == ""
    )
