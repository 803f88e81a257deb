"""`gongkai orgs import FILE.csv` (and `gongkai orgs tree`): the organ tree.

Exit status: 0 imported; 1 refused (the messages name each line and column; nothing written).
"""

from __future__ import annotations

import sys
from pathlib import Path
from typing import Any

from django.core.management.base import BaseCommand, CommandParser

from gongkai.core.errors import DomainError


class Command(BaseCommand):
    # Scripts read stdout/stderr: no system-check chatter (the next-year warning is for
    # `serve`, `migrate` and `check`; `calendar status` shows coverage).
    requires_system_checks: list[str] = []
    help = "机关：从 CSV 导入机关树，或列出机关树。 / Organs: import a tree from CSV, or list it."

    def add_arguments(self, parser: CommandParser) -> None:
        sub = parser.add_subparsers(dest="action", required=True, metavar="命令")
        imp = sub.add_parser("import", help="从 CSV 导入机关树（格式见 docs/orgs.md）")
        imp.add_argument("file", type=Path)
        sub.add_parser("tree", help="按层级列出全部机关 / print the organ tree")

    def handle(self, *args: Any, **options: Any) -> None:
        if options["action"] == "tree":
            self._tree()
            return
        from gongkai.orgs.csv_import import organs_import_file

        try:
            created = organs_import_file(options["file"])
        except DomainError as error:
            self.stderr.write(error.message)
            if error.message_en:
                self.stderr.write(error.message_en)
            sys.exit(1)
        self.stdout.write(f"已导入 {len(created)} 个机关。 / Imported {len(created)} organs.")

    def _tree(self) -> None:
        from gongkai.orgs.selectors import organ_tree

        for row in organ_tree():
            organ = row.organ
            mark = "（未纳入年报填报系统）" if organ.outside_system else ""
            code = f" {organ.credit_code}" if organ.credit_code else ""
            self.stdout.write(f"{'  ' * row.depth}{organ.name}{code}{mark}")
