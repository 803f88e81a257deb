"""`gongkai calendar import NOTICE.yaml`: the State Council notice, all or nothing."""

from datetime import date
from pathlib import Path

import pytest

from gongkai.workdays.models import CalendarDay, CalendarYear
from gongkai.workdays.notice import NoticeError, parse_notice
from gongkai.workdays.services import calendar_import_notice
from gongkai.workdays.sources import arrangement_from_package

EXAMPLE = Path(__file__).resolve().parents[3] / "docs" / "examples" / "notice-2026.yaml"


def problems(text):
    with pytest.raises(NoticeError) as info:
        parse_notice(text, name="t.yaml")
    return [str(p) for p in info.value.problems]


def test_the_documented_2026_notice_matches_chinese_calendar():
    from_notice = parse_notice(EXAMPLE.read_text(encoding="utf-8"))
    from_package = arrangement_from_package(2026)
    assert [d.day for d in from_notice.holidays] == [d.day for d in from_package.holidays]
    assert [d.day for d in from_notice.makeup_workdays] == [
        d.day for d in from_package.makeup_workdays
    ]
    names = {d.day: d.name for d in from_notice.holidays + from_notice.makeup_workdays}
    assert names[date(2026, 2, 16)] == "春节"
    assert names[date(2026, 10, 10)] == "国庆节调休上班"


@pytest.mark.django_db
def test_importing_replaces_a_loaded_year_atomically(capsys, gongkai):
    from gongkai.workdays.tests.factories import load_years

    load_years(2026)
    CalendarDay.objects.filter(date=date(2026, 10, 1)).delete()
    assert gongkai(["calendar", "import", str(EXAMPLE)]) == 1
    assert "已经载入" in capsys.readouterr().err
    assert gongkai(["calendar", "import", str(EXAMPLE), "--replace"]) == 0
    assert "已载入 2026 年日历" in capsys.readouterr().out
    assert CalendarDay.objects.filter(date=date(2026, 10, 1)).exists()
    assert (
        CalendarYear.objects.get(year=2026).source == "国务院办公厅关于2026年部分节假日安排的通知"
    )


BASE = """year: 2026
holidays:
  - name: 国庆节
    from: 2026-10-01
    to: 2026-10-07
    makeup: [2026-09-20, 2026-10-10]
"""


def test_a_make_up_day_on_a_weekday_is_refused_with_its_line():
    found = problems(BASE.replace("2026-09-20", "2026-09-21"))
    assert found == [
        "第 6 行，holidays[1].makeup：2026-09-21 是星期一，本来就上班；调休上班日只能是星期六或星期日"
        " / line 6, holidays[1].makeup: 2026-09-21 is a weekday; make-up working days are "
        "Saturdays or Sundays"
    ]


def test_a_bad_date_a_reversed_range_and_an_unknown_field_are_all_reported():
    text = BASE.replace("from: 2026-10-01", "from: 2026-10-32").replace(
        "  - name: 国庆节\n", "  - name: 国庆节\n    form: x\n"
    )
    found = problems(text + "  - name: 元旦\n    from: 2026-01-03\n    to: 2026-01-01\n")
    assert [f.split("：")[0] for f in found] == [
        "第 4 行，holidays[1].form",
        "第 5 行，holidays[1].from",
        "第 10 行，holidays[2].to",
    ]
    assert "日期“2026-10-32”无效" in found[1]


def test_missing_fields_and_a_wrong_year_are_named():
    found = problems("year: twenty\nholidays:\n  - name: 元旦\n    to: 2026-01-01\n")
    assert found[0].startswith("第 1 行，year：应为四位年份")
    assert found[1].startswith("第 3 行，holidays[1].from：缺少必填字段“from”")


def test_overlapping_holidays_are_refused():
    found = problems(BASE + "  - name: 中秋节\n    from: 2026-10-05\n    to: 2026-10-06\n")
    assert "2026-10-05 与“国庆节”的假期重叠" in found[0]


def test_a_weekday_in_another_year_is_refused_but_a_weekend_break_start_is_fine():
    # The 2023 New Year break began on Saturday 31 December 2022: nothing to store.
    ok = parse_notice("year: 2023\nholidays:\n  - {name: 元旦, from: 2022-12-31, to: 2023-01-02}\n")
    assert [d.day for d in ok.holidays] == [date(2023, 1, 2)]
    found = problems("year: 2026\nholidays:\n  - {name: 元旦, from: 2025-12-31, to: 2026-01-01}\n")
    assert "不属于 2026 年；请写入 2025 年的通知文件" in found[0]


def test_not_yaml_at_all_is_reported_with_a_line():
    found = problems("year: 2026\nholidays: [\n  - x: :\n")
    assert found[0].startswith("第 ")
    assert "不是有效的 YAML" in found[0]


@pytest.mark.django_db
def test_a_malformed_notice_imports_nothing(tmp_path, capsys, gongkai):
    path = tmp_path / "bad.yaml"
    path.write_text(BASE.replace("2026-09-20", "2026-09-21"), encoding="utf-8")
    assert gongkai(["calendar", "import", str(path)]) == 1
    err = capsys.readouterr().err
    assert "放假通知文件 bad.yaml 有 1 处错误，未导入任何内容" in err
    assert "第 6 行" in err
    assert not CalendarYear.objects.exists()


@pytest.mark.django_db
def test_the_service_refuses_a_holiday_on_a_weekend_even_from_code():
    from gongkai.core.errors import DomainError
    from gongkai.workdays.sources import ExceptionDay, YearArrangement

    bad = YearArrangement(2026, (ExceptionDay(date(2026, 10, 3), "国庆节"),), (), "test")
    with pytest.raises(DomainError, match="星期六"):
        calendar_import_notice(actor=None, arrangement=bad)
    assert not CalendarYear.objects.exists()
