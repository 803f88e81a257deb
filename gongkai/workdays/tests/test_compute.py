"""The working-day arithmetic: known cases and properties, checked against chinese-calendar."""

from datetime import date, timedelta

import chinese_calendar
import pytest
from hypothesis import given
from hypothesis import strategies as st

from gongkai.workdays.compute import (
    CalendarMissingError,
    WorkCalendar,
    add_working_days,
    next_working_day,
    working_days_between,
)
from gongkai.workdays.sources import covered_years
from gongkai.workdays.tests.factories import package_calendar

YEARS = [y for y in range(2020, 2027) if y in covered_years()]
CAL = package_calendar(*YEARS)
FIRST, LAST = date(YEARS[0], 1, 1), date(YEARS[-1], 12, 31)


def test_the_installed_package_covers_2020_to_2026():
    assert list(range(2020, 2027)) == YEARS, f"chinese-calendar covers only {covered_years()}"


@pytest.mark.parametrize(
    ("start", "n", "expected", "why"),
    [
        ("2026-02-13", 1, "2026-02-14", "Saturday 14 Feb 2026 is a make-up working day (春节)"),
        ("2026-02-14", 1, "2026-02-24", "15–23 Feb 2026: the nine-day Spring Festival break"),
        ("2026-02-13", 20, "2026-03-19", "20 WD across Spring Festival and Saturday 28 Feb"),
        ("2026-09-18", 1, "2026-09-20", "Sunday 20 Sep 2026 is a make-up working day (国庆)"),
        ("2026-09-25", 20, "2026-10-29", "Mid-Autumn, National Day and Saturday 10 Oct 2026"),
        ("2026-09-30", 1, "2026-10-08", "1–7 Oct 2026: National Day"),
        ("2025-12-31", 1, "2026-01-04", "across the year end onto Sunday 4 Jan 2026 (元旦调休)"),
        ("2024-12-31", 1, "2025-01-02", "1 Jan 2025 off, an ordinary Thursday after"),
        ("2023-12-29", 1, "2024-01-02", "weekend and New Year's Day 2024"),
        ("2022-12-30", 1, "2023-01-03", "the 2023 break began on Saturday 31 Dec 2022"),
        ("2025-01-24", 1, "2025-01-26", "Sunday 26 Jan 2025 worked before Spring Festival"),
        ("2025-02-07", 1, "2025-02-08", "Saturday 8 Feb 2025 worked after Spring Festival"),
        ("2025-09-26", 7, "2025-10-13", "7 WD over National Day 2025 with Saturday 11 Oct worked"),
        ("2024-10-11", 1, "2024-10-12", "Saturday 12 Oct 2024 worked"),
        ("2020-01-23", 1, "2020-02-03", "the 2020 Spring Festival break extended to 2 Feb"),
        ("2026-12-10", 10, "2026-12-24", "an ordinary December count"),
    ],
)
def test_known_cases(start, n, expected, why):
    start_day, expected_day = date.fromisoformat(start), date.fromisoformat(expected)
    assert add_working_days(start_day, n, CAL) == expected_day, why
    assert working_days_between(start_day, expected_day, CAL) == n
    assert chinese_calendar.is_workday(expected_day)


def test_a_count_into_a_year_not_loaded_names_that_year():
    only_2026 = package_calendar(2026)
    with pytest.raises(CalendarMissingError) as info:
        add_working_days(date(2026, 12, 20), 20, only_2026)
    assert info.value.year == 2027
    assert "gongkai calendar load --year 2027" in info.value.message
    with pytest.raises(CalendarMissingError):
        working_days_between(date(2025, 12, 20), date(2026, 1, 10), only_2026)


def test_n_zero_is_the_start_and_negative_n_is_refused():
    assert add_working_days(date(2026, 10, 3), 0, CAL) == date(2026, 10, 3)
    with pytest.raises(ValueError):
        add_working_days(date(2026, 10, 3), -1, CAL)


def test_an_empty_calendar_refuses_every_date():
    with pytest.raises(CalendarMissingError):
        WorkCalendar.build([], [], []).is_working_day(date(2026, 1, 5))


days = st.dates(min_value=FIRST, max_value=LAST - timedelta(days=120))
counts = st.integers(min_value=0, max_value=60)


@given(days)
def test_every_day_agrees_with_chinese_calendar(day):
    assert CAL.is_working_day(day) == chinese_calendar.is_workday(day)


@given(days, counts)
def test_adding_then_counting_back_gives_n(start, n):
    assert working_days_between(start, add_working_days(start, n, CAL), CAL) == n


@given(days, st.integers(min_value=1, max_value=60))
def test_the_result_is_never_a_non_working_day(start, n):
    result = add_working_days(start, n, CAL)
    assert chinese_calendar.is_workday(result)
    assert result > start


@given(days, days, counts)
def test_adding_is_monotonic_in_the_start_date(a, b, n):
    a, b = min(a, b), max(a, b)
    assert add_working_days(a, n, CAL) <= add_working_days(b, n, CAL)


@given(days, st.integers(0, 30), st.integers(0, 30))
def test_adding_is_monotonic_in_n_and_composes(start, m, n):
    assert add_working_days(start, m, CAL) <= add_working_days(start, m + n, CAL)
    assert add_working_days(add_working_days(start, m, CAL), n, CAL) == add_working_days(
        start, m + n, CAL
    )


@given(days, days)
def test_counting_is_antisymmetric_and_matches_chinese_calendar(a, b):
    forward = working_days_between(a, b, CAL)
    assert forward == -working_days_between(b, a, CAL)
    lo, hi = min(a, b), max(a, b)
    expected = sum(
        chinese_calendar.is_workday(lo + timedelta(days=i)) for i in range(1, (hi - lo).days + 1)
    )
    assert abs(forward) == expected


@given(days)
def test_the_next_working_day_is_the_first_one_after(day):
    nxt = next_working_day(day, CAL)
    assert chinese_calendar.is_workday(nxt)
    assert not any(
        chinese_calendar.is_workday(day + timedelta(days=i)) for i in range(1, (nxt - day).days)
    )
