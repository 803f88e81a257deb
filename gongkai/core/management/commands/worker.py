"""`gongkai worker`: runs queued background tasks (django-tasks database backend)."""

from __future__ import annotations

from typing import Any

from django.core.management import call_command
from django.core.management.base import BaseCommand, CommandParser


class Command(BaseCommand):
    help = "运行后台任务。 / Run queued background tasks."

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument(
            "--batch", action="store_true", help="处理完队列即退出 / exit when idle"
        )

    def handle(self, *args: Any, **options: Any) -> None:
        call_command("db_worker", *(["--batch"] if options["batch"] else []))
