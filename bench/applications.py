"""Benchmark: register applications through the service, then compute table 三 for a year.

    .venv/bin/python -m bench.applications [--n 100000] [--organs 12] [--year 2025]
                                          [--decide-n 1000] [--db sqlite:///abs/path.sqlite3]

1. A fresh database (a SQLite file under bench/out/ unless --db or DATABASE_URL is given) is
   migrated and the 2024–2026 calendar loaded from chinese-calendar.
2. N applications are registered through `application_register` (the path the form, the API
   and staff registration take: validation, insert, the `register` event, the due date from
   the calendar), spread over 1 Jan 2024 – 31 Dec 2025 across the organs and the six applicant
   types of table 三.
3. `--decide-n` of them are decided through `application_transition` (timed); the outcomes of
   the others (about 90 % of those received before December 2025) are then set in bulk with
   the same fields the service writes, so the year has realistic carry-over and results.
4. `table3_cells` (every cell with the ids behind it) is timed for `--year` over all organs,
   beside the floor: one raw SQL GROUP BY computing the same counts. The counts are compared
   cell by cell.
"""

from __future__ import annotations

import argparse
import os
import random
import statistics
import sys
import time
from collections.abc import Callable
from datetime import date, timedelta
from pathlib import Path
from typing import Any

OUT = Path(__file__).resolve().parent / "out"


def setup(db_url: str | None) -> None:
    if db_url:
        os.environ["DATABASE_URL"] = db_url
    elif not os.environ.get("DATABASE_URL"):
        OUT.mkdir(exist_ok=True)
        path = OUT / "applications.sqlite3"
        path.unlink(missing_ok=True)
        for suffix in ("-wal", "-shm"):
            Path(f"{path}{suffix}").unlink(missing_ok=True)
        os.environ["DATABASE_URL"] = f"sqlite:///{path}"
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "gongkai.settings")
    os.environ.setdefault("GONGKAI_DATA_DIR", str(OUT))
    import django

    django.setup()
    from django.core.management import call_command

    call_command("migrate", verbosity=0)


def timed(fn: Callable[[], Any], repeat: int = 3) -> tuple[float, Any]:
    times, result = [], None
    for _ in range(repeat):
        start = time.perf_counter()
        result = fn()
        times.append(time.perf_counter() - start)
    return statistics.median(times), result


RAW_SQL = """
SELECT r, applicant_type, COUNT(*) FROM (
  SELECT CASE WHEN received_on >= %(first)s THEN 'new' ELSE 'carried_over' END AS r,
         applicant_type
    FROM applications_application
   WHERE organ_id IN ({ids}) AND received_on <= %(last)s
     AND (closed_on IS NULL OR closed_on >= %(first)s)
  UNION ALL
  SELECT CASE WHEN closed_on IS NOT NULL AND closed_on <= %(last)s AND outcome <> ''
              THEN 'o:' || outcome ELSE 'carried_forward' END AS r,
         applicant_type
    FROM applications_application
   WHERE organ_id IN ({ids}) AND received_on <= %(last)s
     AND (closed_on IS NULL OR closed_on >= %(first)s)
) AS t GROUP BY r, applicant_type
"""


def raw_counts(organ_ids: list[int], year: int) -> dict[str, int]:
    """The floor: the same counts straight from one SQL statement."""
    from django.db import connection

    from gongkai.applications.selectors import outcome_row

    sql = RAW_SQL.format(ids=",".join(str(i) for i in organ_ids))
    params = {"first": date(year, 1, 1), "last": date(year, 12, 31)}
    cells: dict[str, int] = {}
    with connection.cursor() as cursor:
        cursor.execute(sql, params)
        rows = cursor.fetchall()
    for r, column, count in rows:
        if r.startswith("o:"):
            row = outcome_row(r[2:])
            for key in (f"{row}.{column}", f"{row}.total", f"t3.total.{column}", "t3.total.total"):
                cells[key] = cells.get(key, 0) + count
        else:
            for key in (f"t3.{r}.{column}", f"t3.{r}.total"):
                cells[key] = cells.get(key, 0) + count
    return cells


def main(argv: list[str] | None = None) -> int:
    p = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawTextHelpFormatter)
    p.add_argument("--n", type=int, default=100_000)
    p.add_argument("--organs", type=int, default=12)
    p.add_argument("--year", type=int, default=2025)
    p.add_argument("--decide-n", type=int, default=1000)
    p.add_argument("--db", default=None, help="DATABASE_URL to use (default: a fresh SQLite file)")
    args = p.parse_args(argv)
    setup(args.db)

    from django.db import connection, transaction

    from gongkai.applications.actions import DECIDE_OUTCOMES
    from gongkai.applications.intake import ApplicantData
    from gongkai.applications.models import ApplicantType, Application, Status
    from gongkai.applications.selectors import table3_cells
    from gongkai.applications.services import application_register, application_transition
    from gongkai.orgs.models import Organ, OrganKind
    from gongkai.workdays.models import CalendarYear
    from gongkai.workdays.selectors import work_calendar
    from gongkai.workdays.services import calendar_load_year

    for y in (2024, 2025, 2026):
        if not CalendarYear.objects.filter(year=y).exists():
            calendar_load_year(actor=None, year=y)
    cal = work_calendar()
    gov, _ = Organ.objects.get_or_create(name="基准县人民政府", kind=OrganKind.PEOPLES_GOVERNMENT)
    organs = [gov] + [
        Organ.objects.get_or_create(name=f"基准县第{i}局", kind=OrganKind.DEPARTMENT, parent=gov)[0]
        for i in range(1, args.organs)
    ]
    rng = random.Random(7)
    types = ApplicantType.values
    weights = [70, 15, 3, 4, 5, 3]
    start, span = date(2024, 1, 1), (date(2025, 12, 31) - date(2024, 1, 1)).days + 1
    outcomes = sorted(DECIDE_OUTCOMES - {"still_unclear"})

    print(f"gongkai bench.applications — {connection.vendor}, n={args.n:,}, organs={len(organs)}")
    t0 = time.perf_counter()
    for i in range(args.n):
        kind = rng.choices(types, weights)[0]
        applicant = ApplicantData(
            applicant_type=kind,
            name=f"申请人{i}",
            id_type="passport" if kind == "natural_person" else "",
            id_number=f"E{i:08d}" if kind == "natural_person" else "",
            credit_code="" if kind == "natural_person" else "91350100M000100Y43",
            contact_person="" if kind == "natural_person" else "联系人",
            phone=f"138{i:08d}",
            email=f"a{i}@example.cn",
            description="申请公开某项目批复文件及相关材料",
        )
        application_register(
            actor=None, organ=organs[i % len(organs)], channel="in_person", applicant=applicant,
            arrived_on=start + timedelta(days=rng.randrange(span)), calendar=cal,
        )  # fmt: skip
        if (i + 1) % 10_000 == 0:
            rate = (i + 1) / (time.perf_counter() - t0)
            print(f"  registered {i + 1:,} ({rate:,.0f}/s)", file=sys.stderr)
    register_s = time.perf_counter() - t0

    ids = list(Application.objects.order_by("pk").values_list("pk", flat=True))
    decide_ids = ids[: args.decide_n]
    t0 = time.perf_counter()
    for pk in decide_ids:
        app = Application.objects.get(pk=pk)
        on = min(app.received_on + timedelta(days=rng.randrange(1, 40)), date(2025, 12, 31))
        application_transition(
            application=app, action="decide", actor=None, on=on, calendar=cal,
            data={"outcome": rng.choice(outcomes)},
        )  # fmt: skip
    decide_s = time.perf_counter() - t0

    # Bulk-close the rest: about 90 % of those received before December 2025.
    with transaction.atomic():
        rest = Application.objects.filter(
            status=Status.REGISTERED, received_on__lt=date(2025, 12, 1)
        )
        for pk, received in rest.values_list("pk", "received_on").iterator(chunk_size=5000):
            if rng.random() < 0.9:
                closed = received + timedelta(days=rng.randrange(1, 45))
                Application.objects.filter(pk=pk).update(
                    status=Status.DECIDED,
                    outcome=rng.choice(outcomes),
                    closed_on=closed,
                    due_on=None,
                )

    organ_ids = [o.pk for o in organs]
    t3_s, cells = timed(lambda: table3_cells(organ_ids=organ_ids, year=args.year))
    raw_s, raw = timed(lambda: raw_counts(organ_ids, args.year))
    mismatched = [k for k, f in cells.items() if f.value != raw.get(k, 0)]
    print(f"registration through the service: {register_s:.1f} s, {args.n / register_s:,.0f}/s, "
          f"{1000 * register_s / args.n:.2f} ms each")  # fmt: skip
    print(f"decision through the transition service: {1000 * decide_s / max(1, len(decide_ids)):.2f} ms each "
          f"({len(decide_ids):,} cases)")  # fmt: skip
    print(f"table 三 for {args.year}: new {cells['t3.new.total'].value:,}, carried over "
          f"{cells['t3.carried_over.total'].value:,}, closed {cells['t3.total.total'].value:,}, "
          f"carried forward {cells['t3.carried_forward.total'].value:,}")  # fmt: skip
    print(f"  table3_cells (counts + every record id): {1000 * t3_s:.0f} ms")
    print(f"  raw SQL GROUP BY (counts only, the floor): {1000 * raw_s:.0f} ms")
    print(f"  ratio: {t3_s / raw_s:.1f}×; cells that differ: {len(mismatched)}")
    return 1 if mismatched else 0


if __name__ == "__main__":
    sys.exit(main())
