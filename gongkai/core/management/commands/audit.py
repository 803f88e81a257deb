"""`gongkai audit …`: see gongkai.annual_report.commands (runs without a database)."""

from __future__ import annotations

import argparse
import sys
from typing import Any

from django.core.management.base import BaseCommand, CommandParser


class Command(BaseCommand):
    help = "年度报告命令，详见 gongkai audit --help / annual-report command"

    def create_parser(self, prog_name: str, subcommand: str, **kwargs: Any) -> CommandParser:
        parser = super().create_parser(prog_name, subcommand, **kwargs)
        parser.add_argument("argv", nargs=argparse.REMAINDER)
        return parser

    def handle(self, *args: Any, **options: Any) -> None:
        from gongkai.annual_report.commands import audit_main

        code = audit_main(list(options["argv"]))
        if code:
            sys.exit(code)
