"""The clock model (regulations.md §5.5) as pure functions of events and the calendar."""

from __future__ import annotations

from datetime import date

import pytest

from gongkai.applications.deadlines import ClockFact, compute_deadline, receipt_date
from gongkai.applications.tests.conftest import package_calendar
from gongkai.workdays.compute import CalendarMissingError

CAL = package_calendar(2024, 2025, 2026)
F = ClockFact


def test_it_counts_twenty_working_days_across_national_day_and_its_makeup_saturday():
    # 2025: 1–8 October off; Saturday 11 October worked (调休). Counted by hand.
    d = compute_deadline([F("register", date(2025, 9, 30))], CAL)
    assert d.due_on == date(2025, 11, 4)
    assert d.correction_notice_due_on == date(2025, 10, 16)  # Art. 30: 7 WD
    assert "第三十三条" in d.steps[0].zh and "2025-11-04" in d.steps[-1].zh


def test_it_restarts_the_clock_when_the_corrected_application_arrives():
    facts = [
        F("register", date(2025, 3, 3)),
        F("request_correction", date(2025, 3, 5), {"correction_due_on": "2025-03-26"}),
    ]
    waiting = compute_deadline(facts, CAL)
    assert waiting.due_on is None and waiting.awaiting_correction
    assert waiting.correction_due_on == date(2025, 3, 26)
    done = compute_deadline([*facts, F("receive_correction", date(2025, 3, 20))], CAL)
    # 20 WD after Thursday 20 March 2025 (Qingming 4 April is a Friday off): 18 April.
    assert done.due_on == date(2025, 4, 18)
    assert any("重新起算" in s.zh for s in done.steps)


def test_it_excludes_the_working_days_after_the_letter_up_to_and_including_the_reply():
    start = date(2025, 6, 3)  # Tuesday
    plain = compute_deadline([F("register", start)], CAL).due_on
    facts = [
        F("register", start),
        F("open_consultation", date(2025, 6, 9)),  # Monday
        F("answer_consultation", date(2025, 6, 13)),  # Friday: Tue–Fri excluded = 4
    ]
    paused = compute_deadline(facts[:2], CAL)
    assert paused.due_on is None and paused.remaining_days == 20 - 4  # 4,5,6,9 June used
    resumed = compute_deadline(facts, CAL)
    assert resumed.excluded_days == 4
    assert plain is not None and resumed.due_on is not None
    from gongkai.workdays.compute import working_days_between

    assert working_days_between(plain, resumed.due_on, CAL) == 4


def test_a_pause_opened_and_closed_the_same_day_excludes_nothing():
    start = date(2025, 6, 3)
    d = compute_deadline(
        [
            F("register", start),
            F("open_consultation", date(2025, 6, 5)),
            F("answer_consultation", date(2025, 6, 5)),
        ],
        CAL,
    )
    assert d.excluded_days == 0
    assert d.due_on == compute_deadline([F("register", start)], CAL).due_on


def test_it_adds_an_approved_extension_of_at_most_twenty_days():
    start = date(2025, 6, 3)
    base = compute_deadline([F("register", start)], CAL).due_on
    d = compute_deadline(
        [
            F("register", start),
            F("request_extension", date(2025, 6, 20)),
            F("approve_extension", date(2025, 6, 23), {"days": 20}),
        ],
        CAL,
    )
    assert d.extension_days == 20
    from gongkai.workdays.compute import add_working_days

    assert base is not None and d.due_on == add_working_days(base, 20, CAL)


def test_the_fee_period_runs_twenty_working_days_from_the_day_after_the_notice_is_received():
    d = compute_deadline(
        [
            F("register", date(2025, 6, 3)),
            F("issue_fee_notice", date(2025, 6, 10), {"notice_received_on": "2025-06-11"}),
        ],
        CAL,
    )
    # 20 WD after Wed 11 June 2025 (no holidays in between): Wed 9 July.
    assert d.pause_due_on == date(2025, 7, 9)
    assert d.due_on is None


def test_a_year_without_calendar_data_is_an_error_not_a_guess():
    with pytest.raises(CalendarMissingError) as exc:
        compute_deadline([F("register", date(2030, 3, 1))], CAL)
    assert "2030" in exc.value.message


def test_a_closed_case_has_no_running_due_date():
    d = compute_deadline([F("register", date(2025, 6, 3)), F("decide", date(2025, 6, 10))], CAL)
    assert d.due_on is None and d.closed_on == date(2025, 6, 10)


@pytest.mark.parametrize(
    ("channel", "arrived", "confirmed", "expected"),
    [
        ("in_person", date(2025, 5, 6), None, date(2025, 5, 6)),
        ("registered_post", date(2025, 5, 6), None, date(2025, 5, 6)),
        ("ordinary_post", date(2025, 5, 6), date(2025, 5, 8), date(2025, 5, 8)),
        ("online", date(2025, 5, 6), date(2025, 5, 7), date(2025, 5, 7)),
        ("fax", date(2025, 5, 6), date(2025, 5, 6), date(2025, 5, 6)),
    ],
)
def test_the_receipt_date_follows_article_31_per_channel(channel, arrived, confirmed, expected):
    got, basis = receipt_date(channel, arrived_on=arrived, confirmed_on=confirmed)
    assert got == expected
    assert "第三十一条" in basis


def test_an_ordinary_letter_needs_the_confirmation_date():
    with pytest.raises(ValueError):
        receipt_date("ordinary_post", arrived_on=date(2025, 5, 6), confirmed_on=None)
