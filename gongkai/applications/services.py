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
from decimal import Decimal
from typing import Any

from django.conf import settings
from django.contrib.auth import get_user_model
from django.db import IntegrityError, transaction
from django.db.models import F
from django.utils import timezone

from gongkai.applications import permissions as perms
from gongkai.applications.deadlines import (
    ClockFact,
    Deadline,
    compute_deadline,
    receipt_date,
)
from gongkai.applications.fees import fee_amount
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
    ConsultationKind,
    FeeMethod,
    Outcome,
    Status,
)
from gongkai.applications.transitions import Action, target_status
from gongkai.applications.uploads import CheckedUpload
from gongkai.core.errors import ConflictError, DomainError, NotFoundError, PermissionDeniedError
from gongkai.orgs.models import Organ
from gongkai.orgs.permissions import User
from gongkai.workdays.compute import CalendarMissingError, WorkCalendar, add_working_days
from gongkai.workdays.selectors import work_calendar

QUERY_CODE_ALPHABET = "ABCDEFGHJKLMNPQRSTUVWXYZ23456789"

# Outcomes recorded by `decide`; the others come from their own actions.
DECIDE_OUTCOMES = frozenset(Outcome.values) - {
    Outcome.NO_CORRECTION,
    Outcome.NO_FEE,
    Outcome.WITHDRAWN,
}


def new_query_code() -> str:
    return "".join(secrets.choice(QUERY_CODE_ALPHABET) for _ in range(10))


def correction_period_days() -> int:
    return int(getattr(settings, "GONGKAI_CORRECTION_PERIOD_DAYS", 15))


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
            deadline = _deadline(app, calendar)
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
        ctx = _Ctx(case=case, on=on, params=params, events=events, before=before, cal=cal)
        updates, event_data = _HANDLERS.get(action, _no_rule)(ctx)
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


@dataclass
class _Ctx:
    case: Application
    on: date
    params: dict[str, Any]
    events: list[ApplicationEvent]
    before: Deadline
    cal: WorkCalendar

    def had(self, action: str) -> bool:
        return any(e.action == action for e in self.events)

    def text(self, name: str, zh: str, *, required: bool = True, max_len: int = 2000) -> str:
        value = str(self.params.get(name) or "").strip()
        if required and not value:
            raise DomainError(f"请填写{zh}。", f"{name} is required.", field=name)
        if len(value) > max_len:
            raise DomainError(f"{zh}不超过 {max_len} 个字。", f"{name} is too long.", field=name)
        return value

    def date(self, name: str, zh: str) -> date | None:
        value = self.params.get(name)
        if value in (None, ""):
            return None
        if isinstance(value, date):
            return value
        try:
            return date.fromisoformat(str(value))
        except ValueError:
            raise DomainError(
                f"{zh}不是有效日期（应为 YYYY-MM-DD）。", f"{name} is not a date.", field=name
            ) from None


Handler = Any  # Callable[[_Ctx], tuple[dict[str, Any], dict[str, Any]]]


def _no_rule(ctx: _Ctx) -> tuple[dict[str, Any], dict[str, Any]]:
    return {}, {}


def _assign(ctx: _Ctx) -> tuple[dict[str, Any], dict[str, Any]]:
    user_id = ctx.params.get("handler_id")
    user = get_user_model().objects.filter(pk=int(user_id)).first() if user_id else None
    if user is None or not perms.can_handle_case(user, ctx.case):
        raise DomainError(
            "所选承办人不是该机关的承办人员。", "The handler does not work for this organ.",
            field="handler_id",
        )  # fmt: skip
    return {"handler": user}, {"handler_id": user.pk, "handler": user.get_username()}


def _request_correction(ctx: _Ctx) -> tuple[dict[str, Any], dict[str, Any]]:
    if ctx.had(Action.REQUEST_CORRECTION):
        # Art. 30: the applicant is told once (一次性) everything that must be corrected.
        raise DomainError(
            "补正只能告知一次（第三十条“一次性告知”），本申请已告知过补正。",
            "A correction may be requested only once (Art. 30).",
        )
    items = ctx.text("items", "需要补正的事项")
    due = ctx.date("correction_due_on", "补正期限") or add_working_days(
        ctx.on, correction_period_days(), ctx.cal
    )
    if due <= ctx.on:
        raise DomainError(
            "补正期限应晚于告知之日。", "The correction period must end after the notice.",
            field="correction_due_on",
        )  # fmt: skip
    late = ctx.before.correction_notice_due_on is not None and (
        ctx.on > ctx.before.correction_notice_due_on
    )
    return {}, {"items": items, "correction_due_on": due.isoformat(), "late": late}


def _receive_correction(ctx: _Ctx) -> tuple[dict[str, Any], dict[str, Any]]:
    return {"corrected_on": ctx.on}, {"content": ctx.text("content", "补正内容", required=False)}


def _abandon_no_correction(ctx: _Ctx) -> tuple[dict[str, Any], dict[str, Any]]:
    due = ctx.before.correction_due_on
    if due is not None and ctx.on <= due:
        raise DomainError(
            f"补正期限 {due:%Y-%m-%d} 尚未届满，不能视为放弃申请（第三十条）。",
            f"The correction period runs until {due}.",
        )
    return {"outcome": Outcome.NO_CORRECTION, "closed_on": ctx.on}, {
        "outcome": Outcome.NO_CORRECTION
    }


def _open_consultation(ctx: _Ctx) -> tuple[dict[str, Any], dict[str, Any]]:
    kind = str(ctx.params.get("kind") or "")
    if kind not in ConsultationKind.values:
        raise DomainError("请选择征求意见的对象类型。", "Choose whom to consult.", field="kind")
    party = ctx.text("party", "征求意见对象名称", max_len=200)
    return {}, {
        "kind": kind,
        "party": party,
        "matter": ctx.text("matter", "征求意见事项", required=False),
    }


def _answer_consultation(ctx: _Ctx) -> tuple[dict[str, Any], dict[str, Any]]:
    opinion = str(ctx.params.get("opinion") or "")
    if opinion not in {"agree", "object", "other"}:
        raise DomainError(
            "请选择意见：同意公开、不同意公开或其他。", "Choose the opinion.", field="opinion"
        )
    return {}, {"opinion": opinion, "reasons": ctx.text("reasons", "意见理由", required=False)}


def _consultation_timed_out(ctx: _Ctx) -> tuple[dict[str, Any], dict[str, Any]]:
    due = ctx.before.pause_due_on
    if due is not None and ctx.on <= due:
        raise DomainError(
            f"征求意见的答复期限 {due:%Y-%m-%d} 尚未届满（第三十二条、第三十四条，15 个工作日）。",
            f"The consultation period runs until {due}.",
        )
    # Art. 34: other organs' silence is consent; Art. 32: without a reply the organ decides.
    return {}, {}


def _request_extension(ctx: _Ctx) -> tuple[dict[str, Any], dict[str, Any]]:
    if ctx.had(Action.APPROVE_EXTENSION):
        raise DomainError(
            "答复期限已延长过，延长不得超过 20 个工作日（第三十三条第二款）。",
            "The period has already been extended (Art. 33 ¶2).",
        )
    due = ctx.before.due_on
    if due is not None and ctx.on > due:
        raise DomainError(
            f"答复期限 {due:%Y-%m-%d} 已过，不能再申请延期。", f"The period ended on {due}."
        )
    return {}, {"reason": ctx.text("reason", "延期理由")}


def _approve_extension(ctx: _Ctx) -> tuple[dict[str, Any], dict[str, Any]]:
    try:
        days = int(ctx.params.get("days") or 20)
    except (TypeError, ValueError):
        days = 0
    if not 1 <= days <= 20:
        raise DomainError(
            "延长的期限应为 1 至 20 个工作日（第三十三条第二款）。",
            "An extension is 1–20 working days (Art. 33 ¶2).",
            field="days",
        )
    due = ctx.before.due_on
    if due is not None and ctx.on > due:
        raise DomainError(
            f"原答复期限 {due:%Y-%m-%d} 已过，延期须在期限届满前批准并告知申请人。",
            f"An extension must be approved before the period ends ({due}).",
        )
    return {}, {"days": days, "previous_due_on": due.isoformat() if due else None}


def _issue_fee_notice(ctx: _Ctx) -> tuple[dict[str, Any], dict[str, Any]]:
    method = str(ctx.params.get("method") or "")
    if method not in FeeMethod.values:
        raise DomainError(
            "请选择计费方式（按件或按量）。", "Choose the fee method.", field="method"
        )
    try:
        units = int(ctx.params.get("units") or 0)
    except (TypeError, ValueError):
        units = 0
    if method == FeeMethod.PER_REQUEST and not ctx.params.get("units"):
        from gongkai.applications.selectors import request_rank_in_month

        units = request_rank_in_month(ctx.case)
    if units < 1:
        raise DomainError("请填写页数。", "Enter the page count.", field="units")
    amount = fee_amount(method, units)
    if amount <= 0:
        raise DomainError(
            f"按标准计算的信息处理费为 0 元（{f'本月第 {units} 件' if method == FeeMethod.PER_REQUEST else f'{units} 页'}），"
            "不应发出收费通知。",
            "The fee under the schedule is zero; no fee notice is due.",
            field="units",
        )
    received = ctx.date("notice_received_on", "申请人收到通知之日") or ctx.on
    if received < ctx.on:
        raise DomainError(
            "收到通知之日不能早于发出之日。", "Received before sent.", field="notice_received_on"
        )
    return {"fee_amount": amount, "fee_paid_on": None}, {
        "method": method,
        "units": units,
        "amount": str(amount),
        "notice_received_on": received.isoformat(),
    }


def _record_payment(ctx: _Ctx) -> tuple[dict[str, Any], dict[str, Any]]:
    due = ctx.before.pause_due_on
    if due is not None and ctx.on > due:
        raise DomainError(
            f"缴费期限 {due:%Y-%m-%d} 已过，申请视为放弃（国办函〔2020〕109号）。",
            f"The payment period ended on {due}.",
        )
    return {"fee_paid_on": ctx.on}, {
        "receipt_no": ctx.text("receipt_no", "非税收入票据号", required=False, max_len=60),
        "amount": str(ctx.case.fee_amount),
    }


def _waive_fee(ctx: _Ctx) -> tuple[dict[str, Any], dict[str, Any]]:
    return {"fee_amount": Decimal(0)}, {"reason": ctx.text("reason", "减免理由")}


def _abandon_no_fee(ctx: _Ctx) -> tuple[dict[str, Any], dict[str, Any]]:
    due = ctx.before.pause_due_on
    if due is not None and ctx.on <= due:
        raise DomainError(
            f"缴费期限 {due:%Y-%m-%d} 尚未届满。", f"The payment period runs until {due}."
        )
    return {"outcome": Outcome.NO_FEE, "closed_on": ctx.on}, {"outcome": Outcome.NO_FEE}


def _decide(ctx: _Ctx) -> tuple[dict[str, Any], dict[str, Any]]:
    outcome = str(ctx.params.get("outcome") or "")
    if outcome not in DECIDE_OUTCOMES:
        raise DomainError(
            "请选择答复类型（每件申请只能对应一种办理结果）。",
            "Choose exactly one outcome.",
            field="outcome",
        )
    if outcome == Outcome.STILL_UNCLEAR and ctx.case.corrected_on is None:
        raise DomainError(
            "只有补正后内容仍不明确的申请才能作“补正后申请内容仍不明确”答复（第三十条）。",
            "'Still unclear after correction' needs a received correction.",
            field="outcome",
        )
    data = {
        "outcome": outcome,
        "summary": ctx.text("summary", "答复内容摘要", required=False, max_len=5000),
        "responsible_organ": ctx.text(
            "responsible_organ", "负责公开的机关", required=False, max_len=200
        ),
        "on_time": ctx.before.due_on is None or ctx.on <= ctx.before.due_on,
    }
    return {"outcome": outcome, "closed_on": ctx.on}, data


def _deliver(ctx: _Ctx) -> tuple[dict[str, Any], dict[str, Any]]:
    method = str(ctx.params.get("method") or "")
    if method not in {"direct", "post", "email", "online", "other_organ"}:
        raise DomainError("请选择送达方式。", "Choose how the reply was served.", field="method")
    posted = ctx.date("posted_on", "交邮日期")
    if method == "post" and posted is None:
        # 国办公开办函〔2016〕235号: for postal service the posting date counts.
        posted = ctx.on
    return {}, {"method": method, "posted_on": posted.isoformat() if posted else None}


def _withdraw(ctx: _Ctx) -> tuple[dict[str, Any], dict[str, Any]]:
    return {"outcome": Outcome.WITHDRAWN, "closed_on": ctx.on}, {
        "outcome": Outcome.WITHDRAWN,
        "reason": ctx.text("reason", "撤回说明", required=False),
    }


def _transfer(ctx: _Ctx) -> tuple[dict[str, Any], dict[str, Any]]:
    try:
        organ_id = int(ctx.params.get("organ_id") or 0)
    except (TypeError, ValueError):
        organ_id = 0
    target = Organ.objects.filter(pk=organ_id, is_active=True).first()
    if target is None or target.pk == ctx.case.organ_id:
        raise DomainError("请选择要转交的其他机关。", "Choose another organ.", field="organ_id")
    if target.outside_system:
        raise DomainError(
            "该机关未纳入本系统，不能在系统内转办；请作“不属于本机关负责公开”答复并告知申请人。",
            "That organ is outside the system; reply 'not this organ's' instead.",
            field="organ_id",
        )
    return {
        "organ": target,
        "received_on": ctx.on,
        "original_received_on": ctx.case.original_received_on or ctx.case.received_on,
        "corrected_on": None,
        "handler": None,
    }, {
        "from_organ_id": ctx.case.organ_id,
        "from_organ": ctx.case.organ.name,
        "to_organ_id": target.pk,
        "to_organ": target.name,
        "reason": ctx.text("reason", "转办理由", required=False),
    }


def _reopen(ctx: _Ctx) -> tuple[dict[str, Any], dict[str, Any]]:
    return {"outcome": "", "closed_on": None}, {
        "reason": ctx.text("reason", "重新办理的原因"),
        "previous_outcome": ctx.case.outcome,
        "previous_closed_on": ctx.case.closed_on.isoformat() if ctx.case.closed_on else None,
    }


_HANDLERS: dict[str, Handler] = {
    Action.ASSIGN: _assign,
    Action.REQUEST_CORRECTION: _request_correction,
    Action.RECEIVE_CORRECTION: _receive_correction,
    Action.ABANDON_NO_CORRECTION: _abandon_no_correction,
    Action.OPEN_CONSULTATION: _open_consultation,
    Action.ANSWER_CONSULTATION: _answer_consultation,
    Action.CONSULTATION_TIMED_OUT: _consultation_timed_out,
    Action.REQUEST_EXTENSION: _request_extension,
    Action.APPROVE_EXTENSION: _approve_extension,
    Action.ISSUE_FEE_NOTICE: _issue_fee_notice,
    Action.RECORD_PAYMENT: _record_payment,
    Action.WAIVE_FEE: _waive_fee,
    Action.ABANDON_NO_FEE: _abandon_no_fee,
    Action.DECIDE: _decide,
    Action.DELIVER: _deliver,
    Action.WITHDRAW: _withdraw,
    Action.TRANSFER: _transfer,
    Action.REOPEN: _reopen,
}


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


def _deadline(app: Application, calendar: WorkCalendar | None) -> Deadline | None:
    cal = calendar if calendar is not None else work_calendar()
    facts = [ClockFact(e.action, e.occurred_on, e.data) for e in app.events.order_by("seq")]
    return _safe_deadline(facts, cal)


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
