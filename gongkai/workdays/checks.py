"""System check: from 1 November, warn when next year's calendar is not loaded.

The State Council publishes the next year's arrangement in the autumn (the 2025 notice on
12 November 2024, regulations.md §9); from November a 20-working-day deadline (Art. 33) can
already run into January, and every such computation would fail without the next year.
"""

from __future__ import annotations

from typing import Any

from django.core.checks import CheckMessage, Warning, register
from django.db import DatabaseError
from django.utils import timezone

WARN_FROM_MONTH = 11


@register("gongkai")
def check_next_year_loaded(app_configs: Any, **kwargs: Any) -> list[CheckMessage]:
    from gongkai.workdays.models import CalendarYear

    today = timezone.localdate()
    if today.month < WARN_FROM_MONTH:
        return []
    next_year = today.year + 1
    try:
        loaded = CalendarYear.objects.filter(year=next_year).exists()
    except DatabaseError:
        return []  # not migrated yet: `migrate` itself runs the checks
    if loaded:
        return []
    return [
        Warning(
            f"{next_year} 年的节假日安排尚未载入；11 月起的工作日期限可能跨入 {next_year} 年而无法计算。"
            f" / The {next_year} holiday calendar is not loaded.",
            hint=(
                f"国务院办公厅通知发布后运行 gongkai calendar import 通知.yaml，或 "
                f"gongkai calendar load --year {next_year}（若已安装的 chinese-calendar 已包含该年）。"
            ),
            id="gongkai.W101",
        )
    ]
