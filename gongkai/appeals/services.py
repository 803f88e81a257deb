"""Every write to appeals. Keyword-only, atomic, taking the acting user; each writes an
AppealEvent in the same transaction."""

from __future__ import annotations

import datetime as dt
from typing import Any

from django.contrib.auth.models import User
from django.db import transaction
from django.utils import timezone

from gongkai.appeals import transitions as tr
from gongkai.appeals.models import Appeal, AppealEvent, AppealKind, AppealResult, AppealStatus
from gongkai.appeals.permissions import can_edit_appeal, can_register_appeal_for
from gongkai.applications.models import Application
from gongkai.core.errors import ConflictError, DomainError, PermissionDeniedError
from gongkai.orgs.models import Organ

_DETAIL_FIELDS = (
    "case_number", "claimant", "forum", "subject", "filed_on", "application_id", "application_ref",
)  # fmt: skip


def _today() -> dt.date:
    return timezone.localdate()


def _snapshot(appeal: Appeal, fields: tuple[str, ...]) -> dict[str, Any]:
    out: dict[str, Any] = {}
    for name in fields:
        value = getattr(appeal, name)
        out[name] = value.isoformat() if isinstance(value, dt.date) else value
    return out


def _check_filed_on(filed_on: dt.date) -> None:
    if filed_on > _today():
        raise DomainError(
            f"申请/立案日期 {filed_on:%Y-%m-%d} 晚于今天。",
            "The filing date is in the future.",
            field="filed_on",
        )


def _check_links(
    *,
    kind: str,
    organ: Organ,
    filed_on: dt.date,
    reconsideration: Appeal | None,
    codefendant_organ: Organ | None,
) -> None:
    if kind not in AppealKind.values:
        raise DomainError(f"未知的案件类别：{kind}", f"unknown kind {kind!r}", field="kind")
    if reconsideration is not None:
        if kind != AppealKind.LITIGATION_AFTER_RECONSIDERATION:
            raise DomainError(
                "只有“复议后起诉”的诉讼案件才能关联前置行政复议。",
                "Only a suit after reconsideration can link a reconsideration.",
                field="reconsideration",
            )
        if reconsideration.kind != AppealKind.RECONSIDERATION:
            raise DomainError(
                "关联的前置案件必须是行政复议案件。",
                "The linked case must be a reconsideration.",
                field="reconsideration",
            )
        if reconsideration.filed_on > filed_on:
            raise DomainError(
                "起诉日期不能早于前置行政复议的申请日期。",
                "A suit cannot be filed before its reconsideration.",
                field="filed_on",
            )
    if codefendant_organ is not None:
        if kind != AppealKind.LITIGATION_AFTER_RECONSIDERATION:
            raise DomainError(
                "只有复议后起诉的案件才有作为复议机关的共同被告。",
                "Only a suit after reconsideration has the reconsideration organ as co-defendant.",
                field="codefendant_organ",
            )
        if codefendant_organ.pk == organ.pk:
            raise DomainError(
                "共同被告（复议机关）不能与原行政行为机关相同。",
                "The co-defendant cannot be the acting organ itself.",
                field="codefendant_organ",
            )


def _check_application(application: Application | None, organ: Organ) -> None:
    if application is not None and application.organ_id != organ.pk:
        raise DomainError(
            f"关联申请{application.reference}由{application.organ}办理，与被申请人/被告不一致。",
            "The linked application was handled by another organ.",
            field="application",
        )


def _log(
    appeal: Appeal,
    *,
    actor: User,
    action: str,
    old: dict[str, Any] | None = None,
    new: dict[str, Any] | None = None,
    comment: str = "",
) -> None:
    AppealEvent.objects.create(
        appeal=appeal, action=action, actor=actor, old=old or {}, new=new or {}, comment=comment
    )


def _claim(appeal: Appeal, *, expected_version: int, action: str) -> str:
    """Check the transition, then bump the lock version; a stale form gets a conflict."""
    target = tr.next_status(appeal.status, action)
    if target is None:
        raise DomainError(
            f"案件当前状态为“{appeal.get_status_display()}”，不能{tr.ACTION_LABELS[action]}。",
            f"Action {action!r} is not allowed in status {appeal.status!r}.",
        )
    updated = Appeal.objects.filter(pk=appeal.pk, lock_version=expected_version).update(
        lock_version=expected_version + 1
    )
    if not updated:
        raise ConflictError(
            "该案件已被他人修改，请刷新页面后重试。",
            "Somebody else changed this case; reload and try again.",
        )
    appeal.lock_version = expected_version + 1
    return target


@transaction.atomic
def appeal_register(
    *,
    actor: User,
    kind: str,
    organ: Organ,
    filed_on: dt.date,
    claimant: str,
    forum: str,
    subject: str,
    case_number: str = "",
    application_ref: str = "",
    reconsideration: Appeal | None = None,
    codefendant_organ: Organ | None = None,
    application: Application | None = None,
) -> Appeal:
    if not can_register_appeal_for(actor, organ):
        raise PermissionDeniedError(
            f"您无权为{organ.name}登记复议诉讼案件。",
            "You may not record appeals for this organ.",
        )
    _check_filed_on(filed_on)
    _check_links(
        kind=kind,
        organ=organ,
        filed_on=filed_on,
        reconsideration=reconsideration,
        codefendant_organ=codefendant_organ,
    )
    _check_application(application, organ)
    for name, value in (("claimant", claimant), ("forum", forum), ("subject", subject)):
        if not value.strip():
            raise DomainError("此项必填。", "This field is required.", field=name)
    appeal = Appeal.objects.create(
        kind=kind,
        organ=organ,
        filed_on=filed_on,
        claimant=claimant.strip(),
        forum=forum.strip(),
        subject=subject.strip(),
        case_number=case_number.strip(),
        application_ref=application_ref.strip(),
        reconsideration=reconsideration,
        codefendant_organ=codefendant_organ,
        application=application,
        created_by=actor,
    )
    _log(appeal, actor=actor, action=tr.REGISTER, new=_snapshot(appeal, _DETAIL_FIELDS))
    return appeal


@transaction.atomic
def appeal_update_details(
    *,
    actor: User,
    appeal: Appeal,
    expected_version: int,
    case_number: str,
    claimant: str,
    forum: str,
    subject: str,
    filed_on: dt.date,
    application_ref: str,
    application: Application | None = None,
) -> Appeal:
    if not can_edit_appeal(actor, appeal):
        raise PermissionDeniedError("您无权修改该案件。", "You may not edit this case.")
    _check_filed_on(filed_on)
    if appeal.decided_on and filed_on > appeal.decided_on:
        raise DomainError(
            "申请/立案日期不能晚于审结日期。", "Filed after decided.", field="filed_on"
        )
    _check_application(application, appeal.organ)
    old = _snapshot(appeal, _DETAIL_FIELDS)
    _claim(appeal, expected_version=expected_version, action=tr.EDIT)
    appeal.application = application
    appeal.case_number = case_number.strip()
    appeal.claimant = claimant.strip()
    appeal.forum = forum.strip()
    appeal.subject = subject.strip()
    appeal.filed_on = filed_on
    appeal.application_ref = application_ref.strip()
    appeal.save()
    _log(appeal, actor=actor, action=tr.EDIT, old=old, new=_snapshot(appeal, _DETAIL_FIELDS))
    return appeal


@transaction.atomic
def appeal_record_result(
    *,
    actor: User,
    appeal: Appeal,
    expected_version: int,
    result: str,
    decided_on: dt.date,
    note: str = "",
) -> Appeal:
    """Record the decision (复议决定书/判决书/裁定书). Recording again corrects it."""
    if not can_edit_appeal(actor, appeal):
        raise PermissionDeniedError("您无权修改该案件。", "You may not edit this case.")
    if result not in AppealResult.values:
        raise DomainError(
            "请选择审理结果：结果维持、结果纠正或其他结果。",
            "Choose a result: upheld, corrected or other.",
            field="result",
        )
    if decided_on < appeal.filed_on:
        raise DomainError(
            f"审结日期 {decided_on:%Y-%m-%d} 早于申请/立案日期 {appeal.filed_on:%Y-%m-%d}。",
            "The decision date is before the filing date.",
            field="decided_on",
        )
    if decided_on > _today():
        raise DomainError("审结日期晚于今天。", "The decision date is in the future.",
                          field="decided_on")  # fmt: skip
    action = tr.RECORD_RESULT if appeal.status == AppealStatus.PENDING else tr.CORRECT_RESULT
    old = _snapshot(appeal, ("result", "decided_on", "result_note"))
    appeal.status = _claim(appeal, expected_version=expected_version, action=action)
    appeal.result = result
    appeal.decided_on = decided_on
    appeal.result_note = note.strip()
    appeal.save()
    _log(appeal, actor=actor, action=action, old=old,
         new=_snapshot(appeal, ("result", "decided_on", "result_note")))  # fmt: skip
    return appeal


@transaction.atomic
def appeal_reopen(*, actor: User, appeal: Appeal, expected_version: int, comment: str) -> Appeal:
    if not can_edit_appeal(actor, appeal):
        raise PermissionDeniedError("您无权修改该案件。", "You may not edit this case.")
    if not comment.strip():
        raise DomainError("请说明重新审理的原因。", "Say why the case is reopened.",
                          field="comment")  # fmt: skip
    old = _snapshot(appeal, ("result", "decided_on", "result_note"))
    appeal.status = _claim(appeal, expected_version=expected_version, action=tr.REOPEN)
    appeal.result = ""
    appeal.decided_on = None
    appeal.result_note = ""
    appeal.save()
    _log(appeal, actor=actor, action=tr.REOPEN, old=old, comment=comment.strip())
    return appeal
