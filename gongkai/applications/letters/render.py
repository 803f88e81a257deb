"""Fill a letter from a case: pick the office's template (its organ's, else the site's, else
the packaged default), build the context from the case and the event the letter belongs to, and
render paragraphs. The DOCX and PDF writers take the result."""

from __future__ import annotations

import contextlib
from dataclasses import dataclass, field
from datetime import date
from typing import Any

from django.template import Context, Template

from gongkai.applications.deadlines import (
    CONSULTATION_WORKING_DAYS,
    FEE_PAYMENT_WORKING_DAYS,
    ClockFact,
    compute_deadline,
)
from gongkai.applications.fees import fee_basis_text
from gongkai.applications.letters.defaults import DEFAULTS, LETTER_NAMES
from gongkai.applications.models import (
    ApplicantType,
    Application,
    ApplicationEvent,
    LetterTemplate,
)
from gongkai.core.errors import NotFoundError
from gongkai.workdays.compute import CalendarMissingError, WorkCalendar, add_working_days
from gongkai.workdays.selectors import work_calendar

EVENT_OF_KIND = {
    "correction": "request_correction",
    "extension": "approve_extension",
    "consultation_third_party": "open_consultation",
    "consultation_other_organ": "open_consultation",
    "fee_notice": "issue_fee_notice",
}
CLOSING = {"decide", "withdraw", "abandon_no_correction", "abandon_no_fee"}


@dataclass
class Letter:
    kind: str
    title: str
    organ_name: str
    reference: str
    date_text: str
    paragraphs: list[str] = field(default_factory=list)

    @property
    def filename_stem(self) -> str:
        return f"{self.reference}-{LETTER_NAMES.get(self.kind, self.kind)}"


def cn_date(value: date | str | None) -> str:
    if value is None or value == "":
        return ""
    d = date.fromisoformat(value) if isinstance(value, str) else value
    return f"{d.year}年{d.month}月{d.day}日"


def available_letters(app: Application) -> list[tuple[str, int | None]]:
    """(kind, event seq) for every letter this case has so far."""
    found: list[tuple[str, int | None]] = [("receipt", None)]
    for e in app.events.order_by("seq"):
        if e.action == "request_correction":
            found.append(("correction", e.seq))
        elif e.action == "approve_extension":
            found.append(("extension", e.seq))
        elif e.action == "open_consultation":
            found.append((f"consultation_{e.data.get('kind', 'third_party')}", e.seq))
        elif e.action == "issue_fee_notice":
            found.append(("fee_notice", e.seq))
        elif e.action in CLOSING and e.data.get("outcome"):
            found.append((f"decision_{e.data['outcome']}", e.seq))
    return found


def template_for(app: Application, kind: str) -> tuple[str, str]:
    own = LetterTemplate.objects.filter(organ_id=app.organ_id, kind=kind).first()
    row = own or LetterTemplate.objects.filter(organ__isnull=True, kind=kind).first()
    if row is not None:
        return row.title, row.body
    if kind not in DEFAULTS:
        raise NotFoundError(f"没有“{kind}”这种文书。", f"No letter kind {kind!r}.")
    return DEFAULTS[kind]


def render_letter(
    app: Application, kind: str, seq: int | None = None, calendar: WorkCalendar | None = None
) -> Letter:
    """The letter `kind` of `app`; `seq` picks the event (default: the latest of its kind)."""
    events = list(app.events.order_by("seq"))
    event = _event_for(events, kind, seq)
    title, body = template_for(app, kind)
    ctx = _context(app, events, event, calendar)
    text = Template(body).render(Context(ctx, autoescape=False))
    paragraphs = [p.strip() for p in text.replace("\r\n", "\n").split("\n\n") if p.strip()]
    on = event.occurred_on if event is not None else app.received_on
    return Letter(kind, title, app.organ.name, app.reference, cn_date(on), paragraphs)


def _event_for(
    events: list[ApplicationEvent], kind: str, seq: int | None
) -> ApplicationEvent | None:
    if kind == "receipt":
        return events[0] if events else None
    if kind.startswith("decision_"):
        wanted = kind.removeprefix("decision_")
        matches = [e for e in events if e.action in CLOSING and e.data.get("outcome") == wanted]
    else:
        action = EVENT_OF_KIND.get(kind)
        matches = [e for e in events if e.action == action]
        if kind.startswith("consultation_"):
            want = kind.removeprefix("consultation_")
            matches = [e for e in matches if e.data.get("kind", "third_party") == want]
    if seq is not None:
        matches = [e for e in matches if e.seq == seq]
    if not matches:
        raise NotFoundError(
            "该申请还没有这份文书对应的办理步骤。", "This case has no step for that letter."
        )
    return matches[-1]


def _context(
    app: Application,
    events: list[ApplicationEvent],
    event: ApplicationEvent | None,
    calendar: WorkCalendar | None,
) -> dict[str, Any]:
    data: dict[str, Any] = dict(event.data) if event is not None else {}
    cal = calendar if calendar is not None else work_calendar()
    if event is not None:
        with contextlib.suppress(CalendarMissingError):
            _derive(data, event, events, cal)
    for key in (
        "correction_due_on",
        "previous_due_on",
        "new_due_on",
        "reply_due_on",
        "fee_due_on",
        "notice_received_on",
    ):
        if key in data:
            data[key] = cn_date(data[key])
    correction = next((e for e in events if e.action == "request_correction"), None)
    organisation = app.applicant_type != ApplicantType.NATURAL_PERSON
    return {
        "app": app,
        "organ": app.organ,
        "applicant": app.name,
        "applicant_is_organisation": organisation,
        "reference": app.reference,
        "received_on": cn_date(app.received_on),
        "due_on": cn_date(app.due_on),
        "today": cn_date(event.occurred_on if event is not None else app.received_on),
        "event": data,
        "query_code": app.query_code,
        "correction_sent_on": cn_date(correction.occurred_on) if correction else "",
        "correction_due_on": cn_date(correction.data.get("correction_due_on"))
        if correction
        else "",
    }


def _derive(
    data: dict[str, Any], event: ApplicationEvent, events: list[ApplicationEvent], cal: WorkCalendar
) -> None:
    if event.action == "approve_extension":
        upto = [ClockFact(e.action, e.occurred_on, e.data) for e in events if e.seq <= event.seq]
        data["new_due_on"] = compute_deadline(upto, cal).due_on
    elif event.action == "open_consultation":
        data["reply_due_on"] = add_working_days(event.occurred_on, CONSULTATION_WORKING_DAYS, cal)
    elif event.action == "issue_fee_notice":
        received = date.fromisoformat(str(data.get("notice_received_on") or event.occurred_on))
        data["fee_due_on"] = add_working_days(received, FEE_PAYMENT_WORKING_DAYS, cal)
        data["basis"] = fee_basis_text(str(data.get("method")), int(data.get("units") or 0))
