"""Organs (行政机关), their hierarchy, and who works for which organ in which role."""

from __future__ import annotations

from django.conf import settings
from django.db import models

from gongkai.orgs.validators import validate_credit_code


class OrganKind(models.TextChoices):
    PEOPLES_GOVERNMENT = "peoples_government", "人民政府"
    DEPARTMENT = "department", "政府部门"
    TOWNSHIP = "township", "乡镇人民政府"
    STREET_OFFICE = "street_office", "街道办事处"
    DISPATCHED_BODY = "dispatched_body", "派出机构或内设机构（以自己名义履职）"
    OTHER = "other", "其他"


class Organ(models.Model):
    """An administrative body that discloses information in its own name (Art. 10).

    `outside_system` marks a unit whose figures are not filed through gongkai (the seed's
    县生态环境分局 and 县法院, "未纳入年报填报系统"): its figures are entered by hand and the
    consolidated report names it in section 六.
    """

    name = models.CharField("名称", max_length=200, unique=True)
    short_name = models.CharField("简称", max_length=60, blank=True)
    credit_code = models.CharField(
        "统一社会信用代码",
        max_length=18,
        blank=True,
        help_text="18 位，含校验位（GB 32100-2015）",
        validators=[validate_credit_code],
    )
    kind = models.CharField("类型", max_length=32, choices=OrganKind.choices)
    parent = models.ForeignKey(
        "self", verbose_name="上级机关", null=True, blank=True, on_delete=models.PROTECT,
        related_name="children",
    )  # fmt: skip
    # Prefix of the 索引号 of items this organ publishes; defaults to the credit code.
    index_code = models.CharField("索引号前缀", max_length=40, blank=True)
    outside_system = models.BooleanField("未纳入年报填报系统", default=False)
    outside_note = models.CharField("说明", max_length=300, blank=True)
    sort_order = models.PositiveIntegerField("排序", default=0)
    is_active = models.BooleanField("启用", default=True)

    class Meta:
        verbose_name = "行政机关"
        verbose_name_plural = "行政机关"
        ordering = ("sort_order", "id")
        constraints = [
            models.UniqueConstraint(
                fields=["credit_code"],
                condition=~models.Q(credit_code=""),
                name="organ_credit_code_unique",
            )
        ]

    def __str__(self) -> str:
        return self.name

    @property
    def display_name(self) -> str:
        return self.short_name or self.name


class Role(models.TextChoices):
    OFFICE_ADMIN = "office_admin", "公开办管理员"
    HANDLER = "handler", "承办人"
    APPROVER = "approver", "审核人（负责人）"
    PREPARER = "preparer", "统计员"
    SYSADMIN = "sysadmin", "系统管理员"


class Membership(models.Model):
    """One role a person holds in one organ. A person may hold several, in several organs.

    The disclosure-office administrator acts on the organ's whole subtree; every other role
    acts on its own organ only (gongkai.orgs.permissions).
    """

    user = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name="人员",
        on_delete=models.CASCADE,
        related_name="memberships",
    )
    organ = models.ForeignKey(
        Organ, verbose_name="机关", on_delete=models.CASCADE, related_name="memberships"
    )
    role = models.CharField("角色", max_length=20, choices=Role.choices)
    created_at = models.DateTimeField("授予时间", auto_now_add=True)

    class Meta:
        verbose_name = "岗位"
        verbose_name_plural = "岗位"
        constraints = [
            models.UniqueConstraint(fields=["user", "organ", "role"], name="membership_unique")
        ]

    def __str__(self) -> str:
        return f"{self.user} · {self.organ} · {self.get_role_display()}"


# The account models (audit log, two-factor devices) live in their own module; Django finds
# models through this one.
from gongkai.orgs.accounts.models import (  # noqa: E402
    AuthEvent,
    AuthEventKind,
    RecoveryCode,
    TwoFactorDevice,
)

__all__ = [
    "AuthEvent",
    "AuthEventKind",
    "Membership",
    "Organ",
    "OrganKind",
    "RecoveryCode",
    "Role",
    "TwoFactorDevice",
]
