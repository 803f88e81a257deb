"""Calendar data for tests in every app.

    from gongkai.workdays.tests.factories import load_years, package_calendar

    @pytest.mark.django_db
    def test_it_counts_twenty_working_days():
        load_years(2025, 2026)             # the tables, from chinese-calendar (a few ms)
        ...

    cal = package_calendar(2026)           # a pure WorkCalendar, no database

Fixtures (import into your test module or conftest): `calendar_2025_2026` loads both years
into the database and returns the WorkCalendar built from the tables.
"""

from __future__ import annotations

from typing import Any

import pytest

from gongkai.workdays.compute import WorkCalendar
from gongkai.workdays.models import CalendarYear
from gongkai.workdays.sources import arrangement_from_package


def load_years(*years: int) -> None:
    """Load each year from chinese-calendar into the tables, skipping years already loaded."""
    from gongkai.workdays.services import calendar_load_year

    for year in years:
        if not CalendarYear.objects.filter(year=year).exists():
            calendar_load_year(actor=None, year=year)


def package_calendar(*years: int) -> WorkCalendar:
    """A WorkCalendar for `years` straight from chinese-calendar, without the database."""
    holidays = []
    makeup = []
    for year in years:
        arrangement = arrangement_from_package(year)
        holidays += [d.day for d in arrangement.holidays]
        makeup += [d.day for d in arrangement.makeup_workdays]
    return WorkCalendar.build(years, holidays, makeup)


@pytest.fixture
def calendar_2025_2026(db: Any) -> WorkCalendar:
    from gongkai.workdays.selectors import work_calendar

    load_years(2025, 2026)
    return work_calendar()
