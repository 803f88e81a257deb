"""Account security records: the append-only authentication audit log and TOTP devices."""

from __future__ import annotations

from django.conf import settings
from django.db import models
from django.utils import timezone

from gongkai.core.models import AppendOnlyModel


class AuthEventKind(models.TextChoices):
    LOGIN = "login", "登录成功"
    LOGOUT = "logout", "退出登录"
    FAILURE = "failure", "登录失败（密码错误）"
    LOCKOUT_ACCOUNT = "lockout_account", "账号锁定"
    LOCKOUT_ADDRESS = "lockout_address", "地址锁定"
    LOCKED_REFUSED = "locked_refused", "锁定期间拒绝登录"
    TWO_FACTOR_ENROL = "2fa_enrol", "启用两步验证"
    TWO_FACTOR_VERIFY = "2fa_verify", "两步验证通过"
    TWO_FACTOR_FAIL = "2fa_fail", "两步验证失败"
    TWO_FACTOR_RECOVERY = "2fa_recovery", "使用恢复码"
    TWO_FACTOR_RESET = "2fa_reset", "重置两步验证"
    PASSWORD_CHANGE = "password_change", "修改密码"


# Kinds that count toward a lockout: a wrong password and a wrong second factor alike, so a
# stolen password cannot be followed by guessing six-digit codes.
FAILURE_KINDS = (AuthEventKind.FAILURE, AuthEventKind.TWO_FACTOR_FAIL)


class AuthEvent(AppendOnlyModel):
    """One authentication event. Append-only: rows are written once and never changed; the
    lockout state is derived from them (gongkai.orgs.accounts.lockout)."""

    log_name_zh = "登录审计记录"

    at = models.DateTimeField("时间", default=timezone.now)
    kind = models.CharField("事件", max_length=20, choices=AuthEventKind.choices)
    username = models.CharField("用户名（所填）", max_length=150, blank=True)
    user = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name="账号",
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="auth_events",
    )
    ip = models.GenericIPAddressField("IP 地址", null=True, blank=True)
    user_agent = models.CharField("浏览器", max_length=300, blank=True)
    detail = models.CharField("说明", max_length=300, blank=True)

    class Meta:
        verbose_name = "登录审计记录"
        verbose_name_plural = "登录审计记录"
        ordering = ("-at", "-id")
        indexes = [
            # The lockout checks: recent events for one username, and for one address.
            models.Index(fields=["username", "at"], name="authevent_username_at"),
            models.Index(fields=["ip", "at"], name="authevent_ip_at"),
        ]

    def __str__(self) -> str:
        return f"{self.at:%Y-%m-%d %H:%M:%S} {self.get_kind_display()} {self.username}"


class TwoFactorDevice(models.Model):
    """A TOTP authenticator (RFC 6238) bound to one account. Unconfirmed until the person
    enters a code from it; only a confirmed device is asked for at login."""

    user = models.OneToOneField(
        settings.AUTH_USER_MODEL,
        verbose_name="账号",
        on_delete=models.CASCADE,
        related_name="totp_device",
    )
    secret = models.CharField("密钥", max_length=64)
    confirmed_at = models.DateTimeField("启用时间", null=True, blank=True)
    # The last accepted time step: a code is accepted once (RFC 6238 §5.2), so a code seen
    # over someone's shoulder cannot be replayed within its 30-second window.
    last_counter = models.BigIntegerField("最近使用的时间步", null=True, blank=True)
    created_at = models.DateTimeField("创建时间", auto_now_add=True)

    class Meta:
        verbose_name = "两步验证设备"
        verbose_name_plural = "两步验证设备"

    def __str__(self) -> str:
        state = "已启用" if self.confirmed_at else "未确认"
        return f"{self.user} · {state}"

    @property
    def is_confirmed(self) -> bool:
        return self.confirmed_at is not None


class RecoveryCode(models.Model):
    """A one-time recovery code, stored only as a salted hash."""

    user = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="recovery_codes"
    )
    code_hash = models.CharField(max_length=128)
    used_at = models.DateTimeField("使用时间", null=True, blank=True)
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        verbose_name = "恢复码"
        verbose_name_plural = "恢复码"

    def __str__(self) -> str:
        return f"{self.user} · {'已使用' if self.used_at else '未使用'}"
