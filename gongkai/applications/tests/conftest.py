"""Small local fixtures for the applications tests: a calendar loaded from chinese-calendar,
a county with two departments, and staff personas."""

from __future__ import annotations

from datetime import date
from typing import Any

import pytest
from django.contrib.auth import get_user_model

from gongkai.orgs.models import Membership, Organ, OrganKind, Role
from gongkai.workdays.compute import WorkCalendar
from gongkai.workdays.models import CalendarDay, CalendarYear, DayKind

PASSWORD = "Test-pass-2026!"
YEARS = (2023, 2024, 2025, 2026)


def package_calendar(*years: int) -> WorkCalendar:
    from chinese_calendar.constants import holidays, workdays

    hol = [d for d in holidays if d.year in years and d.weekday() < 5]
    mk = [d for d in workdays if d.year in years and d.weekday() >= 5]
    return WorkCalendar.build(years, hol, mk)


def load_calendar(*years: int) -> WorkCalendar:
    cal = package_calendar(*years)
    for year in years:
        cy, created = CalendarYear.objects.get_or_create(
            year=year, defaults={"source": "chinese-calendar"}
        )
        if not created:
            continue
        CalendarDay.objects.bulk_create(
            [
                CalendarDay(date=d, kind=DayKind.HOLIDAY, calendar_year=cy)
                for d in cal.holidays
                if d.year == year
            ]
            + [
                CalendarDay(date=d, kind=DayKind.MAKEUP_WORKDAY, calendar_year=cy)
                for d in cal.makeup_workdays
                if d.year == year
            ]
        )
    return cal


@pytest.fixture
def cal(db: Any) -> WorkCalendar:
    return load_calendar(*YEARS)


@pytest.fixture
def county(db: Any) -> dict[str, Organ]:
    gov = Organ.objects.create(name="某县人民政府", kind=OrganKind.PEOPLES_GOVERNMENT)
    edu = Organ.objects.create(name="某县教育局", kind=OrganKind.DEPARTMENT, parent=gov)
    civ = Organ.objects.create(name="某县民政局", kind=OrganKind.DEPARTMENT, parent=gov)
    return {"gov": gov, "edu": edu, "civ": civ}


def make_user(username: str, organ: Any = None, *roles: str) -> Any:
    # No password: tests log in with force_login, and hashing one costs a second of CPU.
    user = get_user_model().objects.create_user(username=username, password=None)
    for role in roles:
        Membership.objects.create(user=user, organ=organ, role=role)
    return user


@pytest.fixture
def people(county: dict[str, Organ]) -> dict[str, Any]:
    return {
        "office": make_user("office", county["gov"], Role.OFFICE_ADMIN),
        "handler": make_user("handler", county["edu"], Role.HANDLER),
        "approver": make_user("approver", county["edu"], Role.APPROVER),
        "other_handler": make_user("other_handler", county["civ"], Role.HANDLER),
        "stranger": make_user("stranger"),
    }


D = date
