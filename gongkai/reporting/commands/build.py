"""`gongkai report build --organ NAME_OR_CODE --year 2021 [--consolidated] [--json]`:
compute a report from the records and print it (report JSON with the narrative figures in
`extras`, and the findings of every rule), without storing anything."""

from __future__ import annotations

import argparse
import os
from typing import TextIO

HELP = "按记录生成年度报告（不保存） / compute a report from the records"


def add_arguments(parser: argparse.ArgumentParser) -> None:
    parser.add_argument("--organ", required=True, help="机关名称、简称或统一社会信用代码")
    parser.add_argument("--year", required=True, type=int, help="报告年度")
    parser.add_argument("--consolidated", action="store_true", help="汇总本机关及所属全部单位")
    parser.add_argument("--json", action="store_true", help="输出报告 JSON")


def _setup() -> None:
    import django
    from django.apps import apps

    if not apps.ready:
        os.environ.setdefault("DJANGO_SETTINGS_MODULE", "gongkai.settings")
        django.setup()


def run(args: argparse.Namespace, out: TextIO, err: TextIO) -> int:
    _setup()
    from django.db import DatabaseError
    from django.db.models import Q

    from gongkai.annual_report.model import dumps
    from gongkai.annual_report.schema import UnknownFormatError
    from gongkai.core.errors import DomainError
    from gongkai.orgs.models import Organ
    from gongkai.reporting.checks import findings_to_json, run_rules
    from gongkai.reporting.compute import build_report

    text = args.organ.strip()
    try:
        matches = list(
            Organ.objects.filter(
                Q(name=text) | Q(short_name=text) | Q(credit_code=text.upper()) | Q(index_code=text)
            )
        )
    except DatabaseError as exc:
        err.write(f"无法读取数据库：{exc} / cannot read the database (run `gongkai migrate`?)\n")
        return 2
    if not matches:
        err.write(f"找不到机关“{text}”。 / No organ named {text!r}.\n")
        return 2
    if len(matches) > 1:
        names = "、".join(o.name for o in matches)
        err.write(f"“{text}”对应多个机关：{names}，请用全称或信用代码。 / Ambiguous organ.\n")
        return 2
    organ = matches[0]
    try:
        report = build_report(organ=organ, year=args.year, consolidated=args.consolidated)
    except (DomainError, UnknownFormatError) as exc:
        err.write(f"{exc}\n")
        return 2
    findings = run_rules(report, previous=None)
    if args.json:
        data = report.to_dict()
        data["findings"] = findings_to_json(findings)
        out.write(dumps(data) + "\n")
        return 0
    scope = "汇总" if args.consolidated else "本机关"
    c = report.cells
    fig = report.extras.get("figures", {})
    out.write(f"{report.title}（{scope}，{report.format_version} 年格式）\n")
    out.write(f"  主动公开 {fig.get('proactive.total', 0)} 条\n")
    out.write(
        f"  申请：新收 {c.get('t3.new.total')}，上年结转 {c.get('t3.carried_over.total')}，"
        f"办结 {c.get('t3.total.total')}，结转下年 {c.get('t3.carried_forward.total')}\n"
    )
    out.write(
        f"  行政复议 {c.get('t4.reconsideration.total')} 件，行政诉讼 "
        f"{(c.get('t4.litigation_direct.total') or 0) + (c.get('t4.litigation_after_reconsideration.total') or 0)} 件\n"
    )
    for f in findings:
        out.write(f"  [{f.severity.value}] {f.rule} {f.message}\n")
    return 0
