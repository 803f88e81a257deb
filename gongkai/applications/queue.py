"""The back-office queue: filters, ordering (due soonest first) and the derived states
"due soon" and "overdue" — computed at read time from the stored due date and the calendar,
never stored."""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from datetime import date

from django.conf import settings
from django.db.models import F, Q, QuerySet
from django.http import QueryDict

from gongkai.applications import permissions as perms
from gongkai.applications.masking import mask_id, mask_phone
from gongkai.applications.models import CLOSED_STATUSES, Application
from gongkai.orgs.permissions import User
from gongkai.workdays.compute import CalendarMissingError, WorkCalendar, working_days_between
from gongkai.workdays.selectors import work_calendar

OPEN = "open"


def due_soon_days() -> int:
    return int(getattr(settings, "GONGKAI_DUE_SOON_DAYS", 3))


@dataclass
class DerivedState:
    key: str  # "" | "due_soon" | "overdue" | "paused"
    label: str
    days_left: int | None = None


def derived_state(app: Application, today: date, cal: WorkCalendar | None) -> DerivedState:
    if app.status in CLOSED_STATUSES:
        return DerivedState("", "")
    if app.due_on is None:
        return DerivedState("paused", "期限中止")
    if today > app.due_on:
        days = None
        if cal is not None:
            try:
                days = working_days_between(app.due_on, today, cal)
            except CalendarMissingError:
                days = None
        return DerivedState("overdue", f"已超期{f' {days} 个工作日' if days else ''}", days)
    left = None
    if cal is not None:
        try:
            left = working_days_between(today, app.due_on, cal)
        except CalendarMissingError:
            left = None
    if left is not None and left <= due_soon_days():
        return DerivedState("due_soon", f"即将到期（剩 {left} 个工作日）", left)
    return DerivedState("", f"剩 {left} 个工作日" if left is not None else "", left)


@dataclass
class QueueFilters:
    q: str = ""
    status: str = OPEN
    organ: int | None = None
    mine: bool = False
    due: str = ""  # "" | overdue | due_soon
    received_from: date | None = None
    received_to: date | None = None
    outcome: str = ""

    @classmethod
    def from_query(cls, query: QueryDict, user: User) -> QueueFilters:
        def day(name: str) -> date | None:
            try:
                return date.fromisoformat(query.get(name, ""))
            except ValueError:
                return None

        organ = query.get("organ", "")
        return cls(
            q=query.get("q", "").strip()[:100],
            status=query.get("status", OPEN) if "status" in query else OPEN,
            organ=int(organ) if organ.isdigit() else None,
            mine=query.get("mine") == "1",
            due=query.get("due", ""),
            received_from=day("from"),
            received_to=day("to"),
            outcome=query.get("outcome", ""),
        )


def filtered_cases(visible: Iterable[int], f: QueueFilters, user: User) -> QuerySet[Application]:
    qs = Application.objects.filter(organ_id__in=list(visible)).select_related("organ", "handler")
    if f.status == OPEN:
        qs = qs.exclude(status__in=list(CLOSED_STATUSES))
    elif f.status:
        qs = qs.filter(status=f.status)
    if f.organ:
        qs = qs.filter(organ_id=f.organ)
    if f.mine:
        qs = qs.filter(handler_id=user.pk)
    if f.outcome:
        qs = qs.filter(outcome=f.outcome)
    if f.received_from:
        qs = qs.filter(received_on__gte=f.received_from)
    if f.received_to:
        qs = qs.filter(received_on__lte=f.received_to)
    if f.q:
        cond = Q(name__icontains=f.q) | Q(description__icontains=f.q) | Q(query_code=f.q.upper())
        # 依申〔2025〕123号 or 123: the case number is the year and the id.
        tail = f.q.rstrip("号").rsplit("〕", 1)[-1]
        if tail.isdigit():
            cond |= Q(pk=int(tail[:12]))
        qs = qs.filter(cond)
    if f.due in {"overdue", "due_soon"}:
        from django.utils import timezone

        today = timezone.localdate()
        if f.due == "overdue":
            qs = qs.filter(due_on__lt=today)
        else:
            cal = _cal()
            ids = [
                a.pk
                for a in qs.filter(due_on__gte=today).only("pk", "due_on", "status")
                if derived_state(a, today, cal).key == "due_soon"
            ]
            qs = qs.filter(pk__in=ids)
    return qs.order_by(F("due_on").asc(nulls_last=True), "received_on", "pk")


def _cal() -> WorkCalendar | None:
    try:
        return work_calendar()
    except CalendarMissingError:  # pragma: no cover
        return None


@dataclass
class QueueRow:
    app: Application
    state: DerivedState
    phone: str
    id_number: str


def annotate_rows(apps: list[Application], user: User, today: date) -> list[QueueRow]:
    cal = _cal()
    rows = []
    seen: dict[int, bool] = {}
    for app in apps:
        if app.organ_id not in seen:
            seen[app.organ_id] = perms.can_see_personal_data_of(user, app)
        full = seen[app.organ_id]
        rows.append(
            QueueRow(
                app=app,
                state=derived_state(app, today, cal),
                phone=app.phone if full else mask_phone(app.phone),
                id_number=(app.id_number or app.credit_code)
                if full
                else mask_id(app.id_number)
                if app.id_number
                else app.credit_code,
            )
        )
    return rows
