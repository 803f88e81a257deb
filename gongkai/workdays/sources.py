"""The `chinese-calendar` package as a source of holiday arrangements.

The package ships the State Council's notices as data, one release per notice; which years
it covers depends on the installed version (1.11 covers 2004–2026). A year outside that range
is refused with the range, never guessed.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from importlib import metadata

from gongkai.core.errors import DomainError


@dataclass(frozen=True)
class ExceptionDay:
    """A day that differs from Monday–Friday: a weekday off, or a weekend day worked."""

    day: date
    name: str


@dataclass(frozen=True)
class YearArrangement:
    year: int
    holidays: tuple[ExceptionDay, ...]  # weekdays off (法定节假日及调休放假的工作日)
    makeup_workdays: tuple[ExceptionDay, ...]  # weekend days worked (调休上班)
    source: str


def package_version() -> str:
    try:
        return metadata.version("chinese-calendar")
    except metadata.PackageNotFoundError:  # pragma: no cover - a hard dependency
        return "?"


def covered_years() -> range:
    """The years the installed chinese-calendar has data for."""
    from chinese_calendar import constants

    days = constants.holidays.keys()
    return range(min(days).year, max(days).year + 1)


def _chinese_name(english: str) -> str:
    from chinese_calendar.constants import Holiday

    for holiday in Holiday:
        if holiday.value == english:
            return str(holiday.chinese)
    return english


def arrangement_from_package(year: int) -> YearArrangement:
    """The exception days of `year` according to the installed chinese-calendar."""
    from chinese_calendar import constants

    years = covered_years()
    if year not in years:
        raise DomainError(
            f"已安装的 chinese-calendar {package_version()} 只含 {years.start}–{years.stop - 1} 年的"
            f"节假日安排，没有 {year} 年。请按国务院办公厅的放假通知编写 YAML 文件，用 "
            f"gongkai calendar import 通知.yaml 导入（格式见 docs/workdays.md），或升级 chinese-calendar。",
            f"The installed chinese-calendar {package_version()} covers {years.start}–"
            f"{years.stop - 1}, not {year}. Import the State Council notice with "
            f"`gongkai calendar import NOTICE.yaml` (docs/workdays.md) or upgrade the package.",
            field="year",
        )
    # Only weekdays off are exceptions: a Saturday inside the Spring Festival break is a
    # rest day anyway, and the arithmetic stores what differs from Monday–Friday.
    holidays = tuple(
        ExceptionDay(day, _chinese_name(name))
        for day, name in sorted(constants.holidays.items())
        if day.year == year and day.weekday() < 5
    )
    makeup = tuple(
        ExceptionDay(day, _chinese_name(name))
        for day, name in sorted(constants.workdays.items())
        if day.year == year and day.weekday() >= 5
    )
    return YearArrangement(year, holidays, makeup, f"chinese-calendar {package_version()}")
