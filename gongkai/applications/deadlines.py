"""Deadlines of an application: pure functions of its events and the working-day calendar.

Clock model (regulations.md §5.5):

    start = receipt date (Art. 31), or receipt of the corrected application (Art. 30),
            or receipt at the organ it was transferred to, or the date the case was reopened
    due   = start + 20 WD                                   (Art. 33 ¶2)
          + approved extension ≤ 20 WD                       (Art. 33 ¶2)
          + WD spent in excluded periods                     (Art. 33 ¶3: consultation of third
            parties, Art. 32, and of other organs, Art. 34; fee notice → payment, 国办函〔2020〕109号)

Counting (regulations.md §9, gongkai.workdays.compute): the day of the triggering event is not
counted; day 1 is the next working day.

Pauses — the convention gongkai fixes (the sources do not settle it; docs/applications.md):
a pause that starts on day S (letter sent / fee notice issued) and ends on day E (reply received,
period lapsed, fee paid) excludes the working days in (S, E]. The day the letter is sent still
counts toward the reply period; the day the reply arrives does not; the clock runs again from the
next working day. A pause opened and closed on the same day excludes nothing.

Every step of the computation is returned with its explanation, so the case page can show how
the due date was reached.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field
from datetime import date
from typing import Any

from gongkai.workdays.compute import WorkCalendar, add_working_days, working_days_between

REPLY_WORKING_DAYS = 20  # Art. 33 ¶2
MAX_EXTENSION_WORKING_DAYS = 20  # Art. 33 ¶2
CORRECTION_NOTICE_WORKING_DAYS = 7  # Art. 30
CONSULTATION_WORKING_DAYS = 15  # Arts. 32, 34
FEE_PAYMENT_WORKING_DAYS = 20  # 国办函〔2020〕109号 (as restated by provincial notices)

# Actions that (re)start the reply period from their date.
START_ACTIONS = frozenset({"register", "receive_correction", "transfer", "reopen"})
PAUSE_START_ACTIONS = frozenset({"open_consultation", "issue_fee_notice"})
PAUSE_END_ACTIONS = frozenset(
    {"answer_consultation", "consultation_timed_out", "record_payment", "waive_fee"}
)
CLOSING_ACTIONS = frozenset({"decide", "withdraw", "abandon_no_correction", "abandon_no_fee"})


@dataclass(frozen=True)
class ClockFact:
    """The part of an event the clock needs."""

    action: str
    on: date
    data: Mapping[str, Any] = field(default_factory=dict)


@dataclass(frozen=True)
class Step:
    zh: str
    en: str


@dataclass
class Deadline:
    """Where the clock stands after the given facts."""

    due_on: date | None = None  # None while the clock is stopped or before a start
    start_on: date | None = None
    base_due_on: date | None = None  # start + 20 WD + excluded, before any extension
    extension_days: int = 0
    excluded_days: int = 0
    later_due_on: date | None = None  # Art. 35: a later reply date set and told to the applicant
    paused_since: date | None = None
    pause_kind: str = ""
    pause_due_on: date | None = None  # consultation reply due, or fee payment due
    awaiting_correction: bool = False
    correction_due_on: date | None = None  # the period given to the applicant
    correction_notice_due_on: date | None = None  # Art. 30: notify within 7 WD
    remaining_days: int | None = None  # while paused: working days left on the clock
    closed_on: date | None = None
    steps: list[Step] = field(default_factory=list)

    def add(self, zh: str, en: str) -> None:
        self.steps.append(Step(zh, en))


def compute_deadline(
    facts: Sequence[ClockFact], calendar: WorkCalendar, *, reply_days: int = REPLY_WORKING_DAYS
) -> Deadline:
    """Replay `facts` (in order) against `calendar`. Raises CalendarMissingError when a count
    runs into a year whose holiday arrangement is not loaded."""
    d = Deadline()
    for fact in facts:
        _apply(d, fact, calendar, reply_days)
    if d.start_on is not None and d.closed_on is None:
        total = reply_days + d.extension_days + d.excluded_days
        if d.paused_since is None and not d.awaiting_correction:
            d.due_on = add_working_days(d.start_on, total, calendar)
            if d.later_due_on is not None and d.later_due_on > d.due_on:
                d.due_on = d.later_due_on
                d.add(
                    f"答复期限：依第三十五条另行确定为 {d.due_on:%Y-%m-%d}。",
                    f"Due: the later date set under Art. 35, {d.due_on}.",
                )
                return d
            d.add(
                f"答复期限：{d.start_on:%Y-%m-%d} 起第 {total} 个工作日，即 {d.due_on:%Y-%m-%d}"
                f"（{reply_days} 个工作日"
                + (f" + 延长 {d.extension_days} 个工作日" if d.extension_days else "")
                + (f" + 不计入期限的 {d.excluded_days} 个工作日" if d.excluded_days else "")
                + "）。",
                f"Due: working day {total} after {d.start_on}, i.e. {d.due_on}.",
            )
        elif d.paused_since is not None:
            used = working_days_between(d.start_on, d.paused_since, calendar) - d.excluded_days
            d.remaining_days = reply_days + d.extension_days - used
            d.add(
                f"期限中止：自 {d.paused_since:%Y-%m-%d} 起暂停计算，已用 {used} 个工作日，"
                f"恢复后尚余 {d.remaining_days} 个工作日。",
                f"Clock stopped since {d.paused_since}: {used} working days used, "
                f"{d.remaining_days} left when it resumes.",
            )
    return d


def _apply(d: Deadline, fact: ClockFact, cal: WorkCalendar, reply_days: int) -> None:
    a, on, data = fact.action, fact.on, fact.data
    if a in START_ACTIONS:
        _start(d, a, on, cal, reply_days)
    elif a == "request_correction":
        d.awaiting_correction = True
        due = data.get("correction_due_on")
        d.correction_due_on = date.fromisoformat(due) if isinstance(due, str) else due
        late = d.correction_notice_due_on is not None and on > d.correction_notice_due_on
        d.add(
            f"{on:%Y-%m-%d} 发出补正告知（第三十条）"
            + ("，已超过 7 个工作日的告知期限" if late else "")
            + (f"；补正期限至 {d.correction_due_on:%Y-%m-%d}" if d.correction_due_on else "")
            + "。答复期限待收到补正后重新起算。",
            f"{on}: correction requested (Art. 30)"
            + (", later than the 7-working-day limit" if late else "")
            + "; the reply period restarts when the corrected application arrives.",
        )
    elif a in PAUSE_START_ACTIONS:
        d.paused_since = on
        d.pause_kind = a
        if a == "open_consultation":
            d.pause_due_on = add_working_days(on, CONSULTATION_WORKING_DAYS, cal)
            d.add(
                f"{on:%Y-%m-%d} 发出征求意见函（第三十二条、第三十四条），征求意见期间不计入答复期限"
                f"（第三十三条第三款）；意见答复期限 {d.pause_due_on:%Y-%m-%d}（15 个工作日）。",
                f"{on}: consultation opened (Arts. 32, 34); its time does not count (Art. 33 ¶3);"
                f" reply due {d.pause_due_on}.",
            )
        else:
            received = data.get("notice_received_on") or on
            received = date.fromisoformat(received) if isinstance(received, str) else received
            d.pause_due_on = add_working_days(received, FEE_PAYMENT_WORKING_DAYS, cal)
            d.add(
                f"{on:%Y-%m-%d} 发出收费通知（国办函〔2020〕109号），申请人应于 "
                f"{d.pause_due_on:%Y-%m-%d} 前缴费（收到通知次日起 20 个工作日）；"
                "通知至缴费期间不计入答复期限。",
                f"{on}: fee notice issued; payment due {d.pause_due_on}; the time until payment"
                " does not count.",
            )
    elif a in PAUSE_END_ACTIONS and d.paused_since is not None:
        excluded = working_days_between(d.paused_since, on, cal)
        d.excluded_days += excluded
        d.add(
            f"{on:%Y-%m-%d} {_PAUSE_END_ZH[a]}，期限恢复计算；扣除 {d.paused_since:%Y-%m-%d}（不含）"
            f"至 {on:%Y-%m-%d}（含）之间的 {excluded} 个工作日。",
            f"{on}: {a.replace('_', ' ')}; clock resumes; {excluded} working days excluded.",
        )
        d.paused_since = None
        d.pause_kind = ""
        d.pause_due_on = None
    elif a == "approve_extension":
        days = int(data.get("days", MAX_EXTENSION_WORKING_DAYS))
        d.extension_days += days
        d.add(
            f"{on:%Y-%m-%d} 经政府信息公开工作机构负责人同意延长答复期限 {days} 个工作日"
            "（第三十三条第二款），并告知申请人。",
            f"{on}: extension of {days} working days approved (Art. 33 ¶2).",
        )
    elif a == "set_later_date":
        later = data.get("reply_on")
        d.later_due_on = date.fromisoformat(later) if isinstance(later, str) else later
        d.add(
            f"{on:%Y-%m-%d} 因申请数量、频次明显超过合理范围，依第三十五条确定延迟答复的合理期限"
            f"至 {d.later_due_on:%Y-%m-%d}，并告知申请人。",
            f"{on}: later reply date {d.later_due_on} set under Art. 35.",
        )
    elif a in CLOSING_ACTIONS:
        d.closed_on = on
        d.paused_since = None
        d.awaiting_correction = False
        d.add(f"{on:%Y-%m-%d} 办结。", f"{on}: closed.")
    if d.start_on is not None and d.paused_since is None and not d.awaiting_correction:
        d.base_due_on = add_working_days(d.start_on, reply_days + d.excluded_days, cal)


_PAUSE_END_ZH = {
    "answer_consultation": "收到征求意见答复",
    "consultation_timed_out": "征求意见期限届满未获答复",
    "record_payment": "申请人缴纳信息处理费",
    "waive_fee": "决定减免信息处理费",
}


def _start(d: Deadline, action: str, on: date, cal: WorkCalendar, reply_days: int) -> None:
    d.start_on = on
    d.later_due_on = None
    d.extension_days = 0
    d.excluded_days = 0
    d.paused_since = None
    d.awaiting_correction = False
    d.closed_on = None
    if action == "register":
        d.correction_notice_due_on = add_working_days(on, CORRECTION_NOTICE_WORKING_DAYS, cal)
        d.add(
            f"收到申请之日为 {on:%Y-%m-%d}（第三十一条），答复期限为 {reply_days} 个工作日"
            f"（第三十三条第二款）；如需补正，应于 {d.correction_notice_due_on:%Y-%m-%d} 前"
            "一次性告知（第三十条，7 个工作日）。",
            f"Received {on} (Art. 31); reply within {reply_days} working days (Art. 33); a"
            f" correction notice is due by {d.correction_notice_due_on} (Art. 30).",
        )
    elif action == "receive_correction":
        d.add(
            f"{on:%Y-%m-%d} 收到补正后的申请，答复期限自该日重新起算（第三十条）。",
            f"{on}: corrected application received; the reply period restarts (Art. 30).",
        )
    elif action == "transfer":
        d.correction_notice_due_on = add_working_days(on, CORRECTION_NOTICE_WORKING_DAYS, cal)
        d.add(
            f"{on:%Y-%m-%d} 转至本机关办理，答复期限自本机关收到之日起算。",
            f"{on}: transferred to this organ; the period runs from its receipt.",
        )
    else:
        d.add(
            f"{on:%Y-%m-%d} 重新办理（如复议决定、判决责令重新答复），答复期限自该日重新起算。",
            f"{on}: reopened; a new reply period runs from this day.",
        )


def receipt_date(channel: str, *, arrived_on: date, confirmed_on: date | None) -> tuple[date, str]:
    """The date of receipt under Art. 31 for a channel, and why.

    - in person (and oral applications written down by the office): the day handed in;
    - post requiring signature: the day the organ signs for it (`arrived_on`);
    - ordinary letter: the day the office confirms with the applicant (`confirmed_on`);
    - online platform, fax, e-mail: the day both sides confirm receipt (`confirmed_on`).
    Raises ValueError when the channel needs a confirmation date and none is given.
    """
    if channel in {"in_person", "oral"}:
        return arrived_on, "当面提交的，以提交之日为收到申请之日（第三十一条第一项）"
    if channel == "registered_post":
        return arrived_on, "以邮寄方式提交的，以行政机关签收之日为收到申请之日（第三十一条第二项）"
    if confirmed_on is None:
        raise ValueError(channel)
    if confirmed_on < arrived_on:
        raise ValueError("confirmed_before_arrival")
    if channel == "ordinary_post":
        return confirmed_on, (
            "以平常信函等无需签收的邮寄方式提交的，以政府信息公开工作机构与申请人确认之日为收到"
            "申请之日（第三十一条第二项）"
        )
    return confirmed_on, (
        "通过互联网渠道或者政府信息公开工作机构的传真提交的，以双方确认之日为收到申请之日"
        "（第三十一条第三项）"
    )
