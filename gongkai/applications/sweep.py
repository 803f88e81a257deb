"""`gongkai sweep`: reminders to handlers and a daily digest to each disclosure office.

Algorithm (safe to run any number of times, from cron or by hand):
1. Take `today` (the local date, or --today).
2. For every open application, derive its state from the stored due date and the calendar
   (never stored): due soon (≤ GONGKAI_DUE_SOON_DAYS working days left), overdue, or a paused
   period that has lapsed (correction period, consultation reply, fee payment — the case can
   now be moved on).
3. For each (case, kind, due date) — overdue once per day — claim a `Reminder` row keyed by
   them and the recipient; the unique constraint makes the claim atomic, so a second run (or a
   second sweeper) finds it taken and sends nothing. The mail is sent inside the claim's
   transaction: if sending fails the claim is rolled back and the next run retries.
4. For every organ with an office administrator, send one digest per day covering its
   subtree: open cases, due soon, overdue.
"""

from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass, field
from datetime import date

from django.contrib.auth import get_user_model
from django.core.mail import send_mail
from django.db import IntegrityError, transaction

from gongkai.applications.deadlines import ClockFact, compute_deadline
from gongkai.applications.models import Application, Reminder, Status
from gongkai.applications.queue import derived_state
from gongkai.applications.selectors import open_cases
from gongkai.orgs.models import Membership, Organ, Role
from gongkai.orgs.permissions import CASE_HANDLE_ROLES
from gongkai.orgs.selectors import organ_subtree_ids
from gongkai.workdays.compute import CalendarMissingError, WorkCalendar
from gongkai.workdays.selectors import work_calendar

PAUSE_NAMES = {
    Status.CORRECTION_REQUESTED: "补正期限已届满，可作“逾期未补正、不再处理”处理（第三十条）",
    Status.CONSULTING: "征求意见期限已届满，可登记“逾期未答复”并恢复计算期限（第三十二条、第三十四条）",
    Status.FEE_PENDING: "缴费期限已届满，可作“逾期未缴费、不再处理”处理（国办函〔2020〕109号）",
}


@dataclass
class SweepResult:
    sent: list[str] = field(default_factory=list)
    skipped: int = 0  # already sent by an earlier run
    no_address: list[str] = field(default_factory=list)


def sweep(*, today: date, dry_run: bool = False) -> SweepResult:
    result = SweepResult()
    cal = work_calendar()
    per_organ: dict[int, dict[str, list[Application]]] = defaultdict(lambda: defaultdict(list))
    for app in open_cases().select_related("organ", "handler").order_by("due_on", "pk"):
        kind, text = _reminder_kind(app, today, cal)
        per_organ[app.organ_id]["open"].append(app)
        if kind:
            per_organ[app.organ_id][kind].append(app)
            key_date = today if kind == "overdue" else app.due_on or today
            for user in _handlers(app):
                _send(
                    result, kind, f"{app.pk}:{key_date}", user,
                    f"【{_KIND_ZH[kind]}】{app.reference}",
                    f"{app.reference}（{app.organ.name}，申请人 {app.name}）：{text}\n"
                    f"办理页面：/office/applications/{app.pk}/",
                    dry_run,
                )  # fmt: skip
    for organ_id, admins in _office_admins().items():
        subtree = organ_subtree_ids(organ_id)
        buckets = {
            k: [a for o in subtree for a in per_organ.get(o, {}).get(k, [])] for k in _KIND_ZH
        }
        opened = [a for o in subtree for a in per_organ.get(o, {}).get("open", [])]
        organ = Organ.objects.get(pk=organ_id)
        lines = [
            f"{organ.name} 政府信息公开申请日报（{today:%Y-%m-%d}）",
            f"未办结 {len(opened)} 件；即将到期 {len(buckets['due_soon'])} 件；已超期 {len(buckets['overdue'])} 件；"
            f"暂停期限届满待处理 {len(buckets['lapsed'])} 件。",
        ]
        for kind in ("overdue", "due_soon", "lapsed"):
            for a in buckets[kind]:
                lines.append(
                    f"  [{_KIND_ZH[kind]}] {a.reference} {a.organ.display_name} 期限 {a.due_on or '中止'}"
                )
        for user in admins:
            _send(
                result,
                "digest",
                f"{organ_id}:{today}",
                user,
                f"政府信息公开申请日报 {today:%Y-%m-%d}",
                "\n".join(lines),
                dry_run,
            )
    return result


_KIND_ZH = {"due_soon": "即将到期", "overdue": "已超期", "lapsed": "期限届满待处理"}


def _reminder_kind(app: Application, today: date, cal: WorkCalendar) -> tuple[str, str]:
    state = derived_state(app, today, cal)
    if state.key == "overdue":
        return "overdue", f"答复期限 {app.due_on} 已过（{state.label}），请尽快答复。"
    if state.key == "due_soon":
        return "due_soon", f"答复期限 {app.due_on}，{state.label}。"
    if state.key == "paused" and app.status in PAUSE_NAMES:
        try:
            facts = [ClockFact(e.action, e.occurred_on, e.data) for e in app.events.order_by("seq")]
            d = compute_deadline(facts, cal)
        except CalendarMissingError:
            return "", ""
        lapse = d.correction_due_on if app.status == Status.CORRECTION_REQUESTED else d.pause_due_on
        if lapse is not None and today > lapse:
            return "lapsed", f"{PAUSE_NAMES[Status(app.status)]}（期限 {lapse}）。"
    return "", ""


def _handlers(app: Application) -> list[object]:
    if app.handler is not None:
        return [app.handler]
    users = (
        get_user_model()
        .objects.filter(memberships__organ_id=app.organ_id, memberships__role__in=CASE_HANDLE_ROLES)
        .distinct()
    )
    return list(users)


def _office_admins() -> dict[int, list[object]]:
    found: dict[int, list[object]] = defaultdict(list)
    for m in Membership.objects.filter(role=Role.OFFICE_ADMIN).select_related("user"):
        found[m.organ_id].append(m.user)
    return found


def _send(
    result: SweepResult, kind: str, key: str, user: object, subject: str, body: str, dry_run: bool
) -> None:
    email = getattr(user, "email", "")
    name = getattr(user, "username", str(user))
    if not email:
        result.no_address.append(f"{kind} {key} → {name}")
        return
    if dry_run:
        result.sent.append(f"(dry run) {kind} {key} → {email}")
        return
    try:
        with transaction.atomic():
            Reminder.objects.create(kind=kind, key=key, recipient=email)
            send_mail(subject, body, None, [email])
    except IntegrityError:
        result.skipped += 1
        return
    result.sent.append(f"{kind} {key} → {email}")
