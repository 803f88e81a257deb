"""The appeal workflow as an explicit table: (status, action) → status."""

from __future__ import annotations

from gongkai.appeals.models import AppealStatus

REGISTER = "register"
EDIT = "edit"
RECORD_RESULT = "record_result"
CORRECT_RESULT = "correct_result"
REOPEN = "reopen"

ACTION_LABELS = {
    REGISTER: "登记",
    EDIT: "修改案件信息",
    RECORD_RESULT: "登记审理结果",
    CORRECT_RESULT: "更正审理结果",
    REOPEN: "重新审理（撤销原结果）",
}

TRANSITIONS: dict[tuple[str, str], str] = {
    (AppealStatus.PENDING, EDIT): AppealStatus.PENDING,
    (AppealStatus.PENDING, RECORD_RESULT): AppealStatus.CONCLUDED,
    (AppealStatus.CONCLUDED, EDIT): AppealStatus.CONCLUDED,
    (AppealStatus.CONCLUDED, CORRECT_RESULT): AppealStatus.CONCLUDED,
    # 再审、发回重审、复议决定被撤销后重新作出: the case is open again.
    (AppealStatus.CONCLUDED, REOPEN): AppealStatus.PENDING,
}


def next_status(status: str, action: str) -> str | None:
    return TRANSITIONS.get((status, action))


def allowed_actions(status: str) -> list[str]:
    return [action for (state, action) in TRANSITIONS if state == status]
