"""`gongkai report render FILE.json --to html|docx|xlsx|pdf|json -o OUT`

Reads a report JSON file (the contract of docs/architecture.md), renders it and writes OUT
atomically: the output appears complete or not at all. `--to` may be left out when OUT ends
in a known extension; `-o` may be left out to write next to FILE (FILE.docx …); `-o -`
writes to standard output.

Exit status: 0 written; 2 the input, the format or the output was unusable (the message says
which, in Chinese and English).
"""

from __future__ import annotations

import argparse
import contextlib
import os
import sys
import tempfile
from pathlib import Path
from typing import TextIO

from gongkai.annual_report.model import AnnualReport, ReportFileError, read_file
from gongkai.annual_report.render import (
    RENDERERS,
    Renderer,
    RenderError,
    UnknownRendererError,
    get_renderer,
    renderer_for_extension,
)

HELP = "把年度报告 JSON 渲染为 HTML、DOCX、XLSX、PDF 或 JSON / render a report JSON file"

EXIT_OK = 0
EXIT_UNUSABLE = 2


class _Fail(Exception):
    def __init__(self, zh: str, en: str) -> None:
        self.zh, self.en = zh, en
        super().__init__(f"{zh} / {en}")


def add_arguments(parser: argparse.ArgumentParser) -> None:
    parser.add_argument("file", metavar="FILE.json", help="报告 JSON 文件 / report JSON file")
    parser.add_argument(
        "--to",
        dest="to",
        metavar="FORMAT",
        help=f"输出格式：{'|'.join(RENDERERS)}（缺省按 -o 的扩展名）/ output format (default: from OUT's extension)",
    )
    parser.add_argument(
        "-o",
        "--output",
        dest="output",
        metavar="OUT",
        help="输出文件；“-”为标准输出；缺省与 FILE 同名 / output file; '-' for stdout; default FILE with the new extension",
    )


def _read(path: str) -> AnnualReport:
    try:
        return read_file(path)
    except ReportFileError as exc:
        problems = exc.problems
        if len(problems) == 1 and not problems[0].key:  # unreadable file, not JSON …
            raise _Fail(
                f"{path}：{problems[0].message}", f"{path}: {problems[0].message_en}"
            ) from None
        zh = "\n".join(f"  {f'{p.key}：' if p.key else ''}{p.message}" for p in problems)
        en = "\n".join(f"  {f'{p.key}: ' if p.key else ''}{p.message_en}" for p in problems)
        raise _Fail(
            f"{path} 不是可用的年度报告文件（{len(problems)} 处问题）：\n{zh}",
            f"{path} is not a usable report file ({len(problems)} problems):\n{en}",
        ) from None


def _choose(to: str | None, output: str | None) -> Renderer:
    if to:
        try:
            return get_renderer(to)
        except UnknownRendererError as exc:
            raise _Fail(exc.message_zh, exc.message_en) from None
    if output and output != "-":
        found = renderer_for_extension(Path(output).suffix)
        if found is not None:
            return found
    known = "|".join(RENDERERS)
    raise _Fail(
        f"请用 --to {known} 指定输出格式（无法从输出文件名判断）",
        f"give the output format with --to {known} (it cannot be told from the output name)",
    )


def _write(data: bytes, output: str, source: str, out: TextIO) -> None:
    if output == "-":
        stream = getattr(out, "buffer", None) or sys.stdout.buffer
        stream.write(data)
        stream.flush()
        return
    target = Path(output)
    if target.exists() and target.resolve() == Path(source).resolve():
        raise _Fail(
            f"输出文件与输入文件相同，拒绝覆盖：{output}",
            f"the output is the input file; refusing to overwrite it: {output}",
        )
    if target.is_dir():
        raise _Fail(f"输出路径是一个目录：{output}", f"the output path is a directory: {output}")
    parent = target.parent if str(target.parent) else Path(".")
    if not parent.is_dir():
        raise _Fail(f"输出目录不存在：{parent}", f"the output directory does not exist: {parent}")
    # Write a temporary file beside the target and rename it: never a half-written output.
    try:
        fd, tmp = tempfile.mkstemp(prefix=f".{target.name}.", dir=parent)
    except PermissionError:
        raise _Fail(
            f"没有权限写入目录：{parent}", f"permission denied writing to: {parent}"
        ) from None
    except OSError as exc:
        raise _Fail(
            f"无法写入 {output}：{exc.strerror}", f"cannot write {output}: {exc.strerror}"
        ) from None
    try:
        with os.fdopen(fd, "wb") as fh:
            fh.write(data)
        os.chmod(tmp, 0o644)
        os.replace(tmp, target)
    except OSError as exc:
        with contextlib.suppress(OSError):
            os.unlink(tmp)
        raise _Fail(
            f"无法写入 {output}：{exc.strerror}", f"cannot write {output}: {exc.strerror}"
        ) from None


def run(args: argparse.Namespace, out: TextIO, err: TextIO) -> int:
    try:
        renderer = _choose(args.to, args.output)
        report = _read(args.file)
        output = args.output or str(Path(args.file).with_suffix(f".{renderer.extension}"))
        try:
            data = renderer.render(report)
        except RenderError as exc:
            raise _Fail(exc.message_zh, exc.message_en) from None
        _write(data, output, args.file, out)
    except _Fail as exc:
        err.write(f"错误：{exc.zh}\nError: {exc.en}\n")
        return EXIT_UNUSABLE
    if output != "-":
        out.write(
            f"已写入 {output}（{renderer.label}，{len(data):,} 字节） / wrote {output} ({len(data):,} bytes)\n"
        )
    return EXIT_OK
