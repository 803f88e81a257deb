"""gongkai sweep — reminders and the daily digest (gongkai.applications.sweep)."""

from __future__ import annotations

from datetime import date
from typing import Any

from django.core.management.base import BaseCommand, CommandError, CommandParser
from django.utils import timezone

from gongkai.applications.sweep import sweep


class Command(BaseCommand):
    help = "提醒承办人即将到期、已超期的申请，并向公开办发送日报；可重复运行，不会重复发送。"

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("--today", help="按此日期计算（YYYY-MM-DD），默认今天")
        parser.add_argument("--dry-run", action="store_true", help="只列出将发送的提醒")

    def handle(self, *args: Any, **options: Any) -> None:
        try:
            today = (
                date.fromisoformat(options["today"]) if options["today"] else timezone.localdate()
            )
        except ValueError:
            raise CommandError(
                "--today 应为 YYYY-MM-DD 格式的日期。 / --today must be YYYY-MM-DD."
            ) from None
        result = sweep(today=today, dry_run=options["dry_run"])
        for line in result.sent:
            self.stdout.write(f"已发送 {line}")
        for line in result.no_address:
            self.stdout.write(f"未发送（无电子邮箱）{line}")
        self.stdout.write(
            f"共发送 {len(result.sent)} 封；此前已发送而跳过 {result.skipped} 封；"
            f"无邮箱 {len(result.no_address)} 人。"
        )
