"""Annual reports generated from records, their review workflow, versions and the figures of
organs outside the system.

A `Report` is one organ's report for one year: its own (`own`) or the consolidated report of
its whole subtree (`consolidated`, e.g. the county government's report for 全县). Its content
is an `AnnualReport` (gongkai.annual_report.model) kept as JSON; every saved change adds a
`ReportVersion`, every workflow step a `ReportEvent`. Both are append-only.
"""

from __future__ import annotations

from django.conf import settings
from django.db import models

from gongkai.core.models import AppendOnlyModel


class ReportScope(models.TextChoices):
    OWN = "own", "本机关"
    CONSOLIDATED = "consolidated", "汇总（含所属单位）"


class ReportStatus(models.TextChoices):
    DRAFT = "draft", "草稿"
    SUBMITTED = "submitted", "已提交审核"
    RETURNED = "returned", "已退回修改"
    APPROVED = "approved", "审核通过"
    PUBLISHED = "published", "已发布"


class Report(models.Model):
    organ = models.ForeignKey("orgs.Organ", verbose_name="机关", on_delete=models.PROTECT,
                              related_name="reports")  # fmt: skip
    year = models.PositiveSmallIntegerField("年度")
    scope = models.CharField("范围", max_length=20, choices=ReportScope.choices)
    format_version = models.CharField("格式版本", max_length=4)
    status = models.CharField(
        "状态", max_length=20, choices=ReportStatus.choices, default=ReportStatus.DRAFT
    )
    # AnnualReport.to_dict(): cells, sections, provenance, extras, title.
    content = models.JSONField("内容", default=dict)
    # Sections a person has edited by hand: recomputing keeps them, and regenerates the others.
    edited_sections = models.JSONField(default=list)
    # Findings of the last rules run, and the written explanation for each warning
    # ({finding_id: text}); see gongkai.reporting.checks.
    findings = models.JSONField(default=list)
    explanations = models.JSONField(default=dict)
    # Optimistic locking: every change compares and increments it (two tabs → a conflict).
    lock_version = models.PositiveIntegerField(default=0)
    version_number = models.PositiveIntegerField("当前版本", default=0)
    published_version = models.ForeignKey(
        "ReportVersion", null=True, blank=True, on_delete=models.PROTECT, related_name="+"
    )
    published_at = models.DateTimeField("发布时间", null=True, blank=True)
    created_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT,
                                   related_name="+")  # fmt: skip
    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        verbose_name = "年度报告"
        verbose_name_plural = "年度报告"
        ordering = ("-year", "organ__sort_order", "organ_id", "scope")
        constraints = [
            models.UniqueConstraint(fields=["organ", "year", "scope"], name="report_unique")
        ]

    def __str__(self) -> str:
        return self.title

    @property
    def title(self) -> str:
        return str(
            self.content.get("title") or f"{self.organ.name}{self.year}年政府信息公开工作年度报告"
        )


class ReportVersion(AppendOnlyModel):
    """A snapshot of the content after each saved change. Never updated."""

    log_name_zh = "年报版本"

    report = models.ForeignKey(Report, on_delete=models.CASCADE, related_name="versions")
    number = models.PositiveIntegerField("版本")
    content = models.JSONField()
    reason = models.CharField("说明", max_length=200)
    created_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT,
                                   related_name="+")  # fmt: skip
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ("report", "number")
        constraints = [
            models.UniqueConstraint(fields=["report", "number"], name="report_version_unique")
        ]

    def __str__(self) -> str:
        return f"{self.report_id} v{self.number}"


class ReportEvent(AppendOnlyModel):
    """Append-only log of every workflow step (who, what, when, from/to, comment)."""

    log_name_zh = "年报流转记录"

    report = models.ForeignKey(Report, on_delete=models.CASCADE, related_name="events")
    action = models.CharField("动作", max_length=30)
    from_status = models.CharField(max_length=20, blank=True)
    to_status = models.CharField(max_length=20, blank=True)
    version_number = models.PositiveIntegerField(default=0)
    actor = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+")
    comment = models.TextField("意见", blank=True)
    at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ("at", "id")

    def __str__(self) -> str:
        return f"{self.report_id} {self.action}"


class OutsideFigure(models.Model):
    """A figure of an organ outside the system (未纳入年报填报系统), entered by hand.

    Append-only: changing a figure supersedes the current row with a new one, so who entered
    which value when is never lost. Consolidated reports add current figures into their cells
    and name the organ in section 六.
    """

    organ = models.ForeignKey("orgs.Organ", verbose_name="单位", on_delete=models.PROTECT,
                              related_name="outside_figures")  # fmt: skip
    year = models.PositiveSmallIntegerField("年度")
    key = models.CharField("单元格", max_length=80)
    value = models.DecimalField("数值", max_digits=18, decimal_places=6)
    unit = models.CharField("单位", max_length=10)
    entered_value = models.CharField("填报原值", max_length=40)  # as typed, with its unit
    note = models.CharField("说明", max_length=300)
    entered_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT,
                                   related_name="+")  # fmt: skip
    entered_at = models.DateTimeField(auto_now_add=True)
    superseded_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        verbose_name = "系统外单位填报数"
        verbose_name_plural = "系统外单位填报数"
        ordering = ("organ_id", "year", "key", "id")
        constraints = [
            models.UniqueConstraint(
                fields=["organ", "year", "key"],
                condition=models.Q(superseded_at__isnull=True),
                name="outside_figure_current_unique",
            )
        ]

    def __str__(self) -> str:
        value = format(self.value.normalize(), "f")
        return f"{self.organ}（系统外单位）手工填报 {value}{self.unit}：{self.note}"

    def get_absolute_url(self) -> str:
        return f"/office/reports/outside/?year={self.year}"


class SubordinateStatus(models.TextChoices):
    ACCEPTED = "accepted", "已纳入汇总"
    HAS_ERRORS = "has_errors", "有错误，未纳入"
    EXCLUDED = "excluded", "未纳入"


class SubordinateReport(models.Model):
    """A subordinate body's report received as a file (report JSON, or a published document
    read by the importers) for a roll-up. Kept with its findings; one with errors is never
    merged."""

    target = models.ForeignKey(Report, on_delete=models.CASCADE, related_name="subordinates")
    organ_name = models.CharField("报送单位", max_length=200)
    source_name = models.CharField("文件", max_length=300)
    content = models.JSONField(default=dict)
    findings = models.JSONField(default=list)
    status = models.CharField(max_length=20, choices=SubordinateStatus.choices)
    imported_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT,
                                    related_name="+")  # fmt: skip
    imported_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ("target", "id")

    def __str__(self) -> str:
        return f"{self.organ_name} ({self.source_name})"
