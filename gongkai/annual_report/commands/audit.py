"""`gongkai audit PATH... [--json] [--csv FILE] [--html FILE] [--jobs N]`.

Reads published annual reports (files, or folders searched recursively), prints their data and
defects. Exit status 0 when it ran, whatever it found; 2 when a file could not be read at all
(the reason is printed and the rest of the batch goes on). Runs without Django or a database.
"""

from __future__ import annotations

import argparse
import csv
import json
import multiprocessing
import os
import signal
import sys
import time
from collections.abc import Iterator
from pathlib import Path
from typing import Any, TextIO

from gongkai.annual_report.model import dumps

HELP = "导入已发布的年度报告并找出缺陷 / import published annual reports and find their defects"
SUFFIXES = {".txt", ".text", ".htm", ".html", ".xhtml", ".shtml", ".docx", ".pdf"}
DEFAULT_TIMEOUT = 60.0
DEFAULT_MAX_MB = 50


def add_arguments(parser: argparse.ArgumentParser) -> None:
    parser.add_argument("paths", nargs="+", metavar="PATH", help="文件或文件夹 / files or folders")
    parser.add_argument(
        "--json", action="store_true", help="输出 JSON（多个文件时为数组）/ print JSON"
    )
    parser.add_argument(
        "--csv", metavar="FILE", help="把发现的问题写成 CSV / write the findings as CSV"
    )
    parser.add_argument(
        "--html", metavar="FILE", help="写出便于阅读的 HTML 报告 / write an HTML report"
    )
    parser.add_argument(
        "--jobs", type=int, default=1, metavar="N", help="并行进程数 / worker processes"
    )
    parser.add_argument("--timeout", type=float, default=DEFAULT_TIMEOUT, metavar="SECONDS",
                        help=f"每个文件的时限（缺省 {DEFAULT_TIMEOUT:.0f} 秒）/ time limit per file")  # fmt: skip
    parser.add_argument("--max-size", type=float, default=DEFAULT_MAX_MB, metavar="MB",
                        help=f"文件大小上限（缺省 {DEFAULT_MAX_MB} MB）/ size limit per file")  # fmt: skip
    parser.add_argument("--no-provenance", action="store_true",
                        help="JSON 中不输出每个单元格的来源 / omit per-cell provenance from the JSON")  # fmt: skip
    parser.add_argument("--quiet", action="store_true", help="不显示进度条 / no progress bar")


def collect(paths: list[str]) -> tuple[list[str], list[dict[str, Any]]]:
    """Files to audit (folders searched recursively, in name order) and paths that don't exist."""
    files: list[str] = []
    missing: list[dict[str, Any]] = []
    for raw in paths:
        p = Path(raw)
        if p.is_dir():
            for f in sorted(p.rglob("*")):
                if f.is_file() and f.suffix.lower() in SUFFIXES and not f.name.startswith("."):
                    files.append(str(f))
        elif p.exists():
            files.append(raw)
        else:
            missing.append(
                {"source": raw, "error": "文件不存在 / no such file or folder", "findings": []}
            )
    return files, missing


# --- running one file, with a time limit ------------------------------------------------------------


class _Timeout(Exception):
    pass


def _audit_one(path: str, max_bytes: int, provenance: bool) -> dict[str, Any]:
    from gongkai.annual_report.audit import audit_file

    try:
        result = audit_file(path, max_bytes=max_bytes)
        return result.to_json(provenance=provenance)
    except _Timeout:
        raise
    except Exception as exc:
        return {"source": path, "error": f"内部错误：{type(exc).__name__}: {exc} / internal error",
                "findings": []}  # fmt: skip


def _timeout_result(path: str, seconds: float) -> dict[str, Any]:
    return {"source": path, "error": f"处理超时（超过 {seconds:g} 秒）/ timed out after {seconds:g} s",
            "findings": []}  # fmt: skip


def _run_inline(
    files: list[str], max_bytes: int, timeout: float, provenance: bool
) -> Iterator[dict[str, Any]]:
    can_alarm = hasattr(signal, "setitimer") and _main_thread()

    def on_alarm(signum: int, frame: object) -> None:
        raise _Timeout

    previous = signal.signal(signal.SIGALRM, on_alarm) if can_alarm else None
    try:
        for path in files:
            if can_alarm:
                signal.setitimer(signal.ITIMER_REAL, timeout)
            try:
                yield _audit_one(path, max_bytes, provenance)
            except _Timeout:
                yield _timeout_result(path, timeout)
            finally:
                if can_alarm:
                    signal.setitimer(signal.ITIMER_REAL, 0)
    finally:
        if can_alarm and previous is not None:
            signal.signal(signal.SIGALRM, previous)


def _main_thread() -> bool:
    import threading

    return threading.current_thread() is threading.main_thread()


def _run_pool(
    files: list[str], jobs: int, max_bytes: int, timeout: float, provenance: bool
) -> Iterator[dict[str, Any]]:
    """Workers in a process pool; a file over its time limit is reported and the pool restarted
    (a stuck worker cannot be stopped alone), so the rest of the batch goes on."""
    ctx = multiprocessing.get_context("fork" if sys.platform != "win32" else "spawn")
    queue = list(files)
    while queue:
        pool = ctx.Pool(processes=jobs, maxtasksperchild=200)
        pending = [(p, pool.apply_async(_audit_one, (p, max_bytes, provenance))) for p in queue]
        queue = []
        broken = False
        for index, (path, res) in enumerate(pending):
            if broken:
                queue.append(path)
                continue
            started = time.monotonic()
            try:
                # each file gets its own limit, counted from when we start waiting for it
                yield res.get(timeout=max(timeout, 0.1))
            except multiprocessing.TimeoutError:
                yield _timeout_result(path, timeout)
                broken = True
                # files already finished are kept; the others go to a fresh pool
                for later_path, later in pending[index + 1 :]:
                    if later.ready():
                        try:
                            yield later.get(timeout=0)
                            continue
                        except Exception:
                            pass
                    queue.append(later_path)
                break
            except Exception as exc:
                yield {"source": path, "error": f"内部错误：{exc} / internal error", "findings": []}
            del started
        pool.terminate()
        pool.join()


# --- output ----------------------------------------------------------------------------------------


def run(args: argparse.Namespace, out: TextIO, err: TextIO) -> int:
    files, results = collect(args.paths)
    max_bytes = int(args.max_size * 1024 * 1024)
    provenance = not args.no_provenance
    total = len(files)
    show_progress = total > 1 and not args.quiet
    jobs = max(1, int(args.jobs or 1))
    source = (
        _run_pool(files, min(jobs, total), max_bytes, args.timeout, provenance)
        if jobs > 1 and total > 1
        else _run_inline(files, max_bytes, args.timeout, provenance)
    )
    if show_progress:
        from rich.console import Console
        from rich.progress import (
            BarColumn,
            MofNCompleteColumn,
            Progress,
            TextColumn,
            TimeElapsedColumn,
        )

        console = Console(file=err, stderr=True)
        with Progress(TextColumn("审核 / auditing"), BarColumn(), MofNCompleteColumn(), TimeElapsedColumn(),
                      console=console, transient=True) as progress:  # fmt: skip
            task = progress.add_task("audit", total=total)
            for result in source:
                results.append(result)
                progress.advance(task)
    else:
        results.extend(source)
    order: dict[str, int] = {}
    for p in args.paths + files:
        order.setdefault(p, len(order))
    results.sort(key=lambda r: order.get(r["source"], len(order)))
    if args.json:
        payload: Any = results[0] if len(results) == 1 else results
        out.write(dumps(payload, indent=2) + "\n")
    else:
        _print_text(results, out)
    if args.csv:
        write_csv(results, args.csv)
    if args.html:
        from gongkai.annual_report.audit_html import render_html

        Path(args.html).write_text(render_html(results), encoding="utf-8")
    _print_summary(results, err if args.json else out)
    for r in results:
        if r.get("error"):
            err.write(f"无法读取 / cannot read {r['source']}: {r['error']}\n")
    return 2 if any(r.get("error") for r in results) else 0


def _print_text(results: list[dict[str, Any]], out: TextIO) -> None:
    for r in results:
        if r.get("error"):
            continue
        q = r.get("quality") or {}
        out.write(f"\n== {r['source']}\n")
        out.write(f"   {r.get('organ') or '（机关未识别）'} {r.get('year') or '?'} 年度，格式 {r.get('format_version')}，"
                  f"质量分 {q.get('score', '?')}（{q.get('grade', '?')}）\n")  # fmt: skip
        for f in r["findings"]:
            cells = (
                f" [{', '.join(f['cells'][:4])}{' …' if len(f['cells']) > 4 else ''}]"
                if f["cells"]
                else ""
            )
            out.write(f"   {f['severity']:<7} {f['rule']:<22} {f['message']}{cells}\n")


def _print_summary(results: list[dict[str, Any]], stream: TextIO) -> None:
    from rich.console import Console
    from rich.table import Table

    table = Table(title="审核汇总 / audit summary", show_lines=False)
    for col in ("文件 / file", "机关 / organ", "年度", "格式", "错误", "警告", "提示", "质量分"):
        table.add_column(col)
    for r in results:
        name = os.path.basename(r["source"]) or r["source"]
        if r.get("error"):
            table.add_row(name, "[red]无法读取 / unreadable[/red]", "", "", "", "", "", "")
            continue
        counts = {"error": 0, "warning": 0, "info": 0}
        for f in r["findings"]:
            counts[f["severity"]] = counts.get(f["severity"], 0) + 1
        q = r.get("quality") or {}
        table.add_row(name, r.get("organ") or "?", str(r.get("year") or "?"), str(r.get("format_version")),
                      str(counts["error"]), str(counts["warning"]), str(counts["info"]),
                      f"{q.get('score', '')} {q.get('grade', '')}")  # fmt: skip
    Console(file=stream, width=max(100, 0), force_terminal=False, color_system=None).print(table)


def write_csv(results: list[dict[str, Any]], path: str) -> None:
    with open(path, "w", encoding="utf-8-sig", newline="") as fh:
        w = csv.writer(fh)
        w.writerow(
            [
                "source",
                "organ",
                "year",
                "format_version",
                "score",
                "rule",
                "severity",
                "message",
                "cells",
            ]
        )
        for r in results:
            q = r.get("quality") or {}
            base = [
                r["source"],
                r.get("organ", ""),
                r.get("year", ""),
                r.get("format_version", ""),
                q.get("score", ""),
            ]
            if r.get("error"):
                w.writerow([*base, "FILE-UNREADABLE", "error", r["error"], ""])
                continue
            for f in r["findings"]:
                w.writerow([*base, f["rule"], f["severity"], f["message"], " ".join(f["cells"])])


def main(argv: list[str] | None = None) -> int:  # pragma: no cover - convenience entry
    parser = argparse.ArgumentParser(prog="gongkai audit", description=HELP)
    add_arguments(parser)
    return run(parser.parse_args(argv), sys.stdout, sys.stderr)


if __name__ == "__main__":  # pragma: no cover
    sys.exit(main())


__all__ = ["HELP", "add_arguments", "collect", "json", "run", "write_csv"]
