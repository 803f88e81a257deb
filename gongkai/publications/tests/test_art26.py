"""Art. 26: proactive information is published within 20 working days of being formed or
changed; late and overdue items are listed."""

from __future__ import annotations

from datetime import date

import pytest

from gongkai.publications.selectors import art26_late_items
from gongkai.workdays.compute import CalendarMissingError

pytestmark = pytest.mark.django_db


def test_it_lists_items_published_after_20_working_days_across_national_day(
    organ, calendar, publish_many
):
    # Formed 2021-09-17 (Fri). Mid-Autumn: 18 Sep worked, 20–21 Sep off; National Day: 26 Sep
    # worked, 1–7 Oct off, 9 Oct worked. Sep 18,22,23,24,26,27,28,29,30 (9) + Oct 8,9 (11)
    # + Oct 11..15 (16) + Oct 18..21 (20) → due 2021-10-21.
    _on_time, late = publish_many([
        {"title": "按时", "formed_on": date(2021, 9, 17), "published_on": date(2021, 10, 21)},
        {"title": "超期", "formed_on": date(2021, 9, 17), "published_on": date(2021, 10, 25)},
    ])  # fmt: skip
    rows = art26_late_items(organ_ids=[organ.pk], year=2021)
    assert [(r.item.pk, r.due_on, r.late_by, r.open) for r in rows] == [
        (late, date(2021, 10, 21), 2, False)
    ]


def test_it_lists_unpublished_items_already_past_due(organ, editor, calendar):
    from gongkai.publications.services import PublicationInput, publication_create

    pub = publication_create(
        actor=editor, organ=organ,
        data=PublicationInput(title="还没发布", formed_on=date(2021, 11, 1), category_code="news"),
    )  # fmt: skip
    rows = art26_late_items(organ_ids=[organ.pk], today=date(2021, 12, 1))
    assert [(r.item.pk, r.due_on, r.open) for r in rows] == [(pub.pk, date(2021, 11, 29), True)]
    assert art26_late_items(organ_ids=[organ.pk], today=date(2021, 11, 29)) == []


def test_a_missing_calendar_year_is_an_error_not_a_guess(organ, publish_many):
    publish_many([{"title": "x", "formed_on": date(2021, 1, 4), "published_on": date(2021, 3, 1)}])
    with pytest.raises(CalendarMissingError):
        art26_late_items(organ_ids=[organ.pk])
