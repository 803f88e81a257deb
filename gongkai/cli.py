"""The `gongkai` console script: every Django management command under one name.

`gongkai report check x.json` and `gongkai audit x.pdf` run without a database; the
commands that need one migrate nothing implicitly (use `gongkai migrate`), except `demo`.
"""

from __future__ import annotations

import os
import sys


def main(argv: list[str] | None = None) -> int:
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "gongkai.settings")
    from django.core.management import execute_from_command_line

    args = list(sys.argv[1:] if argv is None else argv)
    # The annual-report commands need no database: run them without setting Django up, so
    # `gongkai audit` starts fast and works anywhere. `report build` reads records: Django.
    if args[:1] == ["audit"] or (args[:1] == ["report"] and args[1:2] != ["build"]):
        from gongkai.annual_report import commands

        main_fn = commands.audit_main if args[0] == "audit" else commands.report_main
        return main_fn(args[1:])
    try:
        execute_from_command_line(["gongkai", *args])
    except SystemExit as exc:
        code = exc.code
        return code if isinstance(code, int) else (0 if code is None else 1)
    return 0


if __name__ == "__main__":
    sys.exit(main())
