"""The statutory working-day calendar: which years are loaded, and each exception day."""

from __future__ import annotations

from django.conf import settings
from django.db import models

from gongkai.core.models import AppendOnlyModel


class CalendarYear(models.Model):
    """A year whose holiday arrangement is loaded. A date in a year without a row here is an
    error for every deadline computation (never a weekends-only guess)."""

    year = models.PositiveIntegerField("年度", unique=True)
    source = models.CharField(
        "来源", max_length=200, help_text="如 chinese-calendar 1.11 或国务院办公厅通知文号"
    )
    loaded_at = models.DateTimeField("载入时间", auto_now_add=True)
    updated_at = models.DateTimeField("修改时间", auto_now=True)

    class Meta:
        verbose_name = "日历年度"
        verbose_name_plural = "日历年度"
        ordering = ("year",)

    def __str__(self) -> str:
        return str(self.year)


class DayKind(models.TextChoices):
    HOLIDAY = "holiday", "法定节假日（休息）"
    MAKEUP_WORKDAY = "makeup_workday", "调休上班"


class CalendarDay(models.Model):
    """An exception to Monday–Friday: a holiday (a weekday off) or a make-up working day (a
    weekend day worked, 调休). Ordinary weekdays and weekends are not stored."""

    date = models.DateField("日期", unique=True)
    kind = models.CharField("类型", max_length=20, choices=DayKind.choices)
    name = models.CharField("名称", max_length=60, blank=True, help_text="如 春节、国庆节")
    calendar_year = models.ForeignKey(CalendarYear, on_delete=models.CASCADE, related_name="days")

    class Meta:
        verbose_name = "节假日与调休"
        verbose_name_plural = "节假日与调休"
        ordering = ("date",)

    def __str__(self) -> str:
        return f"{self.date} {self.get_kind_display()} {self.name}"


class CalendarChangeKind(models.TextChoices):
    LOAD = "load", "从 chinese-calendar 载入"
    IMPORT = "import", "导入放假通知"
    DAY_ADD = "day_add", "增加日期"
    DAY_CHANGE = "day_change", "修改日期"
    DAY_DELETE = "day_delete", "删除日期"


class CalendarChange(AppendOnlyModel):
    """Append-only record of every change to the calendar: who changed which year, how, and
    what. A deadline computed last month can be explained by the calendar as it stood then."""

    log_name_zh = "日历修改记录"

    at = models.DateTimeField("时间", auto_now_add=True)
    year = models.PositiveIntegerField("年度")
    kind = models.CharField("操作", max_length=20, choices=CalendarChangeKind.choices)
    detail = models.TextField("内容", blank=True)
    actor = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name="操作人",
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )

    class Meta:
        verbose_name = "日历修改记录"
        verbose_name_plural = "日历修改记录"
        ordering = ("-at", "-id")

    def __str__(self) -> str:
        return f"{self.year} {self.get_kind_display()}"
