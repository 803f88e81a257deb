"""`gongkai report check FILE.json [--previous PREV.json] [--json]`.

Runs every rule of report-rules.md that one report (and, with --previous, the year before)
allows. Exit status: 0 = no error-level finding; 1 = at least one error-level finding;
2 = a file could not be used (missing, not JSON, bad keys or values), with one message per
problem in Chinese and English. Never a traceback.
"""

from __future__ import annotations

import argparse
import os
from typing import TextIO

from rich.console import Console
from rich.table import Table
from rich.text import Text

from gongkai.annual_report import rules
from gongkai.annual_report.findings import Finding, Severity
from gongkai.annual_report.model import AnnualReport, ReportFileError, dumps, read_file

HELP = "校验年度报告 JSON 文件 / check a report JSON file against the rules"

EXIT_OK, EXIT_ERRORS, EXIT_UNUSABLE = 0, 1, 2
CELLS_SHOWN = 8  # cell keys listed per finding in the table (--json lists them all)

SEVERITY_WORDS = {
    Severity.ERROR: ("错误", "error", "bold red"),
    Severity.WARNING: ("警告", "warning", "yellow"),
    Severity.INFO: ("提示", "info", "cyan"),
}


def add_arguments(parser: argparse.ArgumentParser) -> None:
    parser.add_argument("file", metavar="FILE.json", help="年度报告 JSON / the report JSON")
    parser.add_argument(
        "--previous",
        metavar="PREV.json",
        help="同一机关上一年度的报告，用于跨年度检查 / the same body's report for the year "
        "before, for the cross-year rules",
    )
    parser.add_argument(
        "--json",
        action="store_true",
        help="以 JSON 输出检查结果 / print the findings as JSON",
    )


def run(args: argparse.Namespace, out: TextIO, err: TextIO) -> int:
    report = _read(args.file, err)
    previous = _read(args.previous, err) if args.previous else None
    if report is None or (args.previous and previous is None):
        return EXIT_UNUSABLE
    if previous is not None and previous.organ.strip() != report.organ.strip():
        err.write(
            f"注意：上年报告的机关为“{previous.organ}”，本报告为“{report.organ}”；跨年度检查"
            f"假定二者是同一机关。 / Note: the previous report is by “{previous.organ}”, this "
            f"one by “{report.organ}”; the cross-year rules assume the same body.\n"
        )
    findings = rules.check(report, previous=previous)
    if args.json:
        out.write(dumps(_as_json(args.file, report, findings)))
        out.write("\n")
    else:
        _print_table(args.file, report, findings, out)
    return EXIT_ERRORS if rules.has_errors(findings) else EXIT_OK


def _read(path: str, err: TextIO) -> AnnualReport | None:
    try:
        return read_file(path)
    except ReportFileError as exc:
        count = len(exc.problems)
        err.write(f"无法使用 {path}（{count} 个问题） / cannot use {path} ({count} problem(s)):\n")
        for problem in exc.problems:
            err.write(f"  - {problem}\n")
        return None


def _counts(findings: list[Finding]) -> dict[str, int]:
    return {s.value: sum(1 for f in findings if f.severity is s) for s in Severity}


def _as_json(path: str, report: AnnualReport, findings: list[Finding]) -> dict[str, object]:
    return {
        "source": path,
        "organ": report.organ,
        "year": report.year,
        "format_version": report.format_version,
        "summary": _counts(findings),
        "findings": [f.to_json() for f in findings],
    }


def _print_table(path: str, report: AnnualReport, findings: list[Finding], out: TextIO) -> None:
    width = int(os.environ.get("COLUMNS", "0") or 0) or 120
    console = Console(file=out, width=width, highlight=False, soft_wrap=False)
    console.print(
        f"[bold]{report.organ} {report.year} 年度报告[/bold]（{report.format_version} 年格式）"
        f" — {path}"
    )
    counts = _counts(findings)
    summary = (
        f"错误 {counts['error']} · 警告 {counts['warning']} · 提示 {counts['info']}"
        f"  /  {counts['error']} error(s), {counts['warning']} warning(s), {counts['info']} info"
    )
    if not findings:
        console.print("未发现问题 / no findings")
        console.print(summary)
        return
    order = {Severity.ERROR: 0, Severity.WARNING: 1, Severity.INFO: 2}
    table = Table(show_lines=True, expand=True)
    table.add_column("级别\nseverity", no_wrap=True)
    table.add_column("规则 / rule", no_wrap=True)
    # CJK text has no spaces to break at: fold long runs instead of cutting them off
    table.add_column("说明 / message", ratio=1, overflow="fold")
    for f in sorted(findings, key=lambda f: order[f.severity]):
        zh, en, style = SEVERITY_WORDS[f.severity]
        text = Text()
        text.append(f.message + "\n")
        text.append(f.message_en)
        if f.cells:
            shown = ", ".join(f.cells[:CELLS_SHOWN])
            more = f" … (+{len(f.cells) - CELLS_SHOWN})" if len(f.cells) > CELLS_SHOWN else ""
            text.append(f"\n单元格 / cells: {shown}{more}", style="dim")
        table.add_row(Text(f"{zh}\n{en}", style=style), f.rule, text)
    console.print(table)
    console.print(summary)
