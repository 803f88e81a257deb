"""Reads of applications: table 三 of the annual report, section 六's figures, queues, lookups.

Table 三 counting (report-rules.md §10, regulations.md §5.5/§6), for year Y:
- new (一): the count date falls in Y. The count date is the date of receipt (Art. 31); for an
  application corrected across the year end the setting GONGKAI_T3_NEW_BY chooses between the
  original receipt date ("received", the default) and the receipt of the correction
  ("corrected");
- carried over (二): count date before 1 January Y and not closed before 1 January Y;
- results (三): closed in Y, counted in exactly one result row — the row of its outcome;
- carried forward (四): count date on or before 31 December Y and not closed by then.
Every closed case has closed_on ≥ its count date (services refuse dates that go back), so
new + carried over = total + carried forward holds for every column by construction.
"""

from __future__ import annotations

from collections.abc import Iterable
from datetime import date
from decimal import Decimal

from django.conf import settings
from django.db.models import F, Q, QuerySet
from django.db.models.functions import Coalesce

from gongkai.annual_report.schema import get_format
from gongkai.applications.deadlines import ClockFact, Deadline, compute_deadline
from gongkai.applications.models import Application, ApplicationEvent, Outcome, Status
from gongkai.core.figures import Figure, record_ref
from gongkai.workdays.compute import CalendarMissingError, WorkCalendar
from gongkai.workdays.selectors import work_calendar

_O = Outcome

# Each outcome → the one table 三 result row it is counted in (regulations.md §6; 2021 keys).
OUTCOME_ROW: dict[str, str] = {
    _O.ALREADY_PUBLIC: "t3.granted",
    _O.DISCLOSED: "t3.granted",
    _O.PARTIAL: "t3.partial",
    _O.DENIED_STATE_SECRET: "t3.denied.state_secret",
    _O.DENIED_LAW_FORBIDDEN: "t3.denied.law_forbidden",
    _O.DENIED_THREE_SAFETY: "t3.denied.three_safety",
    _O.DENIED_THIRD_PARTY: "t3.denied.third_party",
    _O.DENIED_INTERNAL: "t3.denied.internal_affairs",
    _O.DENIED_PROCESS: "t3.denied.process_info",
    _O.DENIED_ENFORCEMENT: "t3.denied.enforcement_file",
    _O.QUERY_MATTER: "t3.denied.query_matter",
    _O.NOT_EXIST: "t3.unable.not_held",
    _O.NOT_RESPONSIBLE: "t3.unable.not_held",
    _O.NEEDS_CREATION: "t3.unable.needs_creation",
    _O.STILL_UNCLEAR: "t3.unable.still_unclear",
    _O.PETITION: "t3.not_processed.petition",
    _O.REPEAT: "t3.not_processed.repeat",
    _O.PUBLICATION: "t3.not_processed.publication",
    _O.EXCESSIVE: "t3.not_processed.excessive",
    _O.CONFIRMATION: "t3.not_processed.confirmation",
    _O.NO_CORRECTION: "t3.other.no_correction",
    _O.NO_FEE: "t3.other.no_fee",
    _O.WITHDRAWN: "t3.other.other",
    _O.OTHER: "t3.other.other",
}
REF = "applications.application"


def outcome_row(outcome: str, format_version: str = "2021") -> str:
    row = OUTCOME_ROW[outcome]
    if format_version == "2019" and row.startswith("t3.other."):
        return "t3.other"  # the 2019 trial format has one 其他处理 row
    return row


def t3_new_by() -> str:
    return str(getattr(settings, "GONGKAI_T3_NEW_BY", "received"))


def _count_date_expr() -> Coalesce | F:
    return (
        Coalesce("corrected_on", "received_on") if t3_new_by() == "corrected" else F("received_on")
    )


def table3_cells(
    *, organ_ids: Iterable[int], year: int, format_version: str = "2021"
) -> dict[str, Figure]:
    """Every table 三 cell of `format_version` for the organs' applications in `year`, each a
    Figure holding the count and the applications behind it."""
    fmt = get_format(format_version)
    cells: dict[str, Figure] = {key: Figure(0, []) for key in fmt.t3_keys}
    first, last = date(year, 1, 1), date(year, 12, 31)
    rows = (
        Application.objects.filter(organ_id__in=list(organ_ids))
        .annotate(count_on=_count_date_expr())
        .filter(count_on__lte=last)
        .filter(Q(closed_on__isnull=True) | Q(closed_on__gte=first))
        .order_by("pk")
        .values_list("pk", "applicant_type", "count_on", "closed_on", "outcome")
    )
    for pk, column, count_on, closed_on, outcome in rows.iterator(chunk_size=5000):
        ref = record_ref(REF, pk)
        lines = ["t3.new"] if count_on >= first else ["t3.carried_over"]
        if closed_on is not None and closed_on <= last and outcome:
            lines += [outcome_row(outcome, format_version), "t3.total"]
        else:
            lines.append("t3.carried_forward")
        for line in lines:
            cells[f"{line}.{column}"].add(ref)
            cells[f"{line}.total"].add(ref)
    return cells


def new_applications_by_organ(*, organ_ids: Iterable[int], year: int) -> dict[int, Figure]:
    """Organ id → applications newly received in `year` (section 六 lists them per organ)."""
    ids = list(organ_ids)
    result = {organ_id: Figure(0, []) for organ_id in ids}
    rows = (
        Application.objects.filter(organ_id__in=ids)
        .annotate(count_on=_count_date_expr())
        .filter(count_on__gte=date(year, 1, 1), count_on__lte=date(year, 12, 31))
        .order_by("pk")
        .values_list("pk", "organ_id")
    )
    for pk, organ_id in rows:
        result[organ_id].add(record_ref(REF, pk))
    return result


def processing_fees_collected(*, organ_ids: Iterable[int], year: int) -> Figure:
    """信息处理费 collected in `year` (元): fees paid in the year (section 六, 〔2021〕30号)."""
    qs = Application.objects.filter(
        organ_id__in=list(organ_ids),
        fee_paid_on__gte=date(year, 1, 1),
        fee_paid_on__lte=date(year, 12, 31),
        fee_amount__gt=0,
    ).order_by("pk")
    figure = Figure(Decimal("0.00"), [])
    for pk, amount in qs.values_list("pk", "fee_amount"):
        figure.add(record_ref(REF, pk), amount or Decimal(0))
    return figure


def request_rank_in_month(case: Application) -> int:
    """The case's rank among its applicant's requests to the same organ in the calendar month
    of its receipt (办法 Art. 4 counts per applicant per calendar month)."""
    start = case.received_on.replace(day=1)
    earlier = Application.objects.filter(
        organ_id=case.organ_id,
        applicant_key=case.applicant_key,
        received_on__gte=start,
    ).filter(Q(received_on__lt=case.received_on) | Q(received_on=case.received_on, pk__lt=case.pk))
    return earlier.count() + 1


def case_events(case: Application) -> QuerySet[ApplicationEvent]:
    return case.events.select_related("actor").order_by("seq")


def case_deadline(case: Application, calendar: WorkCalendar | None = None) -> Deadline | str:
    """The deadline with its explanation, or the calendar error's message."""
    try:
        cal = calendar if calendar is not None else work_calendar()
        facts = [ClockFact(e.action, e.occurred_on, e.data) for e in case.events.order_by("seq")]
        return compute_deadline(facts, cal)
    except CalendarMissingError as exc:
        return exc.message


def cases_visible(organ_ids: Iterable[int]) -> QuerySet[Application]:
    return Application.objects.filter(organ_id__in=list(organ_ids)).select_related(
        "organ", "handler"
    )


def open_cases() -> QuerySet[Application]:
    return Application.objects.exclude(
        status__in=[Status.DECIDED, Status.TERMINATED, Status.DELIVERED, Status.ARCHIVED]
    )


def find_by_query_code(query_code: str, phone_last4: str) -> Application | None:
    """Public status lookup: the query code and the last four digits of the phone number."""
    code = (query_code or "").strip().upper()
    digits = "".join(c for c in (phone_last4 or "") if c.isdigit())
    if len(code) < 6 or len(digits) != 4:
        return None
    app = Application.objects.select_related("organ").filter(query_code=code).first()
    if app is None:
        return None
    phone_digits = "".join(c for c in app.phone if c.isdigit())
    return app if phone_digits.endswith(digits) else None
