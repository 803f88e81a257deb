"""Every write to an application. Registration (`application_register`, shared by staff
registration, the public form and the API) and one transition service
(`application_transition`) driven by `transitions.TRANSITIONS`; the typed helpers below it are
thin wrappers for callers that prefer named parameters.

`actor=None` means the system itself (the public form, the API, the demo loader, the sweeper):
no permission is checked. Dates are facts passed in; the services never read the clock when a
date is given.
"""

from __future__ import annotations

import hashlib
import secrets
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from datetime import date
from typing import Any

from django.db import IntegrityError, transaction
from django.db.models import F
from django.utils import timezone

from gongkai.applications import permissions as perms
from gongkai.applications.actions import HANDLERS, ActionContext, no_rule
from gongkai.applications.deadlines import (
    ClockFact,
    Deadline,
    compute_deadline,
    receipt_date,
)
from gongkai.applications.intake import (
    ApplicantData,
    IntakeError,
    applicant_identity,
    intake_errors,
)
from gongkai.applications.models import (
    Application,
    ApplicationEvent,
    Attachment,
    Channel,
    Status,
)
from gongkai.applications.transitions import Action, target_status
from gongkai.applications.uploads import CheckedUpload
from gongkai.core.errors import ConflictError, DomainError, NotFoundError, PermissionDeniedError
from gongkai.orgs.models import Organ
from gongkai.orgs.permissions import User
from gongkai.workdays.compute import CalendarMissingError, WorkCalendar
from gongkai.workdays.selectors import work_calendar

QUERY_CODE_ALPHABET = "ABCDEFGHJKLMNPQRSTUVWXYZ23456789"


def new_query_code() -> str:
    return "".join(secrets.choice(QUERY_CODE_ALPHABET) for _ in range(10))


@dataclass
class Registered:
    application: Application
    created: bool  # False when an earlier submission with the same idempotency key was found


# --- registration ------------------------------------------------------------------------


def application_register(
    *,
    actor: User | None,
    organ: Organ,
    channel: str,
    applicant: ApplicantData,
    received_on: date | None = None,
    arrived_on: date | None = None,
    confirmed_on: date | None = None,
    handler: Any = None,
    idempotency_key: str | None = None,
    submitter_ip: str | None = None,
    attachments: Sequence[CheckedUpload] = (),
    note: str = "",
    calendar: WorkCalendar | None = None,
) -> Application:
    """Register an application; the receipt date follows Art. 31 for `channel` unless
    `received_on` is given (then it is the receipt date as established by the office)."""
    return application_register_once(
        actor=actor,
        organ=organ,
        channel=channel,
        applicant=applicant,
        received_on=received_on,
        arrived_on=arrived_on,
        confirmed_on=confirmed_on,
        handler=handler,
        idempotency_key=idempotency_key,
        submitter_ip=submitter_ip,
        attachments=attachments,
        note=note,
        calendar=calendar,
    ).application


def application_register_once(
    *,
    actor: User | None,
    organ: Organ,
    channel: str,
    applicant: ApplicantData,
    received_on: date | None = None,
    arrived_on: date | None = None,
    confirmed_on: date | None = None,
    handler: Any = None,
    idempotency_key: str | None = None,
    submitter_ip: str | None = None,
    attachments: Sequence[CheckedUpload] = (),
    note: str = "",
    calendar: WorkCalendar | None = None,
) -> Registered:
    """As `application_register`, saying whether it created the application or found the one
    an earlier submission with the same `idempotency_key` created (a double submit)."""
    key = (idempotency_key or "").strip()[:80] or None
    if key is not None:
        existing = Application.objects.filter(idempotency_key=key).first()
        if existing is not None:
            return Registered(existing, False)
    if actor is not None and not perms.can_register_for(actor, organ.pk):
        raise PermissionDeniedError(
            "您没有为该机关登记申请的权限。", "You may not register applications for this organ."
        )
    if not organ.is_active:
        raise DomainError("该机关已停用，不能受理申请。", "This organ is inactive.", field="organ")
    data = applicant.cleaned()
    errors = intake_errors(data)
    if channel not in Channel.values:
        errors["channel"] = ("请选择申请方式。", "Choose the channel.")
    received, basis = _receipt(channel, received_on, arrived_on, confirmed_on, errors)
    if errors:
        raise IntakeError(errors)
    assert received is not None
    try:
        with transaction.atomic():
            app = Application.objects.create(
                organ=organ,
                channel=channel,
                arrived_on=arrived_on or received,
                received_on=received,
                handler=handler,
                query_code=new_query_code(),
                idempotency_key=key,
                submitter_ip=submitter_ip,
                applicant_key=applicant_identity(data),
                **data.as_fields(),
            )
            for upload in attachments:
                _attach(app, upload)
            event_data: dict[str, Any] = {
                "channel": channel,
                "arrived_on": (arrived_on or received).isoformat(),
                "basis": basis,
            }
            if confirmed_on:
                event_data["confirmed_on"] = confirmed_on.isoformat()
            _append_event(
                app, 1, "register", "", Status.REGISTERED, received, actor, event_data, note
            )
            cal = calendar if calendar is not None else work_calendar()
            deadline = _safe_deadline([ClockFact("register", received, event_data)], cal)
            if deadline is not None and deadline.due_on is not None:
                Application.objects.filter(pk=app.pk).update(due_on=deadline.due_on)
                app.due_on = deadline.due_on
    except IntegrityError:
        # Two submissions with the same key raced; the other one won. (Outside the atomic
        # block, so the failed transaction is rolled back before reading.)
        if key is None:
            raise
        existing = Application.objects.filter(idempotency_key=key).first()
        if existing is None:
            raise
        return Registered(existing, False)
    return Registered(app, True)


def _receipt(
    channel: str,
    received_on: date | None,
    arrived_on: date | None,
    confirmed_on: date | None,
    errors: dict[str, tuple[str, str]],
) -> tuple[date | None, str]:
    if received_on is not None:
        if arrived_on is not None and received_on < arrived_on:
            errors["received_on"] = (
                "收到申请之日不能早于材料到达之日。",
                "The receipt date cannot precede the arrival date.",
            )
        return received_on, "收到申请之日由公开工作机构依第三十一条确定"
    if arrived_on is None:
        errors["arrived_on"] = (
            "请填写申请材料到达之日。",
            "Enter the date the application arrived.",
        )
        return None, ""
    if channel not in Channel.values:
        return None, ""
    try:
        return receipt_date(channel, arrived_on=arrived_on, confirmed_on=confirmed_on)
    except ValueError as exc:
        if str(exc) == "confirmed_before_arrival":
            errors["confirmed_on"] = (
                "确认之日不能早于材料到达之日。",
                "The confirmation date cannot precede arrival.",
            )
        else:
            errors["confirmed_on"] = (
                "平信、互联网、传真或电子邮件提交的申请，以与申请人确认之日为收到申请之日"
                "（第三十一条），请填写确认日期。",
                "This channel needs the date receipt was confirmed with the applicant (Art. 31).",
            )
        return None, ""


def _attach(app: Application, upload: CheckedUpload) -> Attachment:
    from django.core.files.base import ContentFile

    att = Attachment(
        application=app,
        original_name=upload.name[:200],
        content_type=upload.content_type,
        size=len(upload.content),
        sha256=hashlib.sha256(upload.content).hexdigest(),
    )
    att.file.save(
        f"{app.pk}-{secrets.token_hex(8)}{upload.extension}",
        ContentFile(upload.content),
        save=False,
    )
    att.save()
    return att


def application_submit(
    *,
    organ: Organ,
    applicant: ApplicantData,
    submitted_on: date,
    idempotency_key: str | None = None,
    submitter_ip: str | None = None,
    attachments: Sequence[CheckedUpload] = (),
) -> Registered:
    """A public online submission: the platform confirms receipt at once with the 回执, so the
    date both sides confirm (Art. 31 (三)) is the submission date."""
    return application_register_once(
        actor=None,
        organ=organ,
        channel=Channel.ONLINE,
        applicant=applicant,
        arrived_on=submitted_on,
        confirmed_on=submitted_on,
        idempotency_key=idempotency_key,
        submitter_ip=submitter_ip,
        attachments=attachments,
    )


# --- the transition service --------------------------------------------------------------


def application_transition(
    *,
    application: Application,
    action: str,
    actor: User | None,
    on: date,
    expected_version: int | None = None,
    data: Mapping[str, Any] | None = None,
    note: str = "",
    calendar: WorkCalendar | None = None,
) -> Application:
    """Take `action` on `application` on date `on`: check the transition table, the actor's
    right, the dates and the action's own rules; update the case and append the event, in one
    transaction. `expected_version` is the version the actor saw; a different current version
    means somebody else acted first (ConflictError)."""
    params = dict(data or {})
    with transaction.atomic():
        try:
            case = Application.objects.select_related("organ").get(pk=application.pk)
        except Application.DoesNotExist:
            raise NotFoundError("申请不存在。", "No such application.") from None
        if expected_version is not None and case.version != expected_version:
            raise _conflict()
        if action not in Action.values:
            raise DomainError(
                f"未知的操作：{action}", f"Unknown action {action!r}.", field="action"
            )
        target = target_status(case.status, action)
        if target is None:
            raise DomainError(
                f"当前状态为「{Status(case.status).label}」，不能执行「{Action(action).label}」。",
                f"Action {action!r} is not allowed in state {case.status!r}.",
                field="action",
            )
        if actor is not None and not perms.can_take_action(actor, case, action):
            raise PermissionDeniedError(
                f"您没有对该申请执行「{Action(action).label}」的权限。",
                f"You may not {action.replace('_', ' ')} this application.",
            )
        events = list(case.events.order_by("seq"))
        last_on = max(e.occurred_on for e in events)
        if on < last_on:
            raise DomainError(
                f"日期 {on:%Y-%m-%d} 早于上一办理步骤的日期 {last_on:%Y-%m-%d}。",
                f"{on} is before the previous step ({last_on}).",
                field="on",
            )
        cal = calendar if calendar is not None else work_calendar()
        facts = [ClockFact(e.action, e.occurred_on, e.data) for e in events]
        before = compute_deadline(facts, cal)
        ctx = ActionContext(case=case, on=on, params=params, events=events, before=before, cal=cal)
        updates, event_data = HANDLERS.get(action, no_rule)(ctx)
        new_fact = ClockFact(action, on, event_data)
        after = _safe_deadline([*facts, new_fact], cal)
        updates["due_on"] = after.due_on if after is not None else None
        rows = Application.objects.filter(pk=case.pk, version=case.version).update(
            status=target, version=F("version") + 1, updated_at=timezone.now(), **updates
        )
        if rows != 1:
            raise _conflict()
        _append_event(
            case, len(events) + 1, action, case.status, target, on, actor, event_data, note
        )
    return Application.objects.select_related("organ", "handler").get(pk=case.pk)


def _conflict() -> ConflictError:
    return ConflictError(
        "该申请已被他人更新（可能已作出答复），您的操作未保存。请刷新页面查看最新情况后再操作。",
        "Somebody else changed this application first; nothing was saved. Reload and retry.",
    )


def _append_event(
    case: Application,
    seq: int,
    action: str,
    from_status: str,
    to_status: str,
    on: date,
    actor: User | None,
    data: dict[str, Any],
    note: str,
) -> ApplicationEvent:
    return ApplicationEvent.objects.create(
        application=case,
        seq=seq,
        action=action,
        from_status=from_status,
        to_status=to_status,
        occurred_on=on,
        actor=actor if actor is not None and actor.is_authenticated else None,  # type: ignore[misc]
        data=data,
        note=note[:5000],
    )


def _safe_deadline(facts: list[ClockFact], cal: WorkCalendar) -> Deadline | None:
    try:
        return compute_deadline(facts, cal)
    except CalendarMissingError:
        return None


# --- typed helpers -------------------------------------------------------------------------


def application_request_correction(
    *, application: Application, actor: User | None, on: date, items: str,
    correction_due_on: date | None = None, expected_version: int | None = None,
) -> Application:  # fmt: skip
    return application_transition(
        application=application, action=Action.REQUEST_CORRECTION, actor=actor, on=on,
        expected_version=expected_version,
        data={"items": items, "correction_due_on": correction_due_on},
    )  # fmt: skip


def application_decide(
    *, application: Application, actor: User | None, on: date, outcome: str, summary: str = "",
    expected_version: int | None = None,
) -> Application:  # fmt: skip
    return application_transition(
        application=application, action=Action.DECIDE, actor=actor, on=on,
        expected_version=expected_version, data={"outcome": outcome, "summary": summary},
    )  # fmt: skip


def application_extend(
    *, application: Application, actor: User | None, on: date, reason: str, days: int = 20,
    approved_on: date | None = None,
) -> Application:  # fmt: skip
    """Request and approve an extension (Art. 33 ¶2) in two recorded steps."""
    app = application_transition(
        application=application, action=Action.REQUEST_EXTENSION, actor=actor, on=on,
        data={"reason": reason},
    )  # fmt: skip
    return application_transition(
        application=app, action=Action.APPROVE_EXTENSION, actor=actor, on=approved_on or on,
        data={"days": days},
    )  # fmt: skip
