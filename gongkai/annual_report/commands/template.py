"""`gongkai report template --year 2021 [-o blank.json]`: an empty report to fill in.

Every cell key of the year's format set to 0 (the form writes 0, never a blank), the six
narrative sections empty, and the usual title. Exit 2, with a bilingual message, for a year
no format applies to or an output file that already exists (unless --force).
"""

from __future__ import annotations

import argparse
from pathlib import Path
from typing import TextIO

from gongkai.annual_report.model import AnnualReport
from gongkai.annual_report.schema import UnknownFormatError, format_for_year, get_format

HELP = "生成空白年度报告 JSON 模板 / write a blank report JSON for a year"

DEFAULT_ORGAN = "（机关名称）"


def add_arguments(parser: argparse.ArgumentParser) -> None:
    parser.add_argument("--year", type=int, required=True, help="报告年度 / report year")
    parser.add_argument(
        "--format-version",
        metavar="{2019,2021}",
        help="指定格式版本（缺省按年度确定） / format version (default: the one for the year)",
    )
    parser.add_argument(
        "--organ", default=DEFAULT_ORGAN, help="机关名称 / the reporting body's name"
    )
    parser.add_argument(
        "-o", "--output", metavar="FILE.json", help="输出文件（缺省为标准输出） / output file"
    )
    parser.add_argument(
        "--force", action="store_true", help="覆盖已有文件 / overwrite an existing file"
    )


def run(args: argparse.Namespace, out: TextIO, err: TextIO) -> int:
    try:
        fmt = get_format(args.format_version) if args.format_version else format_for_year(args.year)
    except UnknownFormatError as exc:
        err.write(f"{exc}\n")
        return 2
    try:
        expected = format_for_year(args.year).tag
    except UnknownFormatError:
        expected = None
    if expected != fmt.tag:
        wanted = f"应使用 {expected} 年格式" if expected else "没有适用的格式"
        wanted_en = f"should use the {expected} format" if expected else "has no format"
        err.write(
            f"注意：{args.year} 年度报告{wanted}，按要求生成 {fmt.tag} 年格式的模板"
            f"（report check 将报告 RPT-FORMAT-VERSION）。 / Note: a {args.year} report "
            f"{wanted_en}; writing the {fmt.tag} format as asked (report check will report "
            "RPT-FORMAT-VERSION).\n"
        )
    organ = args.organ.strip() or DEFAULT_ORGAN
    report = AnnualReport.blank(organ=organ, year=args.year, format_version=fmt.tag)
    report.title = report.default_title()
    text = report.to_json() + "\n"
    if not args.output or args.output == "-":
        out.write(text)
        return 0
    path = Path(args.output)
    if path.exists() and not args.force:
        err.write(
            f"文件已存在：{path}（如需覆盖请加 --force） / {path} already exists "
            "(use --force to overwrite)\n"
        )
        return 2
    try:
        path.write_text(text, encoding="utf-8")
    except OSError as exc:
        err.write(f"无法写入 {path}：{exc.strerror} / cannot write {path}: {exc.strerror}\n")
        return 2
    out.write(
        f"已写入 {path}：{report.organ} {args.year} 年度，{fmt.tag} 年格式，"
        f"{len(report.cells)} 个单元格 / wrote {path}: {fmt.tag} format, "
        f"{len(report.cells)} cells\n"
    )
    return 0
