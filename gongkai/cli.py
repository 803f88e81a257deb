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
    try:
        execute_from_command_line(["gongkai", *args])
    except SystemExit as exc:
        code = exc.code
        return code if isinstance(code, int) else (0 if code is None else 1)
    return 0


if __name__ == "__main__":
    sys.exit(main())
