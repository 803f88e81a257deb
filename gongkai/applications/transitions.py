"""The workflow of an application as an explicit table: (state, action) → state.

`services.application_transition` refuses any pair not listed here, with the reason. The
table is also rendered in docs/applications.md and on the case page (which actions are open).
"""

from __future__ import annotations

from django.db import models

from gongkai.applications.models import Status

S = Status


class Action(models.TextChoices):
    ACCEPT = "accept", "受理审查"
    ASSIGN = "assign", "指定承办人"
    REQUEST_CORRECTION = "request_correction", "告知补正"
    RECEIVE_CORRECTION = "receive_correction", "收到补正"
    ABANDON_NO_CORRECTION = "abandon_no_correction", "逾期未补正，不再处理"
    OPEN_CONSULTATION = "open_consultation", "发出征求意见函"
    ANSWER_CONSULTATION = "answer_consultation", "收到征求意见答复"
    CONSULTATION_TIMED_OUT = "consultation_timed_out", "征求意见逾期未答复"
    REQUEST_EXTENSION = "request_extension", "申请延期"
    APPROVE_EXTENSION = "approve_extension", "批准延期"
    SET_LATER_DATE = "set_later_date", "另行确定答复期限（第三十五条）"
    REFUSE_EXTENSION = "refuse_extension", "不批准延期"
    ISSUE_FEE_NOTICE = "issue_fee_notice", "发出收费通知"
    RECORD_PAYMENT = "record_payment", "登记缴费"
    WAIVE_FEE = "waive_fee", "减免收费"
    ABANDON_NO_FEE = "abandon_no_fee", "逾期未缴费，不再处理"
    DECIDE = "decide", "作出答复"
    DELIVER = "deliver", "送达"
    ARCHIVE = "archive", "归档"
    WITHDRAW = "withdraw", "申请人撤回"
    TRANSFER = "transfer", "转其他机关办理"
    REOPEN = "reopen", "重新办理"


A = Action

OPEN_WORKING = (S.REGISTERED, S.UNDER_REVIEW)
OPEN_ALL = (
    S.REGISTERED,
    S.CORRECTION_REQUESTED,
    S.UNDER_REVIEW,
    S.CONSULTING,
    S.EXTENSION_REQUESTED,
    S.FEE_PENDING,
)

TRANSITIONS: dict[tuple[str, str], str] = {
    (S.REGISTERED, A.ACCEPT): S.UNDER_REVIEW,
    **{(s, A.ASSIGN): s for s in OPEN_ALL},
    # Art. 30: one correction notice, everything at once; the clock restarts on receipt.
    **{(s, A.REQUEST_CORRECTION): S.CORRECTION_REQUESTED for s in OPEN_WORKING},
    (S.CORRECTION_REQUESTED, A.RECEIVE_CORRECTION): S.UNDER_REVIEW,
    (S.CORRECTION_REQUESTED, A.ABANDON_NO_CORRECTION): S.TERMINATED,
    # Arts. 32, 34: consultation pauses the clock (Art. 33 ¶3).
    **{(s, A.OPEN_CONSULTATION): S.CONSULTING for s in OPEN_WORKING},
    (S.CONSULTING, A.ANSWER_CONSULTATION): S.UNDER_REVIEW,
    (S.CONSULTING, A.CONSULTATION_TIMED_OUT): S.UNDER_REVIEW,
    # Art. 33 ¶2: extension approved by the head of the disclosure office.
    **{(s, A.REQUEST_EXTENSION): S.EXTENSION_REQUESTED for s in OPEN_WORKING},
    (S.EXTENSION_REQUESTED, A.APPROVE_EXTENSION): S.UNDER_REVIEW,
    (S.EXTENSION_REQUESTED, A.REFUSE_EXTENSION): S.UNDER_REVIEW,
    # Art. 35: requests clearly beyond a reasonable range, with a reasonable purpose, that cannot
    # be answered within the Art. 33 period: a reasonable later reply date, told to the applicant.
    **{(s, A.SET_LATER_DATE): s for s in OPEN_WORKING},
    # 国办函〔2020〕109号: fee notice, payment within 20 WD or the application lapses.
    **{(s, A.ISSUE_FEE_NOTICE): S.FEE_PENDING for s in OPEN_WORKING},
    (S.FEE_PENDING, A.RECORD_PAYMENT): S.UNDER_REVIEW,
    (S.FEE_PENDING, A.WAIVE_FEE): S.UNDER_REVIEW,
    (S.FEE_PENDING, A.ABANDON_NO_FEE): S.TERMINATED,
    # Arts. 36–39: the reply.
    **{(s, A.DECIDE): S.DECIDED for s in OPEN_WORKING},
    (S.DECIDED, A.DELIVER): S.DELIVERED,
    **{(s, A.ARCHIVE): S.ARCHIVED for s in (S.DECIDED, S.DELIVERED, S.TERMINATED)},
    **{(s, A.WITHDRAW): S.TERMINATED for s in OPEN_ALL},
    **{(s, A.TRANSFER): S.REGISTERED for s in (S.REGISTERED, S.UNDER_REVIEW)},
    **{(s, A.REOPEN): S.UNDER_REVIEW for s in (S.DECIDED, S.DELIVERED, S.TERMINATED, S.ARCHIVED)},
}

# Who may take each action (gongkai.applications.permissions).
DECIDE_ACTIONS = frozenset({A.DECIDE, A.REOPEN})
APPROVE_ACTIONS = frozenset(
    {A.APPROVE_EXTENSION, A.REFUSE_EXTENSION, A.WAIVE_FEE, A.SET_LATER_DATE}
)


def allowed_actions(status: str) -> list[Action]:
    return [Action(a) for (s, a) in TRANSITIONS if s == status]


def target_status(status: str, action: str) -> str | None:
    return TRANSITIONS.get((status, action))
