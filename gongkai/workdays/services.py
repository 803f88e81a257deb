"""Every write to the working-day calendar. Keyword-only, typed, atomic; each takes the acting
user (None for the command line) and writes a CalendarChange row in the same transaction."""

from __future__ import annotations

from collections.abc import Iterable
from datetime import date

from django.contrib.auth.models import AbstractBaseUser, AnonymousUser, User
from django.db import transaction

from gongkai.core.errors import ConflictError, DomainError, PermissionDeniedError
from gongkai.workdays.models import (
    CalendarChange,
    CalendarChangeKind,
    CalendarDay,
    CalendarYear,
    DayKind,
)
from gongkai.workdays.sources import ExceptionDay, YearArrangement, arrangement_from_package

Actor = AbstractBaseUser | AnonymousUser | None
WEEKDAY_ZH = "一二三四五六日"


def _authorise(actor: Actor) -> User | None:
    from gongkai.orgs.permissions import can_manage_calendar

    if actor is None:
        return None
    if not can_manage_calendar(actor):
        raise PermissionDeniedError(
            "只有系统管理员可以修改工作日历。", "Only system administrators change the calendar."
        )
    return actor if isinstance(actor, User) else None


def day_problem(day: date, kind: str, year: int | None = None) -> tuple[str, str] | None:
    """Why (day, kind) cannot be an exception day, or None.

    The table stores only what differs from Monday–Friday (regulations.md §9): a holiday must
    be a weekday (a weekend is a rest day anyway) and a make-up working day (调休上班) must be
    a Saturday or Sunday (a weekday is worked anyway).
    """
    weekday = f"星期{WEEKDAY_ZH[day.weekday()]}"
    if year is not None and day.year != year:
        return (
            f"{day.isoformat()} 不属于 {year} 年",
            f"{day.isoformat()} is not in {year}",
        )
    if kind == DayKind.HOLIDAY and day.weekday() >= 5:
        return (
            f"{day.isoformat()} 是{weekday}，本来就休息，不能登记为节假日",
            f"{day.isoformat()} is a weekend day; only weekdays can be holidays",
        )
    if kind == DayKind.MAKEUP_WORKDAY and day.weekday() < 5:
        return (
            f"{day.isoformat()} 是{weekday}，本来就上班，不能登记为调休上班日",
            f"{day.isoformat()} is a weekday; only Saturdays and Sundays can be make-up working days",
        )
    if kind not in DayKind.values:
        return (f"类型“{kind}”无效", f"unknown kind {kind!r}")
    return None


def _describe(days: Iterable[CalendarDay]) -> str:
    return "\n".join(f"{d.date.isoformat()} {d.get_kind_display()} {d.name}" for d in days)


@transaction.atomic
def calendar_replace_year(*, actor: Actor, arrangement: YearArrangement,
                          kind: CalendarChangeKind, replace: bool = False) -> CalendarYear:  # fmt: skip
    """Write a whole year's exception days, replacing the year if `replace`. All or nothing."""
    user = _authorise(actor)
    year = arrangement.year
    for item, day_kind in [(h, DayKind.HOLIDAY) for h in arrangement.holidays] + [
        (m, DayKind.MAKEUP_WORKDAY) for m in arrangement.makeup_workdays
    ]:
        problem = day_problem(item.day, day_kind, year)
        if problem:
            raise DomainError(f"{problem[0]}。", f"{problem[1]}.", field="date")
    existing = CalendarYear.objects.select_for_update().filter(year=year).first()
    if existing is not None and not replace:
        raise ConflictError(
            f"{year} 年的日历已经载入（来源：{existing.source}）。如要替换，请加 --replace。",
            f"The {year} calendar is already loaded (from {existing.source}); pass --replace.",
            field="year",
        )
    if existing is not None:
        existing.days.all().delete()
        existing.source = arrangement.source
        existing.save(update_fields=["source", "updated_at"])
        calendar_year = existing
    else:
        calendar_year = CalendarYear.objects.create(year=year, source=arrangement.source)
    rows = [
        CalendarDay(date=h.day, kind=DayKind.HOLIDAY, name=h.name, calendar_year=calendar_year)
        for h in arrangement.holidays
    ] + [
        CalendarDay(
            date=m.day, kind=DayKind.MAKEUP_WORKDAY, name=m.name, calendar_year=calendar_year
        )
        for m in arrangement.makeup_workdays
    ]
    CalendarDay.objects.bulk_create(rows)
    CalendarChange.objects.create(
        year=year,
        kind=kind,
        actor=user,
        detail=f"{'替换' if existing else '新建'}，来源：{arrangement.source}\n"
        + _describe(sorted(rows, key=lambda r: r.date)),
    )
    return calendar_year


def calendar_load_year(*, actor: Actor, year: int, replace: bool = False) -> CalendarYear:
    """Seed `year` from the installed chinese-calendar package."""
    return calendar_replace_year(
        actor=actor,
        arrangement=arrangement_from_package(year),
        kind=CalendarChangeKind.LOAD,
        replace=replace,
    )


def calendar_import_notice(*, actor: Actor, arrangement: YearArrangement,
                           replace: bool = False) -> CalendarYear:  # fmt: skip
    """Write a year from a parsed State Council notice (gongkai.workdays.notice)."""
    return calendar_replace_year(
        actor=actor, arrangement=arrangement, kind=CalendarChangeKind.IMPORT, replace=replace
    )


def _loaded_year(year: int) -> CalendarYear:
    calendar_year = CalendarYear.objects.select_for_update().filter(year=year).first()
    if calendar_year is None:
        raise DomainError(
            f"{year} 年的日历尚未载入，请先运行 gongkai calendar load --year {year}。",
            f"The {year} calendar is not loaded; run `gongkai calendar load --year {year}`.",
            field="date",
        )
    return calendar_year


@transaction.atomic
def calendar_day_add(*, actor: Actor, day: date, kind: str, name: str = "") -> CalendarDay:
    """Add one exception day to a loaded year (e.g. a minority festival set locally, 放假办法
    Art. 4)."""
    user = _authorise(actor)
    problem = day_problem(day, kind)
    if problem:
        raise DomainError(f"{problem[0]}。", f"{problem[1]}.", field="date")
    calendar_year = _loaded_year(day.year)
    if CalendarDay.objects.filter(date=day).exists():
        raise ConflictError(
            f"{day.isoformat()} 已经登记，请修改原记录。",
            f"{day.isoformat()} is already recorded; edit it instead.",
            field="date",
        )
    row = CalendarDay.objects.create(date=day, kind=kind, name=name.strip(),
                                     calendar_year=calendar_year)  # fmt: skip
    CalendarChange.objects.create(
        year=day.year, kind=CalendarChangeKind.DAY_ADD, actor=user, detail=_describe([row])
    )
    return row


@transaction.atomic
def calendar_day_change(*, actor: Actor, row: CalendarDay, day: date, kind: str,
                        name: str) -> CalendarDay:  # fmt: skip
    user = _authorise(actor)
    problem = day_problem(day, kind)
    if problem:
        raise DomainError(f"{problem[0]}。", f"{problem[1]}.", field="date")
    locked = CalendarDay.objects.select_for_update().get(pk=row.pk)
    before = _describe([locked])
    calendar_year = _loaded_year(day.year)
    if CalendarDay.objects.filter(date=day).exclude(pk=locked.pk).exists():
        raise ConflictError(
            f"{day.isoformat()} 已经登记。", f"{day.isoformat()} is already recorded.", field="date"
        )
    locked.date, locked.kind, locked.name = day, kind, name.strip()
    locked.calendar_year = calendar_year
    locked.save()
    CalendarChange.objects.create(
        year=day.year,
        kind=CalendarChangeKind.DAY_CHANGE,
        actor=user,
        detail=f"{before}\n→ {_describe([locked])}",
    )
    return locked


@transaction.atomic
def calendar_day_delete(*, actor: Actor, row: CalendarDay) -> None:
    user = _authorise(actor)
    CalendarChange.objects.create(
        year=row.date.year, kind=CalendarChangeKind.DAY_DELETE, actor=user, detail=_describe([row])
    )
    row.delete()


__all__ = [
    "ExceptionDay",
    "YearArrangement",
    "calendar_day_add",
    "calendar_day_change",
    "calendar_day_delete",
    "calendar_import_notice",
    "calendar_load_year",
    "calendar_replace_year",
    "day_problem",
]
