"""Benchmark: organ-tree permission queries and working-day arithmetic.

    GONGKAI_DATA_DIR=/tmp/bench-orgs .venv/bin/python -m bench.orgs_workdays [--organs 3000]

1. Builds a synthetic province in a fresh SQLite database (1 root, 12 prefectures, the rest
   spread as counties, departments, townships and internal units, six levels deep) and times:
   - `organ_subtree_ids(root)` (one recursive CTE),
   - the level-by-level walk it replaced (one query per level),
   - the floor: `SELECT id FROM orgs_organ` (reading every id, the least any subtree answer
     over the whole tree must do),
   - `organ_ids_for(office_admin)` for a prefecture office administrator (membership + CTE).
2. Times `add_working_days(d, 20)` and `working_days_between` over every day of 2025 against a
   floor of stepping 20 days with plain date arithmetic.
Prints milliseconds (or microseconds) per call and the ratio to the floor.
"""

from __future__ import annotations

import argparse
import os
import sys
import tempfile
import time
from collections.abc import Callable
from datetime import date, timedelta


def _per_call(fn: Callable[[], object], repeat: int) -> float:
    fn()
    start = time.perf_counter()
    for _ in range(repeat):
        fn()
    return (time.perf_counter() - start) / repeat


def _setup_django() -> None:
    os.environ.setdefault("GONGKAI_DATA_DIR", tempfile.mkdtemp(prefix="bench-orgs-"))
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "gongkai.settings")
    os.environ.setdefault("GONGKAI_TESTING", "1")
    import django

    django.setup()
    from django.core.management import call_command

    call_command("migrate", verbosity=0)


def _build_tree(n: int) -> tuple[int, int]:
    from gongkai.orgs.models import Organ, OrganKind

    Organ.objects.all().delete()
    root = Organ.objects.create(name="某省人民政府", kind=OrganKind.PEOPLES_GOVERNMENT)
    levels = [[root.pk]]
    made = 1
    fanout = [12, 8, 25, 4, 2]
    for depth, width in enumerate(fanout, start=1):
        batch: list[Organ] = []
        for parent in levels[-1]:
            for i in range(width):
                if made + len(batch) >= n:
                    break
                batch.append(Organ(name=f"L{depth}-{parent}-{i}", kind=OrganKind.DEPARTMENT,
                                   parent_id=parent))  # fmt: skip
        Organ.objects.bulk_create(batch)
        made += len(batch)
        levels.append(
            list(Organ.objects.filter(name__startswith=f"L{depth}-").values_list("id", flat=True))
        )
        if made >= n:
            break
    return root.pk, levels[1][0]


def _walk_by_level(organ_id: int) -> set[int]:
    from gongkai.orgs.models import Organ

    found = {organ_id}
    frontier = {organ_id}
    while frontier:
        frontier = (
            set(Organ.objects.filter(parent_id__in=frontier).values_list("id", flat=True)) - found
        )
        found |= frontier
    return found


def bench_tree(n: int) -> list[tuple[str, float, float]]:
    from django.contrib.auth.models import User
    from django.db import connection

    from gongkai.orgs.models import Membership, Organ, Role
    from gongkai.orgs.selectors import organ_ids_for, organ_subtree_ids

    root, prefecture = _build_tree(n)
    total = Organ.objects.count()
    user, _ = User.objects.get_or_create(username="bench-office")
    Membership.objects.get_or_create(user=user, organ_id=prefecture, role=Role.OFFICE_ADMIN)
    assert organ_subtree_ids(root) == _walk_by_level(root)

    def floor() -> object:
        with connection.cursor() as cursor:
            cursor.execute(f"SELECT id FROM {Organ._meta.db_table}")
            return cursor.fetchall()

    base = _per_call(floor, 50)
    rows = [(f"floor: SELECT id (all {total} organs)", base, 1.0)]
    for label, fn in [
        ("organ_subtree_ids(root) — recursive CTE", lambda: organ_subtree_ids(root)),
        ("level-by-level walk (previous version)", lambda: _walk_by_level(root)),
        (
            "organ_ids_for(prefecture office admin)",
            lambda: organ_ids_for(user, [Role.OFFICE_ADMIN]),
        ),
    ]:
        t = _per_call(fn, 50)
        rows.append((label, t, t / base))
    return rows


def bench_arithmetic() -> list[tuple[str, float, float]]:
    from gongkai.workdays.compute import add_working_days, working_days_between
    from gongkai.workdays.tests.factories import package_calendar

    cal = package_calendar(2025, 2026)
    days = [date(2025, 1, 1) + timedelta(days=i) for i in range(365)]

    def floor() -> object:
        return [d + timedelta(days=28) for d in days]

    def add20() -> object:
        return [add_working_days(d, 20, cal) for d in days]

    def between() -> object:
        return [working_days_between(d, d + timedelta(days=28), cal) for d in days]

    base = _per_call(floor, 20) / len(days)
    rows = [("floor: d + 28 days", base, 1.0)]
    for label, fn in [
        ("add_working_days(d, 20)", add20),
        ("working_days_between(d, d+28)", between),
    ]:
        t = _per_call(fn, 20) / len(days)
        rows.append((label, t, t / base))
    return rows


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--organs", type=int, default=3000)
    args = parser.parse_args(argv)
    _setup_django()
    print("organ tree (SQLite)")
    for label, t, ratio in bench_tree(args.organs):
        print(f"  {label:<46} {t * 1000:8.2f} ms   ×{ratio:.1f}")
    print("working-day arithmetic (per date)")
    for label, t, ratio in bench_arithmetic():
        print(f"  {label:<46} {t * 1e6:8.2f} µs   ×{ratio:.0f}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
