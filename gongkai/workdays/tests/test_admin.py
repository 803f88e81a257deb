"""Reviewing and editing a year in the admin: the rules are enforced and every change logged."""

from datetime import date

import pytest

from gongkai.orgs.models import Role
from gongkai.orgs.tests.factories import grant, make_organ, make_user
from gongkai.workdays.models import CalendarChange, CalendarDay, CalendarYear, DayKind
from gongkai.workdays.tests.factories import load_years

pytestmark = pytest.mark.django_db


@pytest.fixture
def sysadmin_client(client):
    user = make_user("root")
    grant(user, make_organ(name="某县人民政府"), Role.SYSADMIN)
    client.force_login(user)
    load_years(2026)
    return client


def inline_data(year, rows, extra_new=None):
    """The admin change form's POST for `year` with its existing rows (and one new row)."""
    days = list(CalendarDay.objects.filter(calendar_year=year).order_by("date"))
    data = {
        "source": year.source,
        "days-TOTAL_FORMS": str(len(days) + (1 if extra_new else 0)),
        "days-INITIAL_FORMS": str(len(days)),
        "days-MIN_NUM_FORMS": "0",
        "days-MAX_NUM_FORMS": "1000",
    }
    for i, day in enumerate(days):
        data.update(
            {
                f"days-{i}-id": str(day.pk),
                f"days-{i}-calendar_year": str(year.pk),
                f"days-{i}-date": day.date.isoformat(),
                f"days-{i}-kind": day.kind,
                f"days-{i}-name": day.name,
            }
        )
        data.update(
            rows.get(day.date, {}) and {f"days-{i}-{k}": v for k, v in rows[day.date].items()}
        )
    if extra_new:
        i = len(days)
        data.update({f"days-{i}-calendar_year": str(year.pk)})
        data.update({f"days-{i}-{k}": v for k, v in extra_new.items()})
    return data


def test_the_year_page_lists_the_exception_days(sysadmin_client):
    year = CalendarYear.objects.get(year=2026)
    page = sysadmin_client.get(f"/admin/workdays/calendaryear/{year.pk}/change/").content.decode()
    assert "2026-10-01" in page and "国庆节" in page and "星期四" in page
    listing = sysadmin_client.get("/admin/workdays/calendaryear/").content.decode()
    assert "chinese-calendar" in listing


def test_a_holiday_on_a_weekend_is_refused_with_a_message(sysadmin_client):
    year = CalendarYear.objects.get(year=2026)
    data = inline_data(year, {}, {"date": "2026-11-07", "kind": DayKind.HOLIDAY, "name": "x"})
    response = sysadmin_client.post(f"/admin/workdays/calendaryear/{year.pk}/change/", data)
    assert response.status_code == 200
    assert "2026-11-07 是星期六，本来就休息，不能登记为节假日" in response.content.decode()
    assert not CalendarDay.objects.filter(date=date(2026, 11, 7)).exists()


def test_a_make_up_day_on_a_weekday_is_refused(sysadmin_client):
    year = CalendarYear.objects.get(year=2026)
    data = inline_data(year, {}, {"date": "2026-11-10", "kind": DayKind.MAKEUP_WORKDAY})
    response = sysadmin_client.post(f"/admin/workdays/calendaryear/{year.pk}/change/", data)
    assert "本来就上班，不能登记为调休上班日" in response.content.decode()


def test_a_date_of_another_year_is_refused(sysadmin_client):
    year = CalendarYear.objects.get(year=2026)
    data = inline_data(year, {}, {"date": "2027-03-03", "kind": DayKind.HOLIDAY})
    response = sysadmin_client.post(f"/admin/workdays/calendaryear/{year.pk}/change/", data)
    assert "2027-03-03 不属于 2026 年" in response.content.decode()


def test_adding_a_local_holiday_is_saved_and_logged(sysadmin_client):
    year = CalendarYear.objects.get(year=2026)
    data = inline_data(
        year, {}, {"date": "2026-11-10", "kind": DayKind.HOLIDAY, "name": "少数民族节日"}
    )
    response = sysadmin_client.post(f"/admin/workdays/calendaryear/{year.pk}/change/", data)
    assert response.status_code == 302
    assert CalendarDay.objects.get(date=date(2026, 11, 10)).name == "少数民族节日"
    change = CalendarChange.objects.filter(kind="day_add").get()
    assert change.actor is not None and change.actor.username == "root"
    assert "2026-11-10" in change.detail


def test_deleting_a_day_is_logged(sysadmin_client):
    year = CalendarYear.objects.get(year=2026)
    data = inline_data(year, {date(2026, 10, 10): {"DELETE": "on"}})
    response = sysadmin_client.post(f"/admin/workdays/calendaryear/{year.pk}/change/", data)
    assert response.status_code == 302
    assert not CalendarDay.objects.filter(date=date(2026, 10, 10)).exists()
    assert CalendarChange.objects.filter(kind="day_delete").count() == 1


def test_office_staff_may_look_but_not_edit(client):
    load_years(2026)
    user = make_user("office")
    grant(user, make_organ(name="某县人民政府"), Role.OFFICE_ADMIN)
    client.force_login(user)
    year = CalendarYear.objects.get(year=2026)
    assert client.get(f"/admin/workdays/calendaryear/{year.pk}/change/").status_code == 200
    response = client.post(f"/admin/workdays/calendaryear/{year.pk}/change/", inline_data(year, {}))
    assert response.status_code == 403


def test_editing_a_day_goes_through_the_service_and_is_logged(sysadmin_client):
    year = CalendarYear.objects.get(year=2026)
    data = inline_data(year, {date(2026, 10, 10): {"name": "国庆节调休（周六上班）"}})
    response = sysadmin_client.post(f"/admin/workdays/calendaryear/{year.pk}/change/", data)
    assert response.status_code == 302
    assert CalendarDay.objects.get(date=date(2026, 10, 10)).name == "国庆节调休（周六上班）"
    change = CalendarChange.objects.get(kind="day_change")
    assert "→" in change.detail


def test_the_change_service_refuses_moving_a_day_onto_another():
    from gongkai.core.errors import ConflictError, DomainError
    from gongkai.workdays.services import calendar_day_change

    load_years(2026)
    row = CalendarDay.objects.get(date=date(2026, 10, 7))  # a Wednesday off (国庆节)
    with pytest.raises(ConflictError):
        calendar_day_change(actor=None, row=row, day=date(2026, 10, 6), kind=DayKind.HOLIDAY,
                            name="x")  # fmt: skip
    with pytest.raises(DomainError, match="本来就休息"):
        calendar_day_change(actor=None, row=row, day=date(2026, 10, 3), kind=DayKind.HOLIDAY,
                            name="x")  # fmt: skip
