"""Every write about sign-in: the audit log, the lockout, TOTP devices and recovery codes.

The login view calls `password_step` and then, for staff with two-factor authentication,
`second_factor_step`; each records what happened in AuthEvent in the same transaction.
"""

from __future__ import annotations

import hashlib
import hmac
import secrets
from dataclasses import dataclass

import pyotp
from django.contrib.auth import authenticate
from django.contrib.auth.models import AbstractBaseUser, AnonymousUser, User
from django.db import transaction
from django.http import HttpRequest
from django.utils import timezone

from gongkai.core.errors import DomainError, PermissionDeniedError
from gongkai.orgs.accounts import lockout
from gongkai.orgs.accounts.models import AuthEvent, AuthEventKind, RecoveryCode, TwoFactorDevice

ISSUER = "gongkai 政府信息公开"
RECOVERY_CODE_COUNT = 10
# Alphabet without look-alikes (0/O, 1/I/L): codes are read off paper.
_RECOVERY_ALPHABET = "ABCDEFGHJKMNPQRSTUVWXYZ23456789"


@dataclass(frozen=True)
class ClientInfo:
    ip: str | None
    user_agent: str

    @classmethod
    def of(cls, request: HttpRequest) -> ClientInfo:
        # REMOTE_ADDR only: behind a reverse proxy, configure the proxy (or waitress's
        # trusted_proxy) to set it, rather than trusting a header any client can send.
        ip = request.META.get("REMOTE_ADDR") or None
        return cls(ip=ip, user_agent=str(request.META.get("HTTP_USER_AGENT", ""))[:300])


def auth_event_record(*, kind: AuthEventKind, client: ClientInfo, username: str = "",
                      user: AbstractBaseUser | AnonymousUser | None = None,
                      detail: str = "") -> AuthEvent:  # fmt: skip
    """Append one row to the authentication audit log."""
    account = user if isinstance(user, User) else None
    name = username or (account.get_username() if account else "")
    return AuthEvent.objects.create(
        kind=kind,
        username=lockout.normalised_username(name),
        user=account,
        ip=client.ip,
        user_agent=client.user_agent,
        detail=detail[:300],
    )


class LockedError(DomainError):
    code = "locked"


class LoginFailedError(DomainError):
    code = "login_failed"


def _refuse_if_locked(*, username: str, client: ClientInfo) -> None:
    lock = lockout.active_lock(username=username, ip=client.ip)
    if lock is not None:
        auth_event_record(
            kind=AuthEventKind.LOCKED_REFUSED, client=client, username=username, detail=lock.scope
        )
        raise LockedError(lock.message(), lock.message_en())


def _record_failure(*, kind: AuthEventKind, username: str, client: ClientInfo,
                    user: User | None = None, detail: str = "") -> None:  # fmt: skip
    auth_event_record(kind=kind, client=client, username=username, user=user, detail=detail)
    for lock_kind in lockout.locks_after_failure(username=username, ip=client.ip):
        auth_event_record(kind=lock_kind, client=client, username=username, user=user)


def password_step(*, request: HttpRequest, username: str, password: str) -> User:
    """Check the password unless locked. Raises LockedError or LoginFailedError; returns the
    user when the password is right (the caller then asks for a second factor or logs in).

    Not one transaction on purpose: a failure must be recorded even though the step fails."""
    client = ClientInfo.of(request)
    _refuse_if_locked(username=username, client=client)
    user = authenticate(request, username=username, password=password)
    if not isinstance(user, User):
        _record_failure(kind=AuthEventKind.FAILURE, username=username, client=client)
        lock = lockout.active_lock(username=username, ip=client.ip)
        if lock is not None:
            raise LockedError(lock.message(), lock.message_en())
        raise LoginFailedError(
            "用户名或密码不正确。", "The username or password is not correct.", field="password"
        )
    return user


@transaction.atomic
def login_recorded(*, request: HttpRequest, user: User, detail: str = "") -> None:
    auth_event_record(kind=AuthEventKind.LOGIN, client=ClientInfo.of(request), user=user,
                      detail=detail)  # fmt: skip


@transaction.atomic
def logout_recorded(*, request: HttpRequest, user: User) -> None:
    auth_event_record(kind=AuthEventKind.LOGOUT, client=ClientInfo.of(request), user=user)


# --- TOTP (RFC 6238) ------------------------------------------------------------------------


def _totp(device: TwoFactorDevice) -> pyotp.TOTP:
    return pyotp.TOTP(device.secret)


def provisioning_uri(device: TwoFactorDevice) -> str:
    return _totp(device).provisioning_uri(name=device.user.get_username(), issuer_name=ISSUER)


def _matching_counter(device: TwoFactorDevice, code: str) -> int | None:
    """The time step `code` belongs to, allowing one step of clock drift either way."""
    code = "".join(code.split())
    if not code.isdigit() or len(code) != 6:
        return None
    totp = _totp(device)
    now = timezone.now()
    current = totp.timecode(now)
    for step in (current, current - 1, current + 1):
        if hmac.compare_digest(totp.generate_otp(step), code):
            return step
    return None


@transaction.atomic
def totp_begin_enrolment(*, user: User) -> TwoFactorDevice:
    """A fresh secret for an account without a confirmed device (kept across page reloads)."""
    device = TwoFactorDevice.objects.select_for_update().filter(user=user).first()
    if device is not None and device.is_confirmed:
        raise DomainError("两步验证已经启用。", "Two-factor authentication is already on.")
    if device is None:
        device = TwoFactorDevice.objects.create(user=user, secret=pyotp.random_base32())
    return device


def _hash_recovery(code: str, salt: str) -> str:
    # The codes are random (50 bits), so a salted SHA-256 suffices; no slow hash needed.
    digest = hashlib.sha256(f"{salt}:{code}".encode()).hexdigest()
    return f"sha256${salt}${digest}"


def _normalise_recovery(code: str) -> str:
    return "".join(ch for ch in code.upper() if ch.isalnum())


@transaction.atomic
def recovery_codes_regenerate(*, user: User) -> list[str]:
    """Replace the account's recovery codes; the plain codes are shown once and not kept."""
    RecoveryCode.objects.filter(user=user).delete()
    codes = []
    for _ in range(RECOVERY_CODE_COUNT):
        raw = "".join(secrets.choice(_RECOVERY_ALPHABET) for _ in range(10))
        codes.append(f"{raw[:5]}-{raw[5:]}")
        RecoveryCode.objects.create(user=user, code_hash=_hash_recovery(raw, secrets.token_hex(8)))
    return codes


def totp_confirm(*, request: HttpRequest, user: User, code: str) -> list[str]:
    """Confirm enrolment with a code from the authenticator; returns new recovery codes."""
    client = ClientInfo.of(request)
    _refuse_if_locked(username=user.get_username(), client=client)
    with transaction.atomic():
        device = TwoFactorDevice.objects.select_for_update().filter(user=user).first()
        if device is None or device.is_confirmed:
            raise DomainError(
                "没有待确认的两步验证设备。", "No device is waiting for confirmation."
            )
        step = _matching_counter(device, code)
        if step is not None:
            device.confirmed_at = timezone.now()
            device.last_counter = step
            device.save(update_fields=["confirmed_at", "last_counter"])
            auth_event_record(kind=AuthEventKind.TWO_FACTOR_ENROL, client=client, user=user)
            return recovery_codes_regenerate(user=user)
    # Recorded outside the transaction above so the failure is kept.
    _record_failure(kind=AuthEventKind.TWO_FACTOR_FAIL, username=user.get_username(),
                    client=client, user=user, detail="enrolment")  # fmt: skip
    raise LoginFailedError(
        "验证码不正确，请核对手机上的时间后输入当前显示的 6 位数字。",
        "The code is not correct.",
        field="code",
    )


def second_factor_step(*, request: HttpRequest, user: User, code: str) -> None:
    """Check a TOTP code or a recovery code for a user whose password was right. Raises
    LockedError or LoginFailedError; a failure is recorded even though the step fails."""
    client = ClientInfo.of(request)
    username = user.get_username()
    _refuse_if_locked(username=username, client=client)
    with transaction.atomic():
        device = TwoFactorDevice.objects.select_for_update().filter(user=user).first()
        if device is None or not device.is_confirmed:
            raise DomainError(
                "该账号尚未启用两步验证。", "Two-factor authentication is not set up."
            )
        step = _matching_counter(device, code)
        if step is not None and (device.last_counter is None or step > device.last_counter):
            device.last_counter = step
            device.save(update_fields=["last_counter"])
            auth_event_record(kind=AuthEventKind.TWO_FACTOR_VERIFY, client=client, user=user)
            return
        if step is None and _use_recovery_code(user=user, code=code):
            auth_event_record(kind=AuthEventKind.TWO_FACTOR_RECOVERY, client=client, user=user,
                              detail=f"剩余 {recovery_codes_left(user=user)} 个")  # fmt: skip
            return
    _record_failure(kind=AuthEventKind.TWO_FACTOR_FAIL, username=username, client=client,
                    user=user, detail="replayed" if step is not None else "")  # fmt: skip
    lock = lockout.active_lock(username=username, ip=client.ip)
    if lock is not None:
        raise LockedError(lock.message(), lock.message_en())
    raise LoginFailedError(
        "验证码不正确或已使用过，请输入验证器当前显示的 6 位数字，或一个未用过的恢复码。",
        "The code is not correct or was already used.",
        field="code",
    )


def _use_recovery_code(*, user: User, code: str) -> bool:
    wanted = _normalise_recovery(code)
    if len(wanted) != 10:
        return False
    for row in RecoveryCode.objects.select_for_update().filter(user=user, used_at__isnull=True):
        _, salt, _digest = row.code_hash.split("$", 2)
        if hmac.compare_digest(_hash_recovery(wanted, salt), row.code_hash):
            row.used_at = timezone.now()
            row.save(update_fields=["used_at"])
            return True
    return False


def recovery_codes_left(*, user: User) -> int:
    return RecoveryCode.objects.filter(user=user, used_at__isnull=True).count()


def has_confirmed_device(user: User) -> bool:
    return TwoFactorDevice.objects.filter(user=user, confirmed_at__isnull=False).exists()


@transaction.atomic
def two_factor_reset(*, actor: AbstractBaseUser | AnonymousUser | None, user: User,
                     request: HttpRequest | None = None) -> None:  # fmt: skip
    """Remove a person's device and recovery codes (a lost phone); a system administrator's
    act, recorded. The person enrols again at the next sign-in."""
    from gongkai.orgs.permissions import is_sysadmin

    if actor is not None and not is_sysadmin(actor):
        raise PermissionDeniedError(
            "只有系统管理员可以重置两步验证。", "Only system administrators reset 2FA."
        )
    TwoFactorDevice.objects.filter(user=user).delete()
    RecoveryCode.objects.filter(user=user).delete()
    client = ClientInfo.of(request) if request is not None else ClientInfo(None, "")
    by = actor.get_username() if isinstance(actor, User) else "命令行"
    auth_event_record(kind=AuthEventKind.TWO_FACTOR_RESET, client=client, user=user,
                      detail=f"由 {by} 重置")  # fmt: skip
