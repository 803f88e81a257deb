import pytest
import time_machine

from gongkai.workdays.checks import check_next_year_loaded
from gongkai.workdays.tests.factories import load_years

pytestmark = pytest.mark.django_db


@time_machine.travel("2025-10-31 23:00 +0800", tick=False)
def test_no_warning_before_november():
    assert check_next_year_loaded(None) == []


@time_machine.travel("2025-11-01 08:00 +0800", tick=False)
def test_from_1_november_it_warns_when_next_year_is_missing():
    (warning,) = check_next_year_loaded(None)
    assert warning.id == "gongkai.W101"
    assert "2026 年的节假日安排尚未载入" in warning.msg
    assert "gongkai calendar load --year 2026" in (warning.hint or "")


@time_machine.travel("2025-12-15 08:00 +0800", tick=False)
def test_no_warning_once_next_year_is_loaded():
    load_years(2026)
    assert check_next_year_loaded(None) == []


@time_machine.travel("2025-10-31 17:30 +0000", tick=False)
def test_the_first_of_november_is_the_local_date():
    # 17:30 UTC on 31 October is already 1 November in Beijing.
    assert len(check_next_year_loaded(None)) == 1
