"""`gongkai demo`: a fresh SQLite database with the demo county loaded, then the site."""

from __future__ import annotations

from typing import Any

from django.conf import settings
from django.core.management import call_command
from django.core.management.base import BaseCommand, CommandError, CommandParser
from django.db import connection


class Command(BaseCommand):
    help = "载入演示数据并启动网站。 / Load the demo data set and start the site."

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("--load-only", action="store_true", help="只载入数据，不启动网站")
        parser.add_argument("--host", default=None)
        parser.add_argument("--port", type=int, default=8000)

    def handle(self, *args: Any, **options: Any) -> None:
        from django.contrib.auth import get_user_model

        from gongkai.core.demo import load_demo

        if connection.vendor == "sqlite":
            # A fresh database every time: the demo is a known state, not a place to keep work.
            db_path = settings.DATABASES["default"]["NAME"]
            connection.close()
            for suffix in ("", "-wal", "-shm"):
                path = f"{db_path}{suffix}"
                import os

                if os.path.exists(path):
                    os.remove(path)
        call_command("migrate", interactive=False, verbosity=0)
        if get_user_model().objects.exists():
            raise CommandError(
                "数据库中已有数据，演示数据只能载入空数据库。 / The database is not empty; "
                "the demo loads into an empty database only."
            )
        result = load_demo()
        self.stdout.write(self.style.SUCCESS("演示数据已载入 / demo data loaded"))
        for line in result.summary:
            self.stdout.write(f"  {line}")
        self.stdout.write("演示账号 / demo accounts:")
        for account in result.accounts:
            self.stdout.write(f"  {account.username:<16} {account.password:<18} {account.role}")
        if options["load_only"]:
            return
        serve_args = ["--port", str(options["port"])]
        if options["host"]:
            serve_args += ["--host", options["host"]]
        call_command("serve", *serve_args)
