"""What the public sees of a case: plain statuses and the steps that concern the applicant."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date

from gongkai.applications.models import Application, Outcome, Status

PUBLIC_STATUS = {
    Status.REGISTERED: "已收到申请",
    Status.UNDER_REVIEW: "办理中",
    Status.CONSULTING: "办理中（征求意见，期间不计入答复期限）",
    Status.EXTENSION_REQUESTED: "办理中",
    Status.CORRECTION_REQUESTED: "待补正（请按补正告知书补正申请）",
    Status.FEE_PENDING: "待缴纳信息处理费（请按收费通知书缴费）",
    Status.DECIDED: "已答复",
    Status.DELIVERED: "已答复并送达",
    Status.ARCHIVED: "已办结",
    Status.TERMINATED: "已终止",
}

PUBLIC_ACTIONS = {
    "register": "收到申请",
    "request_correction": "告知补正",
    "receive_correction": "收到补正材料",
    "abandon_no_correction": "逾期未补正，不再处理",
    "open_consultation": "征求意见（不计入答复期限）",
    "answer_consultation": "征求意见结束",
    "consultation_timed_out": "征求意见结束",
    "approve_extension": "延长答复期限",
    "set_later_date": "确定延迟答复的期限（第三十五条）",
    "issue_fee_notice": "发出收费通知",
    "record_payment": "收到缴费",
    "waive_fee": "减免信息处理费",
    "abandon_no_fee": "逾期未缴费，不再处理",
    "decide": "作出答复",
    "deliver": "送达答复",
    "withdraw": "申请人撤回申请",
    "transfer": "转本级其他机关办理",
    "reopen": "重新办理",
}


@dataclass
class PublicStep:
    on: date
    label: str


def public_status(app: Application) -> str:
    return PUBLIC_STATUS.get(Status(app.status), app.get_status_display())


def public_outcome(app: Application) -> str:
    return Outcome(app.outcome).label if app.outcome else ""


def public_steps(app: Application) -> list[PublicStep]:
    return [
        PublicStep(e.occurred_on, PUBLIC_ACTIONS[e.action])
        for e in app.events.order_by("seq")
        if e.action in PUBLIC_ACTIONS
    ]
