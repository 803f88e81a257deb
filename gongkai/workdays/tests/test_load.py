from datetime import date

import pytest
from django.core.management import call_command

from gongkai.core.errors import ConflictError, DomainError
from gongkai.workdays.models import CalendarChange, CalendarDay, CalendarYear, DayKind
from gongkai.workdays.selectors import work_calendar
from gongkai.workdays.services import calendar_load_year
from gongkai.workdays.sources import covered_years


@pytest.mark.django_db
def test_loading_2026_stores_weekday_holidays_and_weekend_makeup_days():
    calendar_load_year(actor=None, year=2026)
    days = {d.date: d for d in CalendarDay.objects.all()}
    assert days[date(2026, 10, 1)].kind == DayKind.HOLIDAY
    assert days[date(2026, 10, 1)].name == "国庆节"
    assert days[date(2026, 2, 16)].name == "春节"
    assert days[date(2026, 10, 10)].kind == DayKind.MAKEUP_WORKDAY
    assert date(2026, 10, 3) not in days  # a Saturday inside the break: a rest day anyway
    assert all(d.date.weekday() < 5 for d in days.values() if d.kind == DayKind.HOLIDAY)
    assert CalendarYear.objects.get(year=2026).source.startswith("chinese-calendar")
    assert CalendarChange.objects.get(year=2026).kind == "load"


@pytest.mark.django_db
def test_loading_a_year_twice_is_refused_unless_replacing():
    calendar_load_year(actor=None, year=2026)
    with pytest.raises(ConflictError, match="已经载入"):
        calendar_load_year(actor=None, year=2026)
    CalendarDay.objects.filter(date=date(2026, 10, 1)).delete()
    calendar_load_year(actor=None, year=2026, replace=True)
    assert CalendarDay.objects.filter(date=date(2026, 10, 1)).exists()
    assert CalendarYear.objects.count() == 1


@pytest.mark.django_db
def test_a_year_the_package_does_not_cover_is_refused_with_the_range():
    last = covered_years().stop - 1
    with pytest.raises(DomainError) as info:
        calendar_load_year(actor=None, year=last + 1)
    assert f"{covered_years().start}–{last}" in info.value.message
    assert "calendar import" in info.value.message
    assert not CalendarYear.objects.exists()


@pytest.mark.django_db
def test_the_load_command_reports_what_it_loaded():
    from io import StringIO

    out = StringIO()
    call_command("calendar", "load", "--year", "2026", stdout=out)
    assert "已载入 2026 年日历" in out.getvalue()
    assert 2026 in work_calendar().years


@pytest.mark.django_db
def test_add_workdays_and_between_print_for_scripts(capsys, gongkai):
    assert gongkai(["calendar", "load", "--year", "2026"]) == 0
    capsys.readouterr()
    assert gongkai(["calendar", "add-workdays", "2026-09-25", "20"]) == 0
    assert capsys.readouterr().out.strip() == "2026-10-29"
    assert gongkai(["calendar", "between", "2026-09-25", "2026-10-29"]) == 0
    assert capsys.readouterr().out.strip() == "20"


@pytest.mark.django_db
def test_a_date_in_a_year_not_loaded_exits_2_naming_the_year_and_command(capsys, gongkai):
    assert gongkai(["calendar", "load", "--year", "2026"]) == 0
    capsys.readouterr()
    assert gongkai(["calendar", "add-workdays", "2026-12-20", "20"]) == 2
    err = capsys.readouterr().err
    assert "2027 年" in err
    assert "gongkai calendar load --year 2027" in err


def test_a_malformed_date_argument_is_a_usage_error(capsys, gongkai):
    assert gongkai(["calendar", "add-workdays", "2026-13-01", "5"]) == 2
    assert "不是日期" in capsys.readouterr().err


@pytest.mark.django_db
def test_loading_a_year_the_package_lacks_exits_1_and_points_to_import(capsys, gongkai):
    last = covered_years().stop - 1
    assert gongkai(["calendar", "load", "--year", str(last + 1)]) == 1
    err = capsys.readouterr().err
    assert f"没有 {last + 1} 年" in err and "gongkai calendar import" in err


@pytest.mark.django_db
def test_status_lists_loaded_years_and_the_package_coverage(capsys, gongkai):
    assert gongkai(["calendar", "status"]) == 0
    assert "尚未载入任何年份" in capsys.readouterr().out
    gongkai(["calendar", "load", "--year", "2025"])
    capsys.readouterr()
    assert gongkai(["calendar", "status"]) == 0
    out = capsys.readouterr().out
    assert "2025\tchinese-calendar" in out
    assert f"含 {covered_years().start}–{covered_years().stop - 1} 年" in out
