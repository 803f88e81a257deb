"""Small local fixtures: an organ, staff personas (editor, reviewer, stranger) and a loaded
working-day calendar."""

from __future__ import annotations

from datetime import date

import pytest
from django.contrib.auth import get_user_model

from gongkai.orgs.models import Membership, Organ, OrganKind, Role
from gongkai.publications.services import PublicationInput, publication_bulk_create


@pytest.fixture
def organ(db):
    from gongkai.publications.defaults import ensure_defaults

    ensure_defaults()  # transactional tests flush the rows the data migration made
    return Organ.objects.create(
        name="遂平县人民政府",
        short_name="县政府",
        kind=OrganKind.PEOPLES_GOVERNMENT,
        index_code="11411728MB1234567X",
    )


@pytest.fixture
def department(organ):
    return Organ.objects.create(
        name="遂平县教育局",
        short_name="教育局",
        kind=OrganKind.DEPARTMENT,
        parent=organ,
        credit_code="11411728005500001A",
    )


def _user(username: str, organ: Organ | None, *roles: Role):
    assert organ is not None or not roles
    user = get_user_model().objects.create_user(username=username, password="x-password-123")
    for role in roles:
        Membership.objects.create(user=user, organ=organ, role=role)  # type: ignore[misc]
    return user


@pytest.fixture
def editor(organ):
    return _user("editor", organ, Role.HANDLER)


@pytest.fixture
def reviewer(organ):
    return _user("reviewer", organ, Role.APPROVER)


@pytest.fixture
def office_admin(organ):
    return _user("office", organ, Role.OFFICE_ADMIN)


@pytest.fixture
def stranger(db):
    return _user("stranger", None)


@pytest.fixture
def calendar(db):
    """2021–2022 with the real holidays around the dates the tests use."""
    from gongkai.workdays.models import CalendarDay, CalendarYear, DayKind

    for year in (2021, 2022, 2023, 2024, 2025, 2026):
        CalendarYear.objects.create(year=year, source="test")
    y2021 = CalendarYear.objects.get(year=2021)
    # Mid-Autumn 2021: 19–21 September off (20, 21 are weekdays); 18 September worked.
    for day in (date(2021, 9, 20), date(2021, 9, 21)):
        CalendarDay.objects.create(
            date=day, kind=DayKind.HOLIDAY, name="中秋节", calendar_year=y2021
        )
    CalendarDay.objects.create(
        date=date(2021, 9, 18), kind=DayKind.MAKEUP_WORKDAY, name="中秋节调休", calendar_year=y2021
    )
    # National Day 2021: 1–7 October off; 26 September and 9 October worked.
    for d in range(1, 8):
        day = date(2021, 10, d)
        if day.weekday() < 5:
            CalendarDay.objects.create(
                date=day, kind=DayKind.HOLIDAY, name="国庆节", calendar_year=y2021
            )
    for day in (date(2021, 9, 26), date(2021, 10, 9)):
        CalendarDay.objects.create(
            date=day, kind=DayKind.MAKEUP_WORKDAY, name="国庆节调休", calendar_year=y2021
        )


@pytest.fixture
def publish_many(organ, reviewer):
    """Register published items in bulk: publish_many([dict(title=…, …)], organ=…)."""

    def make(rows, *, organ=organ):
        items = [
            PublicationInput(
                title=r["title"],
                body_html=r.get("body", ""),
                formed_on=r.get("formed_on", r.get("published_on", date(2021, 3, 1))),
                published_on=r.get("published_on", date(2021, 3, 1)),
                category_code=r.get("category", "news"),
                topic_code=r.get("topic"),
                primary_channel=r.get("channel", "website"),
                channels=r.get("channels", []),
                document_number=r.get("document_number", ""),
                validity=r.get("validity", "valid"),
            )
            for r in rows
        ]
        return publication_bulk_create(actor=None, organ=organ, items=items, reviewer=reviewer)

    return make
