"""`gongkai report …` and `gongkai audit …`: pure-Python command lines (no database needed).

Each subcommand is a module exposing `HELP: str`, `add_arguments(parser)` and
`run(args, out, err) -> int` (the exit status). `build` lives with the records it reads
(gongkai.reporting) and needs Django; the others run without it.
"""

from __future__ import annotations

import argparse
import importlib
import sys
from typing import TextIO

REPORT_SUBCOMMANDS: dict[str, str] = {
    "template": "gongkai.annual_report.commands.template",
    "check": "gongkai.annual_report.commands.check",
    "render": "gongkai.annual_report.commands.render",
    "build": "gongkai.reporting.commands.build",
}
NEEDS_DJANGO = {"build"}


def report_main(argv: list[str], out: TextIO | None = None, err: TextIO | None = None) -> int:
    out = out or sys.stdout
    err = err or sys.stderr
    parser = argparse.ArgumentParser(
        prog="gongkai report", description="年度报告：模板、校验、渲染、生成 / annual reports"
    )
    sub = parser.add_subparsers(dest="subcommand", metavar="{" + ",".join(REPORT_SUBCOMMANDS) + "}")
    modules = {}
    for name, dotted in REPORT_SUBCOMMANDS.items():
        try:
            module = importlib.import_module(dotted)
        except ModuleNotFoundError as exc:
            if exc.name and dotted.startswith(exc.name):
                continue  # not built yet in this checkout
            raise
        modules[name] = module
        module.add_arguments(sub.add_parser(name, help=module.HELP, description=module.HELP))
    try:
        args = parser.parse_args(argv)
    except SystemExit as exc:
        return int(exc.code or 0)
    if args.subcommand is None:
        parser.print_help(out)
        return 2
    return int(modules[args.subcommand].run(args, out, err))


def audit_main(argv: list[str], out: TextIO | None = None, err: TextIO | None = None) -> int:
    module = importlib.import_module("gongkai.annual_report.commands.audit")
    out = out or sys.stdout
    err = err or sys.stderr
    parser = argparse.ArgumentParser(prog="gongkai audit", description=module.HELP)
    module.add_arguments(parser)
    try:
        args = parser.parse_args(argv)
    except SystemExit as exc:
        return int(exc.code or 0)
    return int(module.run(args, out, err))
