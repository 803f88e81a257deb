"""A small, fixed, consistent report for example-based tests (no randomness)."""

from __future__ import annotations

from decimal import Decimal

from gongkai.annual_report.findings import Finding
from gongkai.annual_report.model import AnnualReport
from gongkai.annual_report.schema import T3_DETAIL_COLUMN_KEYS, get_format
from gongkai.annual_report.tests.strategies import ColumnCounts, build_report

FEE_SENTENCE = "本年度未收取信息处理费。"


def sample_report(version: str = "2021", year: int | None = None) -> AnnualReport:
    """A consistent report: 26 new applications by natural persons and 3 by companies, one
    carried over, one carried forward; one reconsideration and one lawsuit, both upheld."""
    fmt = get_format(version)
    rows = fmt.t3_result_row_keys
    other_row = "t3.other.other" if version == "2021" else "t3.other"
    natural = dict.fromkeys(rows, 0) | {
        "t3.granted": 18,
        "t3.partial": 3,
        "t3.denied.third_party": 1,
        "t3.unable.not_held": 4,
        other_row: 1,
    }
    commercial = dict.fromkeys(rows, 0) | {"t3.granted": 2, "t3.not_processed.repeat": 1}
    columns = {c: ColumnCounts(dict.fromkeys(rows, 0), 0, 0) for c in T3_DETAIL_COLUMN_KEYS}
    columns["natural_person"] = ColumnCounts(natural, carried_over=1, carried_forward=1)
    columns["commercial"] = ColumnCounts(commercial, carried_over=0, carried_forward=0)
    if version == "2021":
        t2: dict[str, int | Decimal] = {
            "t2.regulations.issued": 0,
            "t2.regulations.repealed": 0,
            "t2.regulations.in_force": 0,
            "t2.normative_documents.issued": 4,
            "t2.normative_documents.repealed": 2,
            "t2.normative_documents.in_force": 37,
            "t2.licensing.decisions": 9512,
            "t2.penalty.decisions": 1143,
            "t2.enforcement.decisions": 19,
            "t2.fees.amount": Decimal("159.1474"),
        }
    else:
        t2 = {
            "t2.regulations.made": 0,
            "t2.regulations.published": 0,
            "t2.regulations.total_public": 0,
            "t2.normative_documents.made": 5,
            "t2.normative_documents.published": 5,
            "t2.normative_documents.total_public": 41,
            "t2.licensing.prev_items": 310,
            "t2.licensing.change": -12,
            "t2.licensing.decisions": 8800,
            "t2.other_services.prev_items": 40,
            "t2.other_services.change": 3,
            "t2.other_services.decisions": 120,
            "t2.penalty.prev_items": 520,
            "t2.penalty.change": 0,
            "t2.penalty.decisions": 990,
            "t2.enforcement.prev_items": 30,
            "t2.enforcement.change": -1,
            "t2.enforcement.decisions": 25,
            "t2.fees.prev_items": 12,
            "t2.fees.change": -2,
            "t2.procurement.items": 7,
            "t2.procurement.amount": Decimal("251000.00"),
        }
    return build_report(
        version=version,
        year=year or (2021 if version == "2021" else 2020),
        organ="遂平县人民政府",
        columns=columns,
        t4={
            "reconsideration": (1, 0, 0, 0),
            "litigation_direct": (1, 0, 0, 0),
            "litigation_after_reconsideration": (0, 0, 0, 0),
        },
        t2=t2,
        sections={
            "overview": "2021年，全县新受理政府信息公开申请29件，上年度结转1件。",
            "other": FEE_SENTENCE,
        },
    )


def own_rule_ids() -> list[str]:
    """The ids of the rules package's own rules. Other modules (the audit) register more
    rules in the same registry; tests of this package's rules run only these."""
    from gongkai.annual_report import rules

    return [
        r.id
        for r in rules.RULES.values()
        if r.function is None or r.function.__module__.startswith("gongkai.annual_report.rules.")
    ]


def check(
    report: AnnualReport,
    *,
    previous: AnnualReport | None = None,
    rules: list[str] | None = None,
) -> list[Finding]:
    """rules.check restricted to this package's own rules."""
    from gongkai.annual_report import rules as registry

    return registry.check(report, previous=previous, rules=rules or own_rule_ids())
