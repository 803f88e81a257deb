"""The report workflow as an explicit table: (status, action) → (status, who may do it).

    draft ──submit──▶ submitted ──approve──▶ approved ──publish──▶ published
      ▲ edit/recompute   │ return                │ reopen              │ revise
      │                  ▼                       ▼                     ▼
      └──────────── returned ◀── edit ──     draft                  draft (the published
                      │ submit                                      version stays public
                      └──────▶ submitted                            until republished)

`edit` and `recompute` keep the status (draft or returned). Roles: "edit" = 统计员 or the
disclosure office (can_edit_report_of); "approve" = 审核人 or the office (can_approve_report_of).
"""

from __future__ import annotations

from dataclasses import dataclass

from gongkai.reporting.models import ReportStatus as S

EDIT_ROLE = "edit"
APPROVE_ROLE = "approve"


@dataclass(frozen=True)
class Step:
    target: str
    role: str
    label: str
    needs_comment: bool = False


TRANSITIONS: dict[tuple[str, str], Step] = {
    (S.DRAFT, "edit"): Step(S.DRAFT, EDIT_ROLE, "修改"),
    (S.DRAFT, "recompute"): Step(S.DRAFT, EDIT_ROLE, "按记录重新生成"),
    (S.DRAFT, "submit"): Step(S.SUBMITTED, EDIT_ROLE, "提交审核"),
    (S.RETURNED, "edit"): Step(S.RETURNED, EDIT_ROLE, "修改"),
    (S.RETURNED, "recompute"): Step(S.RETURNED, EDIT_ROLE, "按记录重新生成"),
    (S.RETURNED, "submit"): Step(S.SUBMITTED, EDIT_ROLE, "重新提交审核"),
    (S.SUBMITTED, "return"): Step(S.RETURNED, APPROVE_ROLE, "退回修改", needs_comment=True),
    (S.SUBMITTED, "approve"): Step(S.APPROVED, APPROVE_ROLE, "审核通过"),
    (S.APPROVED, "reopen"): Step(S.DRAFT, APPROVE_ROLE, "撤回审核、重新修改", needs_comment=True),
    (S.APPROVED, "publish"): Step(S.PUBLISHED, APPROVE_ROLE, "发布"),
    (S.PUBLISHED, "revise"): Step(S.DRAFT, APPROVE_ROLE, "更正已发布的报告", needs_comment=True),
}

ACTION_LABELS = {action: step.label for (_, action), step in TRANSITIONS.items()}
ACTION_LABELS["create"] = "生成报告"


def step_for(status: str, action: str) -> Step | None:
    return TRANSITIONS.get((status, action))


def actions_from(status: str) -> list[str]:
    return [action for (state, action) in TRANSITIONS if state == status]
