"""Login throttling, derived from the append-only AuthEvent log (nothing else is stored).

Two locks, each lasting GONGKAI_LOGIN_LOCKOUT_MINUTES:

1. Account lock: GONGKAI_LOGIN_MAX_FAILURES failures (wrong password or wrong second factor)
   for one username, counted since the later of (a) the start of the lockout window, (b) its
   last successful login and (c) the end of its last lock. The username is the one typed, so a
   name that does not exist locks the same way and the page reveals nothing about which
   accounts exist.
2. Address lock: GONGKAI_LOGIN_MAX_FAILURES_PER_ADDRESS failures from one IP address across
   any usernames in the window — someone trying many names from one machine. Set higher than
   the account limit, because a whole office may share one address behind NAT.

While locked, an attempt is refused without checking the password (so guessing makes no
progress) and recorded as LOCKED_REFUSED, which does not extend the lock.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime, timedelta

from django.conf import settings
from django.db.models import Max
from django.utils import timezone

from gongkai.orgs.accounts.models import FAILURE_KINDS, AuthEvent, AuthEventKind


def max_failures() -> int:
    return int(settings.GONGKAI_LOGIN_MAX_FAILURES)


def max_failures_per_address() -> int:
    return int(getattr(settings, "GONGKAI_LOGIN_MAX_FAILURES_PER_ADDRESS", 4 * max_failures()))


def lockout_window() -> timedelta:
    return timedelta(minutes=int(settings.GONGKAI_LOGIN_LOCKOUT_MINUTES))


@dataclass(frozen=True)
class Lock:
    scope: str  # "account" | "address"
    until: datetime

    @property
    def minutes_left(self) -> int:
        seconds = (self.until - timezone.now()).total_seconds()
        return max(1, int(-(-seconds // 60)))

    def message(self) -> str:
        local = timezone.localtime(self.until)
        what = "该账号" if self.scope == "account" else "您所在的网络地址"
        reason = (
            f"连续 {max_failures()} 次登录失败"
            if self.scope == "account"
            else f"短时间内登录失败超过 {max_failures_per_address()} 次"
        )
        return (
            f"{what}因{reason}已被暂时锁定，请于 {local:%H:%M} 之后（约 {self.minutes_left} 分钟后）"
            f"再试。如忘记密码，请联系本单位系统管理员。"
        )

    def message_en(self) -> str:
        return (
            f"Too many failed sign-ins: this {self.scope} is locked for about "
            f"{self.minutes_left} more minute(s)."
        )


def _normalise(username: str) -> str:
    return username.strip().lower()[:150]


def active_lock(*, username: str, ip: str | None) -> Lock | None:
    """The lock that applies to an attempt now, if any (account lock first)."""
    now = timezone.now()
    since = now - lockout_window()
    name = _normalise(username)
    if name:
        last = AuthEvent.objects.filter(
            kind=AuthEventKind.LOCKOUT_ACCOUNT, username=name, at__gt=since
        ).aggregate(at=Max("at"))["at"]
        if last is not None:
            return Lock("account", last + lockout_window())
    if ip:
        last = AuthEvent.objects.filter(
            kind=AuthEventKind.LOCKOUT_ADDRESS, ip=ip, at__gt=since
        ).aggregate(at=Max("at"))["at"]
        if last is not None:
            return Lock("address", last + lockout_window())
    return None


def _count_since(*, since: datetime, username: str | None = None, ip: str | None = None) -> int:
    events = AuthEvent.objects.filter(kind__in=FAILURE_KINDS, at__gt=since)
    if username is not None:
        events = events.filter(username=username)
    if ip is not None:
        events = events.filter(ip=ip)
    return events.count()


def _account_count_start(name: str) -> datetime:
    window_start = timezone.now() - lockout_window()
    reset = AuthEvent.objects.filter(
        username=name,
        kind__in=(AuthEventKind.LOGIN, AuthEventKind.LOCKOUT_ACCOUNT),
        at__gt=window_start,
    ).aggregate(at=Max("at"))["at"]
    return max(window_start, reset) if reset else window_start


def _address_count_start(ip: str) -> datetime:
    window_start = timezone.now() - lockout_window()
    reset = AuthEvent.objects.filter(
        ip=ip, kind=AuthEventKind.LOCKOUT_ADDRESS, at__gt=window_start
    ).aggregate(at=Max("at"))["at"]
    return max(window_start, reset) if reset else window_start


def locks_after_failure(*, username: str, ip: str | None) -> list[AuthEventKind]:
    """Which locks the failure just recorded has triggered (the caller records them)."""
    name = _normalise(username)
    triggered: list[AuthEventKind] = []
    if name and _count_since(since=_account_count_start(name), username=name) >= max_failures():
        triggered.append(AuthEventKind.LOCKOUT_ACCOUNT)
    if ip and _count_since(since=_address_count_start(ip), ip=ip) >= max_failures_per_address():
        triggered.append(AuthEventKind.LOCKOUT_ADDRESS)
    return triggered


def normalised_username(username: str) -> str:
    return _normalise(username)
