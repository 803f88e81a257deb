"""Reads of the calendar tables."""

from __future__ import annotations

from datetime import date

from gongkai.workdays.compute import WorkCalendar
from gongkai.workdays.models import CalendarDay, CalendarYear, DayKind


def work_calendar() -> WorkCalendar:
    """The whole loaded calendar (a few dozen rows a year), for the pure arithmetic."""
    years = CalendarYear.objects.values_list("year", flat=True)
    holidays: list[date] = []
    makeup: list[date] = []
    for day, kind in CalendarDay.objects.values_list("date", "kind"):
        (holidays if kind == DayKind.HOLIDAY else makeup).append(day)
    return WorkCalendar.build(years, holidays, makeup)
