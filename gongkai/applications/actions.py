"""What each action checks and records: one function per action, called by
`services.application_transition` inside its transaction. Each returns the case fields to update
and the data stored on the event (the facts the deadline computation and the letters read)."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from decimal import Decimal
from typing import Any

from django.conf import settings
from django.contrib.auth import get_user_model

from gongkai.applications import permissions as perms
from gongkai.applications.deadlines import Deadline
from gongkai.applications.fees import fee_amount
from gongkai.applications.models import (
    Application,
    ApplicationEvent,
    ConsultationKind,
    FeeMethod,
    Outcome,
)
from gongkai.applications.transitions import Action
from gongkai.core.errors import DomainError
from gongkai.orgs.models import Organ
from gongkai.workdays.compute import WorkCalendar, add_working_days

# Outcomes recorded by `decide`; the others come from their own actions.
DECIDE_OUTCOMES = frozenset(Outcome.values) - {
    Outcome.NO_CORRECTION,
    Outcome.NO_FEE,
    Outcome.WITHDRAWN,
}


def correction_period_days() -> int:
    return int(getattr(settings, "GONGKAI_CORRECTION_PERIOD_DAYS", 15))


@dataclass
class ActionContext:
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


Handler = Any  # Callable[[ActionContext], tuple[dict[str, Any], dict[str, Any]]]


def no_rule(ctx: ActionContext) -> tuple[dict[str, Any], dict[str, Any]]:
    return {}, {}


def _assign(ctx: ActionContext) -> tuple[dict[str, Any], dict[str, Any]]:
    user_id = ctx.params.get("handler_id")
    user = get_user_model().objects.filter(pk=int(user_id)).first() if user_id else None
    if user is None or not perms.can_handle_case(user, ctx.case):
        raise DomainError(
            "所选承办人不是该机关的承办人员。", "The handler does not work for this organ.",
            field="handler_id",
        )  # fmt: skip
    return {"handler": user}, {"handler_id": user.pk, "handler": user.get_username()}


def _request_correction(ctx: ActionContext) -> tuple[dict[str, Any], dict[str, Any]]:
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


def _receive_correction(ctx: ActionContext) -> tuple[dict[str, Any], dict[str, Any]]:
    return {"corrected_on": ctx.on}, {"content": ctx.text("content", "补正内容", required=False)}


def _abandon_no_correction(ctx: ActionContext) -> tuple[dict[str, Any], dict[str, Any]]:
    due = ctx.before.correction_due_on
    if due is not None and ctx.on <= due:
        raise DomainError(
            f"补正期限 {due:%Y-%m-%d} 尚未届满，不能视为放弃申请（第三十条）。",
            f"The correction period runs until {due}.",
        )
    return {"outcome": Outcome.NO_CORRECTION, "closed_on": ctx.on}, {
        "outcome": Outcome.NO_CORRECTION
    }


def _open_consultation(ctx: ActionContext) -> tuple[dict[str, Any], dict[str, Any]]:
    kind = str(ctx.params.get("kind") or "")
    if kind not in ConsultationKind.values:
        raise DomainError("请选择征求意见的对象类型。", "Choose whom to consult.", field="kind")
    party = ctx.text("party", "征求意见对象名称", max_len=200)
    return {}, {
        "kind": kind,
        "party": party,
        "matter": ctx.text("matter", "征求意见事项", required=False),
    }


def _answer_consultation(ctx: ActionContext) -> tuple[dict[str, Any], dict[str, Any]]:
    opinion = str(ctx.params.get("opinion") or "")
    if opinion not in {"agree", "object", "other"}:
        raise DomainError(
            "请选择意见：同意公开、不同意公开或其他。", "Choose the opinion.", field="opinion"
        )
    return {}, {"opinion": opinion, "reasons": ctx.text("reasons", "意见理由", required=False)}


def _consultation_timed_out(ctx: ActionContext) -> tuple[dict[str, Any], dict[str, Any]]:
    due = ctx.before.pause_due_on
    if due is not None and ctx.on <= due:
        raise DomainError(
            f"征求意见的答复期限 {due:%Y-%m-%d} 尚未届满（第三十二条、第三十四条，15 个工作日）。",
            f"The consultation period runs until {due}.",
        )
    # Art. 34: other organs' silence is consent; Art. 32: without a reply the organ decides.
    return {}, {}


def _request_extension(ctx: ActionContext) -> tuple[dict[str, Any], dict[str, Any]]:
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


def _approve_extension(ctx: ActionContext) -> tuple[dict[str, Any], dict[str, Any]]:
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


def _set_later_date(ctx: ActionContext) -> tuple[dict[str, Any], dict[str, Any]]:
    later = ctx.date("reply_on", "延迟答复的期限")
    if later is None:
        raise DomainError("请填写延迟答复的期限。", "Enter the later reply date.", field="reply_on")
    due = ctx.before.due_on
    if due is not None and later <= due:
        raise DomainError(
            f"延迟答复的期限应晚于现行答复期限 {due:%Y-%m-%d}（第三十五条）。",
            f"The later date must be after the current due date {due}.",
            field="reply_on",
        )
    return {}, {"reply_on": later.isoformat(), "reason": ctx.text("reason", "理由")}


def _issue_fee_notice(ctx: ActionContext) -> tuple[dict[str, Any], dict[str, Any]]:
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


def _record_payment(ctx: ActionContext) -> tuple[dict[str, Any], dict[str, Any]]:
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


def _waive_fee(ctx: ActionContext) -> tuple[dict[str, Any], dict[str, Any]]:
    return {"fee_amount": Decimal(0)}, {"reason": ctx.text("reason", "减免理由")}


def _abandon_no_fee(ctx: ActionContext) -> tuple[dict[str, Any], dict[str, Any]]:
    due = ctx.before.pause_due_on
    if due is not None and ctx.on <= due:
        raise DomainError(
            f"缴费期限 {due:%Y-%m-%d} 尚未届满。", f"The payment period runs until {due}."
        )
    return {"outcome": Outcome.NO_FEE, "closed_on": ctx.on}, {"outcome": Outcome.NO_FEE}


def _decide(ctx: ActionContext) -> tuple[dict[str, Any], dict[str, Any]]:
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


def _deliver(ctx: ActionContext) -> tuple[dict[str, Any], dict[str, Any]]:
    method = str(ctx.params.get("method") or "")
    if method not in {"direct", "post", "email", "online", "other_organ"}:
        raise DomainError("请选择送达方式。", "Choose how the reply was served.", field="method")
    posted = ctx.date("posted_on", "交邮日期")
    if method == "post" and posted is None:
        # 国办公开办函〔2016〕235号: for postal service the posting date counts.
        posted = ctx.on
    return {}, {"method": method, "posted_on": posted.isoformat() if posted else None}


def _withdraw(ctx: ActionContext) -> tuple[dict[str, Any], dict[str, Any]]:
    return {"outcome": Outcome.WITHDRAWN, "closed_on": ctx.on}, {
        "outcome": Outcome.WITHDRAWN,
        "reason": ctx.text("reason", "撤回说明", required=False),
    }


def _transfer(ctx: ActionContext) -> tuple[dict[str, Any], dict[str, Any]]:
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


def _reopen(ctx: ActionContext) -> tuple[dict[str, Any], dict[str, Any]]:
    return {"outcome": "", "closed_on": None}, {
        "reason": ctx.text("reason", "重新办理的原因"),
        "previous_outcome": ctx.case.outcome,
        "previous_closed_on": ctx.case.closed_on.isoformat() if ctx.case.closed_on else None,
    }


HANDLERS: dict[str, Handler] = {
    Action.ASSIGN: _assign,
    Action.REQUEST_CORRECTION: _request_correction,
    Action.RECEIVE_CORRECTION: _receive_correction,
    Action.ABANDON_NO_CORRECTION: _abandon_no_correction,
    Action.OPEN_CONSULTATION: _open_consultation,
    Action.ANSWER_CONSULTATION: _answer_consultation,
    Action.CONSULTATION_TIMED_OUT: _consultation_timed_out,
    Action.REQUEST_EXTENSION: _request_extension,
    Action.APPROVE_EXTENSION: _approve_extension,
    Action.SET_LATER_DATE: _set_later_date,
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
