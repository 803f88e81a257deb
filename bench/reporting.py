"""Benchmark: computing a consolidated annual report, beside the raw SQL floor.

    python -m bench.reporting --scale county            # SQLite, a county
    DATABASE_URL=postgres://…/gk_bench python -m bench.reporting --scale province
    python -m bench.reporting --organs 2000 --applications 100000 --items 1000000

1. Generates a synthetic jurisdiction into an empty database (migrated here): a tree of organs
   (root → cities → counties → departments), applications over three years with outcomes
   and closing dates (some still open across 31 December), published proactive items with
   categories and channels, normative documents, decision statistics and appeals. Rows are
   written with bulk inserts, bypassing the services (no search index, no event rows): the
   benchmark measures reading, not intake.
2. Times `gongkai.reporting.compute.build_report(consolidated=True)` for the root and the
   middle year — every cell of tables 二/三/四 and the narrative figures, with the record
   references behind each figure — median of `--repeat` runs.
3. Times the raw SQL floor: the same figures as GROUP BY counts (no record references), on
   the same organ set and year.
4. Prints both, the ratio, and checks that the figures agree.

Scales: `county` = 60 organs, 3,000 applications, 30,000 items (SQLite);
`province` = 2,000 organs, 1,000,000 applications, 10,000,000 items (PostgreSQL; the issue's
target — use --applications/--items to run a fraction on a small machine).
"""

from __future__ import annotations

import argparse
import os
import random
import statistics
import sys
import tempfile
import time
from collections import Counter
from collections.abc import Callable, Iterator
from datetime import date, timedelta
from decimal import Decimal
from typing import Any

SCALES = {
    "county": {"organs": 60, "applications": 3_000, "items": 30_000},
    "province": {"organs": 2_000, "applications": 1_000_000, "items": 10_000_000},
}
YEAR = 2021
BATCH = 5_000


def setup_django(database_url: str | None) -> None:
    if database_url:
        os.environ["DATABASE_URL"] = database_url
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "gongkai.settings")
    os.environ.setdefault("GONGKAI_TESTING", "1")
    import django

    django.setup()


def migrate() -> None:
    from django.core.management import call_command

    call_command("migrate", interactive=False, verbosity=0)


# --- generator ---------------------------------------------------------------------------------


def make_organs(n: int) -> tuple[Any, list[int]]:
    """A root with ~n/100 cities, each with counties, each with departments: n organs."""
    from gongkai.orgs.models import Organ, OrganKind

    root = Organ.objects.create(
        name="某省人民政府", short_name="省政府", kind=OrganKind.PEOPLES_GOVERNMENT
    )
    remaining = n - 1
    cities = max(1, n // 120)
    per_city = remaining // cities
    ids = [root.pk]
    for c in range(cities):
        city = Organ.objects.create(name=f"某省第{c + 1}市人民政府", kind=OrganKind.PEOPLES_GOVERNMENT,
                                    parent=root)  # fmt: skip
        ids.append(city.pk)
        budget = per_city - 1 if c < cities - 1 else remaining - (cities - 1) * per_city - 1
        counties = max(1, budget // 15)
        rows = []
        made = 0
        county_objs = Organ.objects.bulk_create(
            [
                Organ(
                    name=f"第{c + 1}市第{k + 1}县人民政府",
                    kind=OrganKind.PEOPLES_GOVERNMENT,
                    parent=city,
                )
                for k in range(counties)
            ]
        )
        made += counties
        ids += [o.pk for o in county_objs]
        k = 0
        while made < budget:
            county = county_objs[k % counties]
            rows.append(Organ(name=f"第{c + 1}市第{k % counties + 1}县部门{k // counties + 1}",
                              kind=OrganKind.DEPARTMENT, parent=county))  # fmt: skip
            made += 1
            k += 1
        ids += [o.pk for o in Organ.objects.bulk_create(rows, batch_size=BATCH)]
    return root, ids


def batched(rows: Iterator[Any], model: Any) -> int:
    count = 0
    buffer = []
    for row in rows:
        buffer.append(row)
        if len(buffer) >= BATCH:
            model.objects.bulk_create(buffer)
            count += len(buffer)
            buffer = []
    if buffer:
        model.objects.bulk_create(buffer)
        count += len(buffer)
    return count


OUTCOMES = ["disclosed"] * 40 + ["partial"] * 10 + ["not_exist"] * 15 + ["needs_creation"] * 3 + [
    "denied_third_party", "denied_process", "denied_internal", "repeat", "petition", "no_correction",
    "withdrawn", "other", "already_public", "not_responsible",
]  # fmt: skip
TYPES = (
    ["natural_person"] * 80
    + ["commercial"] * 10
    + ["research", "social", "legal", "legal", "other_org"]
)


def make_applications(n: int, organ_ids: list[int], rng: random.Random) -> int:
    from gongkai.applications.models import Application

    start = date(YEAR - 1, 1, 1)

    def rows() -> Iterator[Application]:
        for i in range(n):
            received = start + timedelta(days=rng.randrange(3 * 365))
            closed = received + timedelta(days=rng.randrange(5, 40))
            open_case = closed > date(YEAR + 1, 12, 31) or rng.random() < 0.01
            yield Application(
                organ_id=rng.choice(organ_ids), channel="online", applicant_type=rng.choice(TYPES),
                name="申请人", phone="13800000000", applicant_key=f"k{i % 5000}", info_form="electronic",
                delivery="email", arrived_on=received, received_on=received,
                status="registered" if open_case else "decided",
                outcome="" if open_case else rng.choice(OUTCOMES),
                closed_on=None if open_case else closed, query_code=f"B{i:012d}"[:16],
            )  # fmt: skip

    return batched(rows(), Application)


def make_items(n: int, organ_ids: list[int], rng: random.Random, user: Any) -> int:
    from gongkai.publications.models import Category, Publication

    categories = list(Category.objects.values_list("pk", flat=True))
    channels = ["website"] * 64 + ["weibo"] * 20 + ["wechat"] * 14 + ["other"] * 2
    start = date(YEAR - 1, 1, 1)

    def rows() -> Iterator[Publication]:
        for i in range(n):
            published = start + timedelta(days=rng.randrange(3 * 365))
            yield Publication(
                organ_id=rng.choice(organ_ids), index_number=f"BENCH/{i:09d}", title=f"信息{i}",
                formed_on=published, published_on=published, category_id=rng.choice(categories),
                primary_channel=rng.choice(channels), status="published", created_by=user,
            )  # fmt: skip

    return batched(rows(), Publication)


def make_small_records(organ_ids: list[int], rng: random.Random, user: Any) -> None:
    from gongkai.appeals.models import Appeal
    from gongkai.publications.models import DecisionStatistic, NormativeDocument

    NormativeDocument.objects.bulk_create(
        [NormativeDocument(organ_id=rng.choice(organ_ids), kind="normative_document", title=f"办法{i}",
                           issued_on=date(2015 + rng.randrange(8), 1 + rng.randrange(12), 1),
                           created_by=user)
         for i in range(len(organ_ids) * 2)],
        batch_size=BATCH,
    )  # fmt: skip
    DecisionStatistic.objects.bulk_create(
        [DecisionStatistic(organ_id=o, year=YEAR, kind=kind, value=Decimal(rng.randrange(1, 5000)),
                           source="bench", entered_by=user)
         for o in organ_ids for kind in ("licensing", "penalty")],
        batch_size=BATCH,
    )  # fmt: skip
    appeals = []
    for _ in range(max(10, len(organ_ids) // 5)):
        filed = date(YEAR, 1, 1) + timedelta(days=rng.randrange(365))
        decided = filed + timedelta(days=rng.randrange(30, 200))
        done = decided <= date(YEAR, 12, 31) or rng.random() < 0.5
        appeals.append(Appeal(
            kind=rng.choice(["reconsideration", "litigation_direct", "litigation_after_reconsideration"]),
            organ_id=rng.choice(organ_ids), claimant="某", forum="某", subject="答复", filed_on=filed,
            decided_on=decided if done else None, result=rng.choice(["upheld", "corrected", "other"]) if done else "",
            status="concluded" if done else "pending", created_by=user))  # fmt: skip
    Appeal.objects.bulk_create(appeals, batch_size=BATCH)


def generate(organs: int, applications: int, items: int) -> Any:
    from django.contrib.auth import get_user_model
    from django.db import transaction

    rng = random.Random(42)
    user = get_user_model().objects.create_user(username="bench", password=None)
    with transaction.atomic():
        root, ids = make_organs(organs)
    with transaction.atomic():
        make_small_records(ids, rng, user)
    with transaction.atomic():
        make_applications(applications, ids, rng)
    with transaction.atomic():
        make_items(items, ids, rng, user)
    return root


# --- measuring ---------------------------------------------------------------------------------


def timed(fn: Callable[[], Any], repeat: int) -> tuple[float, Any]:
    times = []
    result = None
    for _ in range(repeat):
        started = time.perf_counter()
        result = fn()
        times.append(time.perf_counter() - started)
    return statistics.median(times), result


def sql_floor(organ_ids: list[int]) -> dict[str, int]:
    """The same figures as plain GROUP BY queries: table 三 by (row, column), table 四 by
    (group, column), the proactive totals by category and channel, table 二 sums."""
    from django.db import connection

    first, last = date(YEAR, 1, 1), date(YEAR, 12, 31)
    marks = ",".join(["%s"] * len(organ_ids))
    out: Counter[str] = Counter()
    with connection.cursor() as cur:
        cur.execute(
            f"""SELECT applicant_type,
                       CASE WHEN received_on >= %s THEN 'new' ELSE 'carried_over' END,
                       CASE WHEN closed_on IS NOT NULL AND closed_on <= %s AND outcome <> ''
                            THEN outcome ELSE 'forward' END,
                       COUNT(*)
                FROM applications_application
                WHERE organ_id IN ({marks}) AND received_on <= %s
                  AND (closed_on IS NULL OR closed_on >= %s)
                GROUP BY 1, 2, 3""",
            [first, last, *organ_ids, last, first],
        )
        for column, line, result, n in cur.fetchall():
            out[f"t3.{line}.{column}"] += n
            out[f"t3.{line}.total"] += n
            out[f"t3.result.{result}"] += n
        cur.execute(
            f"""SELECT c.code, p.primary_channel, COUNT(*)
                FROM publications_publication p JOIN publications_category c ON c.id = p.category_id
                WHERE p.organ_id IN ({marks}) AND p.status IN ('published', 'withdrawn')
                  AND p.published_on BETWEEN %s AND %s
                GROUP BY 1, 2""",
            [*organ_ids, first, last],
        )
        for category, channel, n in cur.fetchall():
            out["proactive.total"] += n
            out[f"proactive.category.{category}"] += n
            out[f"proactive.channel.{channel}"] += n
        cur.execute(
            f"""SELECT kind, CASE WHEN result <> '' AND decided_on <= %s THEN result ELSE 'pending' END,
                       COUNT(*)
                FROM appeals_appeal WHERE organ_id IN ({marks}) AND filed_on BETWEEN %s AND %s
                GROUP BY 1, 2""",
            [last, *organ_ids, first, last],
        )
        for kind, column, n in cur.fetchall():
            out[f"t4.{kind}.{column}"] += n
            out[f"t4.{kind}.total"] += n
        cur.execute(
            f"""SELECT kind, SUM(value) FROM publications_decisionstatistic
                WHERE organ_id IN ({marks}) AND year = %s GROUP BY 1""",
            [*organ_ids, YEAR],
        )
        for kind, total in cur.fetchall():
            out[f"t2.{kind}.decisions"] = int(total)
        cur.execute(
            f"""SELECT COUNT(*) FROM publications_normativedocument
                WHERE organ_id IN ({marks}) AND issued_on <= %s
                  AND (repealed_on IS NULL OR repealed_on > %s)
                  AND (expires_on IS NULL OR expires_on >= %s)""",
            [*organ_ids, last, last, last],
        )
        out["t2.normative_documents.in_force"] = int(cur.fetchone()[0])
    return dict(out)


def compare(report: Any, floor: dict[str, int]) -> list[str]:
    cells, figures = report.cells, report.extras["figures"]
    problems = []
    for key, value in floor.items():
        if key.startswith("t3.result."):
            continue
        got = figures.get(key) if key.startswith("proactive.") else cells.get(key)
        if got is not None and int(got) != value:
            problems.append(f"{key}: compute {got} ≠ SQL {value}")
    return problems


def rss_mb() -> float:
    import resource

    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(
        prog="python -m bench.reporting", description=__doc__.split("\n")[0]
    )
    parser.add_argument("--scale", choices=sorted(SCALES), default="county")
    parser.add_argument("--organs", type=int)
    parser.add_argument("--applications", type=int)
    parser.add_argument("--items", type=int)
    parser.add_argument("--repeat", type=int, default=3)
    parser.add_argument("--database", help="DATABASE_URL (default: a temporary SQLite file)")
    args = parser.parse_args(argv)
    size = dict(SCALES[args.scale])
    for name in ("organs", "applications", "items"):
        if getattr(args, name):
            size[name] = getattr(args, name)
    database = args.database or os.environ.get("DATABASE_URL")
    if not database:
        database = f"sqlite:///{tempfile.mkdtemp(prefix='gongkai-bench-')}/bench.sqlite3"
    setup_django(database)
    from django.db import connection

    from gongkai.orgs.models import Organ
    from gongkai.orgs.selectors import organ_subtree_ids
    from gongkai.reporting.compute import build_report

    migrate()
    if Organ.objects.exists():
        print("数据库不是空的；请使用新的数据库。 / The database is not empty.", file=sys.stderr)
        return 2
    print(f"database: {connection.vendor}  organs={size['organs']:,}  applications={size['applications']:,}"
          f"  items={size['items']:,}  year={YEAR} (data over {YEAR - 1}–{YEAR + 1})")  # fmt: skip
    started = time.perf_counter()
    root = generate(size["organs"], size["applications"], size["items"])
    print(f"generate: {time.perf_counter() - started:,.1f} s")
    ids = sorted(organ_subtree_ids(root.pk))
    t_compute, report = timed(
        lambda: build_report(organ=root, year=YEAR, consolidated=True), args.repeat
    )
    t_floor, floor = timed(lambda: sql_floor(ids), args.repeat)
    refs = sum(len(p.records) for p in report.provenance.values()) + sum(
        len(r) for r in report.extras.get("figure_records", {}).values()
    )
    print(f"consolidated report (build_report, {len(report.cells)} cells + narrative figures, "
          f"{refs:,} record references): {t_compute:,.3f} s (median of {args.repeat})")  # fmt: skip
    print(f"raw SQL floor (GROUP BY, same figures, no references): {t_floor:,.3f} s")
    print(f"ratio: {t_compute / t_floor:,.1f}×    peak RSS: {rss_mb():,.0f} MB")
    problems = compare(report, floor)
    print(
        "figures agree with the SQL floor"
        if not problems
        else "MISMATCH:\n  " + "\n  ".join(problems)
    )
    return 1 if problems else 0


if __name__ == "__main__":
    sys.exit(main())
