"""T3-BALANCE, T3-ROWSUM and T3-RESULTS-TOTAL (report-rules.md) hold by construction: checked
over random case histories, for every year they touch and both format versions."""

from __future__ import annotations

from datetime import date, timedelta

import pytest
from django.db import transaction
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from gongkai.annual_report.schema import T3_COLUMN_KEYS, T3_DETAIL_COLUMN_KEYS, get_format
from gongkai.applications.actions import DECIDE_OUTCOMES
from gongkai.applications.models import ApplicantType
from gongkai.applications.selectors import table3_cells
from gongkai.applications.tests.helpers import org, person, register, step

pytestmark = pytest.mark.django_db

START = date(2024, 1, 2)
PATHS = ("open", "decide", "withdraw", "no_correction", "corrected_decide", "reopen", "transfer")

case = st.tuples(
    st.sampled_from(ApplicantType.values),
    st.integers(min_value=0, max_value=700),  # receipt offset from START
    st.sampled_from(PATHS),
    st.integers(min_value=1, max_value=60),  # how long it takes
    st.sampled_from(sorted(DECIDE_OUTCOMES - {"still_unclear"})),
)


def _weekday(d: date) -> date:
    while d.weekday() >= 5:
        d += timedelta(days=1)
    return d


def _build(county, kind, offset, path, delay, outcome):
    applicant = person() if kind == "natural_person" else org(kind)
    received = _weekday(START + timedelta(days=offset))
    later = received + timedelta(days=delay)
    app = register(county["edu"], received, applicant)
    if path == "decide":
        step(app, "decide", later, outcome=outcome)
    elif path == "withdraw":
        step(app, "withdraw", later)
    elif path == "no_correction":
        app = step(app, "request_correction", received, items="补充文号",
                   correction_due_on=received + timedelta(days=1))  # fmt: skip
        step(app, "abandon_no_correction", received + timedelta(days=2 + delay))
    elif path == "corrected_decide":
        app = step(app, "request_correction", received, items="补充文号")
        app = step(app, "receive_correction", later)
        step(app, "decide", later + timedelta(days=delay // 2), outcome="still_unclear")
    elif path == "reopen":
        app = step(app, "decide", later, outcome=outcome)
        app = step(app, "reopen", later + timedelta(days=delay), reason="重新答复")
        if delay % 2:
            step(app, "decide", later + timedelta(days=2 * delay), outcome="disclosed")
    elif path == "transfer":
        app = step(app, "transfer", later, organ_id=county["civ"].pk)
        if delay % 2:
            step(app, "decide", later + timedelta(days=delay), outcome=outcome)


def _check(cells, fmt):
    result_rows = [
        r
        for r in fmt.t3_row_keys
        if r not in {"t3.new", "t3.carried_over", "t3.total", "t3.carried_forward"}
    ]
    for c in T3_COLUMN_KEYS:
        v = {r: cells[f"{r}.{c}"].value for r in fmt.t3_row_keys}
        assert (
            v["t3.new"] + v["t3.carried_over"] == v["t3.total"] + v["t3.carried_forward"]
        )  # T3-BALANCE
        assert v["t3.total"] == sum(v[r] for r in result_rows)  # T3-RESULTS-TOTAL
    for r in fmt.t3_row_keys:
        assert (
            sum(cells[f"{r}.{c}"].value for c in T3_DETAIL_COLUMN_KEYS) == cells[f"{r}.total"].value
        )  # T3-ROWSUM
        for c in T3_COLUMN_KEYS:
            assert len(cells[f"{r}.{c}"].records) == cells[f"{r}.{c}"].value


@pytest.mark.parametrize("new_by", ["received", "corrected"])
@settings(max_examples=25, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(cases=st.lists(case, min_size=1, max_size=12))
def test_table3_identities_hold_over_random_histories(cal, county, new_by, cases):
    from django.test import override_settings

    sid = transaction.savepoint()
    override = override_settings(GONGKAI_T3_NEW_BY=new_by)
    override.enable()
    try:
        for c in cases:
            _build(county, *c)
        organs = [county["edu"].pk, county["civ"].pk]
        for version in ("2019", "2021"):
            fmt = get_format(version)
            forward = None
            for year in (2024, 2025, 2026, 2027):
                cells = table3_cells(organ_ids=organs, year=year, format_version=version)
                _check(cells, fmt)
                if forward is not None:  # CROSS-YEAR-CARRY
                    for col in T3_COLUMN_KEYS:
                        assert cells[f"t3.carried_over.{col}"].value == forward[col]
                forward = {col: cells[f"t3.carried_forward.{col}"].value for col in T3_COLUMN_KEYS}
            total_new = sum(
                table3_cells(organ_ids=organs, year=y)["t3.new.total"].value
                for y in (2024, 2025, 2026, 2027)
            )
            assert total_new == len(cases)
    finally:
        override.disable()
        transaction.savepoint_rollback(sid)
