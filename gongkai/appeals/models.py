"""Administrative reconsideration (行政复议) and litigation (行政诉讼) arising from disclosure
decisions — the records behind table 四 of the annual report.

Facts are stored (filed, decided, result); whether a case was still pending at a year end is
derived (gongkai.appeals.selectors), never stored.
"""

from __future__ import annotations

from django.conf import settings
from django.db import models

from gongkai.core.models import AppendOnlyModel


class AppealKind(models.TextChoices):
    """The three groups of table 四 (annual-report-format.md §6)."""

    RECONSIDERATION = "reconsideration", "行政复议"
    LITIGATION_DIRECT = "litigation_direct", "行政诉讼（未经复议直接起诉）"
    LITIGATION_AFTER_RECONSIDERATION = (
        "litigation_after_reconsideration",
        "行政诉讼（复议后起诉）",
    )


class AppealResult(models.TextChoices):
    """The result columns of table 四. 尚未审结 is not stored: a case without a result (or
    decided after the report's year end) is pending."""

    UPHELD = "upheld", "结果维持"
    CORRECTED = "corrected", "结果纠正"
    # 驳回起诉/复议申请、申请人撤回、终止审理、确认违法但不撤销等。
    OTHER = "other", "其他结果"


class AppealStatus(models.TextChoices):
    PENDING = "pending", "尚未审结"
    CONCLUDED = "concluded", "已审结"


class Appeal(models.Model):
    """One reconsideration or one lawsuit.

    `organ` is the body whose disclosure decision is challenged (the original acting body,
    被申请人/被告). Only it counts the case in table 四. `codefendant_organ` records the
    reconsideration organ where it is co-defendant in a suit after reconsideration
    (行政诉讼法第二十六条第二款, upheld decision): by the counting rule of both format texts
    (report-rules.md §3) it does NOT count the case, so it is stored but never counted.
    """

    kind = models.CharField("类别", max_length=40, choices=AppealKind.choices)
    organ = models.ForeignKey(
        "orgs.Organ", verbose_name="被申请人/被告（原行政行为机关）", on_delete=models.PROTECT,
        related_name="appeals",
    )  # fmt: skip
    codefendant_organ = models.ForeignKey(
        "orgs.Organ", verbose_name="作为复议机关的共同被告", null=True, blank=True,
        on_delete=models.PROTECT, related_name="appeals_as_codefendant",
        help_text="复议机关作共同被告的案件，只由原行政行为机关统计，复议机关不统计。",
    )  # fmt: skip
    # The application the challenged decision answered; null for cases whose application is
    # not in gongkai (then `application_ref` may hold its number from the old records).
    application = models.ForeignKey(
        "applications.Application", verbose_name="关联申请", null=True, blank=True,
        on_delete=models.PROTECT, related_name="appeals",
    )  # fmt: skip
    application_ref = models.CharField(
        "关联申请（系统外编号）", max_length=60, blank=True,
        help_text="申请不在本系统中时，可填原编号",
    )  # fmt: skip
    reconsideration = models.ForeignKey(
        "self", verbose_name="前置行政复议", null=True, blank=True, on_delete=models.PROTECT,
        related_name="lawsuits",
    )  # fmt: skip
    case_number = models.CharField("案号/文号", max_length=100, blank=True)
    claimant = models.CharField("申请人/原告", max_length=200)
    forum = models.CharField("复议机关/受理法院", max_length=200)
    subject = models.CharField("争议事项", max_length=500)
    filed_on = models.DateField("申请/立案日期")
    decided_on = models.DateField("审结日期", null=True, blank=True)
    result = models.CharField("审理结果", max_length=20, choices=AppealResult.choices, blank=True)
    result_note = models.CharField("结果说明", max_length=500, blank=True)
    status = models.CharField(
        "状态", max_length=20, choices=AppealStatus.choices, default=AppealStatus.PENDING
    )
    lock_version = models.PositiveIntegerField(default=0)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+"
    )
    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        verbose_name = "行政复议/诉讼案件"
        verbose_name_plural = "行政复议/诉讼案件"
        ordering = ("-filed_on", "-id")
        indexes = [
            # table4_cells: by organ and the counting year.
            models.Index(fields=["organ", "filed_on"], name="appeal_organ_filed"),
            models.Index(fields=["organ", "decided_on"], name="appeal_organ_decided"),
        ]
        constraints = [
            models.CheckConstraint(
                condition=(models.Q(result="") & models.Q(decided_on__isnull=True))
                | (~models.Q(result="") & models.Q(decided_on__isnull=False)),
                name="appeal_result_needs_date",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.get_kind_display()} {self.case_number or self.pk}"

    @property
    def is_litigation(self) -> bool:
        return self.kind != AppealKind.RECONSIDERATION


class AppealEvent(AppendOnlyModel):
    """Append-only log of every change to an appeal, written in the same transaction."""

    log_name_zh = "复议诉讼案件记录"

    appeal = models.ForeignKey(Appeal, on_delete=models.CASCADE, related_name="events")
    action = models.CharField("动作", max_length=30)
    actor = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+")
    at = models.DateTimeField(auto_now_add=True)
    old = models.JSONField(default=dict)
    new = models.JSONField(default=dict)
    comment = models.CharField(max_length=500, blank=True)

    class Meta:
        ordering = ("at", "id")
        verbose_name = "复议诉讼案件记录"
        verbose_name_plural = "复议诉讼案件记录"

    def __str__(self) -> str:
        return f"{self.appeal_id} {self.action} {self.at:%Y-%m-%d %H:%M}"
