"""Benchmark: check and render annual reports.

    .venv/bin/python -m bench.annual_report [--n 1000] [--pdf-n 1000] [--formats html,docx,...]

Generates N consistent synthetic reports (half in the 2021 format, half in 2019), then times
`rules.check` and every renderer over them and prints the time per report per format. The
floor is `json.dumps` of the same reports (the least work any output needs), and each row
shows its ratio to it.

`consistent_report()` is also the generator the renderer golden fixtures were made with: every
identity of docs/domain/report-rules.md holds in what it returns.
"""

from __future__ import annotations

import argparse
import importlib
import json
import random
import sys
import time
from collections.abc import Callable, Sequence
from decimal import Decimal

from gongkai.annual_report.model import AnnualReport
from gongkai.annual_report.schema import (
    T3_DETAIL_COLUMN_KEYS,
    T4_GROUPS,
    get_format,
)

SAMPLE_SECTIONS = {
    "overview": "（一）主动公开\n本年度主动公开政府信息{n}条，其中政府网站公开{w}条。\n"
    "（二）依申请公开\n本年度新收政府信息公开申请{new}件，上年结转{co}件。\n"
    "（三）政府信息管理\n完善公开属性源头认定机制，开展规范性文件清理。\n"
    "（四）政府信息公开平台建设\n加强政府网站和政务新媒体管理。\n"
    "（五）监督保障\n将政务公开纳入年度绩效考核。",
    "proactive": "本年度主动公开情况见下表。",
    "applications": "本年度收到和处理政府信息公开申请情况见下表。",
    "appeals": "本年度因政府信息公开被申请行政复议{rc}件、提起行政诉讼{lt}件。",
    "problems": "一是公开内容的及时性有待提高；二是解读形式不够丰富。下一步将加强培训。",
    "other": "本年度未收取信息处理费。",
}


def consistent_report(
    rng: random.Random,
    *,
    version: str = "2021",
    year: int | None = None,
    organ: str = "示例县人民政府",
    distinct: bool = False,
) -> AnnualReport:
    """A report in which every rule holds: row sums, results total, the 勾稽关系 balance,
    table 四 totals, and the soft table 二 orders.

    With `distinct=True` the table 三 detail figures are all different (and a few are 0), so
    a test reading a rendered table back notices any figure printed in the wrong cell.
    """
    fmt = get_format(version)
    year = year if year is not None else fmt.first_year
    report = AnnualReport.blank(organ=organ, year=year, format_version=fmt.tag)
    cells = report.cells
    pool = iter(rng.sample(range(1, 900), 400)) if distinct else None

    def count(high: int) -> int:
        if pool is not None:
            return next(pool)
        return rng.choice((0, 0, 0, rng.randint(0, high)))

    # Table 三: result rows first, then carried-forward and carried-over, new as the balance.
    result_rows = [
        r
        for r in fmt.t3_row_keys
        if r not in ("t3.new", "t3.carried_over", "t3.total", "t3.carried_forward")
    ]
    zeros = set(rng.sample(result_rows, 3)) if distinct else set()
    for c in T3_DETAIL_COLUMN_KEYS:
        results = 0
        for r in result_rows:
            v = 0 if r in zeros else count(12)
            cells[f"{r}.{c}"] = v
            results += v
        cells[f"t3.total.{c}"] = results
        cf = count(5)
        co = min(count(5), results + cf)
        cells[f"t3.carried_forward.{c}"] = cf
        cells[f"t3.carried_over.{c}"] = co
        cells[f"t3.new.{c}"] = results + cf - co
    for r in fmt.t3_row_keys:
        cells[f"{r}.total"] = sum(_int(cells[f"{r}.{c}"]) for c in T3_DETAIL_COLUMN_KEYS)
    # Table 四.
    for g in T4_GROUPS:
        parts = [count(3) for _ in range(4)]
        for col, v in zip(("upheld", "corrected", "other", "pending"), parts, strict=True):
            cells[f"t4.{g.key}.{col}"] = v
        cells[f"t4.{g.key}.total"] = sum(parts)
    # Table 二.
    if fmt.tag == "2021":
        for row in ("regulations", "normative_documents"):
            issued, repealed = count(20), count(10)
            cells[f"t2.{row}.issued"] = issued
            cells[f"t2.{row}.repealed"] = repealed
            cells[f"t2.{row}.in_force"] = issued + count(300)
        for key in ("licensing", "penalty", "enforcement"):
            cells[f"t2.{key}.decisions"] = rng.randint(0, 80000)
        cells["t2.fees.amount"] = Decimal(rng.randint(0, 9_999_999)).scaleb(-rng.choice((2, 4, 6)))
    else:
        for row in ("regulations", "normative_documents"):
            made = count(20)
            published = min(made, count(20))
            cells[f"t2.{row}.made"] = made
            cells[f"t2.{row}.published"] = published
            cells[f"t2.{row}.total_public"] = published + count(300)
        for row in ("licensing", "other_services", "penalty", "enforcement", "fees"):
            prev = count(400)
            cells[f"t2.{row}.prev_items"] = prev
            cells[f"t2.{row}.change"] = rng.randint(-min(prev, 30), 30)
            if row != "fees":
                cells[f"t2.{row}.decisions"] = rng.randint(0, 80000)
        cells["t2.procurement.items"] = count(50)
        cells["t2.procurement.amount"] = Decimal(rng.randint(0, 99_999_999)).scaleb(-2)
    report.title = f"{organ}{year}年政府信息公开工作年度报告"
    fill = {
        "n": rng.randint(100, 9000),
        "w": rng.randint(50, 100),
        "new": cells["t3.new.total"],
        "co": cells["t3.carried_over.total"],
        "rc": cells["t4.reconsideration.total"],
        "lt": _int(cells["t4.litigation_direct.total"])
        + _int(cells["t4.litigation_after_reconsideration.total"]),
    }
    report.sections = {k: v.format(**fill) for k, v in SAMPLE_SECTIONS.items()}
    return report


def _int(value: object) -> int:
    assert isinstance(value, int)
    return value


def _time(fn: Callable[[AnnualReport], object], reports: Sequence[AnnualReport]) -> float:
    start = time.perf_counter()
    for report in reports:
        fn(report)
    return (time.perf_counter() - start) / len(reports)


def main(argv: list[str] | None = None) -> int:
    from gongkai.annual_report.render import RENDERERS

    parser = argparse.ArgumentParser(prog="python -m bench.annual_report", description=__doc__)
    parser.add_argument("--n", type=int, default=1000, help="reports to generate (default 1000)")
    parser.add_argument(
        "--pdf-n", type=int, default=None, help="reports to render as PDF (default: --n)"
    )
    parser.add_argument("--formats", default=",".join(RENDERERS), help="renderers to time")
    parser.add_argument("--seed", type=int, default=2021)
    args = parser.parse_args(argv)

    rng = random.Random(args.seed)
    reports = [
        consistent_report(rng, version="2021" if i % 2 else "2019", organ=f"示例单位{i:04d}")
        for i in range(args.n)
    ]
    print(f"{args.n} 份报告（2019 与 2021 格式各半） / {args.n} reports, half of each format")
    print(f"{'task':<14}{'ms/report':>12}{'× floor':>10}{'reports':>9}")
    floor = _time(lambda r: json.dumps(r.cells, default=str), reports)
    print(f"{'floor (json)':<14}{floor * 1000:>12.3f}{1.0:>10.1f}{len(reports):>9}")
    try:
        rules = importlib.import_module("gongkai.annual_report.rules")
    except ModuleNotFoundError:
        print(f"{'rules.check':<14}{'(rules.py not on this branch yet)':>31}")
    else:
        t = _time(rules.check, reports)
        print(f"{'rules.check':<14}{t * 1000:>12.3f}{t / floor:>10.1f}{len(reports):>9}")
    for name in args.formats.split(","):
        renderer = RENDERERS[name]
        subset = reports[: args.pdf_n] if name == "pdf" and args.pdf_n else reports
        t = _time(renderer.render, subset)
        print(f"{'render ' + name:<14}{t * 1000:>12.3f}{t / floor:>10.1f}{len(subset):>9}")
        sys.stdout.flush()
    return 0


if __name__ == "__main__":
    sys.exit(main())
