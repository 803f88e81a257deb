"""Working-day arithmetic (工作日), pure functions over a `WorkCalendar`.

A working day is Monday–Friday, minus statutory holidays, plus the weekend days declared
working days in exchange (调休) — regulations.md §9. The Regulations count every time limit of
an application in working days: Art. 30 (correction notice, 7), Art. 33 (reply, 20; extension,
20), Arts. 32/34 (consultation, 15), Art. 26 (proactive publication, 20), and the fee notice
(国办函〔2020〕109号, 20).

Counting convention (regulations.md §9): the day of the triggering event is not counted; day 1
is the next working day; the deadline is the end of the Nth working day. So
`add_working_days(d, n)` returns the Nth working day after d, and
`working_days_between(a, b)` counts the working days in (a, b] — the two are inverse.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from datetime import date, timedelta

from gongkai.core.errors import DomainError


class CalendarMissingError(DomainError):
    """A date falls in a year whose holiday arrangement is not loaded."""

    code = "calendar_missing"

    def __init__(self, year: int) -> None:
        self.year = year
        super().__init__(
            f"{year} 年的节假日安排尚未载入，无法计算工作日。请运行 gongkai calendar load --year {year}"
            f" 或导入国务院办公厅的放假通知。",
            f"The {year} holiday calendar is not loaded; run `gongkai calendar load --year {year}` "
            f"or import that year's State Council notice.",
        )


@dataclass(frozen=True)
class WorkCalendar:
    """The loaded years and their exceptions to Monday–Friday."""

    years: frozenset[int]
    holidays: frozenset[date]  # weekdays that are not worked
    makeup_workdays: frozenset[date]  # weekend days that are worked (调休)

    @classmethod
    def build(
        cls, years: Iterable[int], holidays: Iterable[date], makeup_workdays: Iterable[date]
    ) -> WorkCalendar:
        return cls(frozenset(years), frozenset(holidays), frozenset(makeup_workdays))

    def require(self, day: date) -> None:
        # Principle 5 / regulations.md §9: a year without its State Council notice loaded is
        # an error naming the year, never a weekends-only guess.
        if day.year not in self.years:
            raise CalendarMissingError(day.year)

    def is_working_day(self, day: date) -> bool:
        self.require(day)
        # 1. A weekend day declared a working day in exchange (调休上班) is worked
        #    (国务院办公厅 yearly notice).
        if day in self.makeup_workdays:
            return True
        # 2. A statutory holiday, or a weekday given off in exchange, is not
        #    (《全国年节及纪念日放假办法》 Arts. 2–3 and the yearly notice).
        if day in self.holidays:
            return False
        # 3. Otherwise Monday–Friday are working days (《国务院关于职工工作时间的规定》 Art. 7:
        #    Saturday and Sunday are the weekly rest days).
        return day.weekday() < 5


def next_working_day(day: date, calendar: WorkCalendar) -> date:
    """The first working day strictly after `day`.

    Day 1 of a time limit (regulations.md §9): the day of the triggering event — receipt of
    an application (Art. 31), of a corrected application (Art. 30), of a fee notice
    (国办函〔2020〕109号: "from the day after") — is not counted.
    """
    current = day + timedelta(days=1)
    while not calendar.is_working_day(current):
        current += timedelta(days=1)
    return current


def add_working_days(start: date, n: int, calendar: WorkCalendar) -> date:
    """The Nth working day after `start` (the start day itself is not counted).

    `n = 0` returns `start`. Raises CalendarMissingError if the count runs into a year that is
    not loaded, and ValueError for a negative `n`.
    """
    if n < 0:
        raise ValueError("n must be >= 0")
    current = start
    # Each step moves to the next working day, so the result is the end of the Nth working
    # day after the event: Art. 33 (reply, 20; extension, 20 more), Art. 30 (correction
    # notice, 7), Arts. 32/34 (consultation, 15), Art. 26 (publication, 20). A count that
    # crosses into a year not loaded raises CalendarMissingError for that year.
    for _ in range(n):
        current = next_working_day(current, calendar)
    return current


def working_days_between(start: date, end: date, calendar: WorkCalendar) -> int:
    """Working days in (start, end]: how many working days after `start` `end` is.

    Negative when `end` is before `start`. Inverse of add_working_days:
    `working_days_between(d, add_working_days(d, n)) == n`.
    """
    if end < start:
        return -working_days_between(end, start, calendar)
    # (start, end]: the event day is not counted, the last day is (regulations.md §9) — how
    # many working days of a time limit have been used by `end`, e.g. to tell whether a
    # reply was given within the 20 working days of Art. 33.
    count = 0
    current = start + timedelta(days=1)
    while current <= end:
        if calendar.is_working_day(current):
            count += 1
        current += timedelta(days=1)
    return count
