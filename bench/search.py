"""Search benchmark: latency (median, p95) of the catalogue search at growing catalogue sizes on
SQLite and PostgreSQL, and items indexed per second.

    python -m bench.search                      # 100,000 items, SQLite and PostgreSQL
    python -m bench.search --sizes 100000 1000000
    python -m bench.search --database-url sqlite:////tmp/b.sqlite3 --sizes 100000

Each database runs in its own process on a fresh database (a temporary SQLite file; the
PostgreSQL database named by GONGKAI_BENCH_PG_URL, default gk_bench_search, dropped and
re-created). Items come from bench.publications_data and are loaded through the real service
(`publication_bulk_create`: sanitising, 索引号, review rows, events, index).

Measured per size:
- load: items per second through publication_bulk_create, and through the bare index writer
  (tokens + INSERT: the floor of indexing);
- the floor of a query is the bare ranked index query for its first page (no count, no loading
  of items, no snippets); without filters the index alone, with filters joined to the items.
- search: each query of QUERIES run REPEAT times through `search_publications` (ranking, count,
  hydration, snippets) and through the bare index query (MATCH / @@ ordered by rank, LIMIT 20:
  the floor); median and p95 in milliseconds and their ratio.
"""

from __future__ import annotations

import argparse
import json
import os
import statistics
import subprocess
import sys
import tempfile
import time
from collections.abc import Callable
from typing import Any

QUERIES: list[tuple[str, dict[str, Any]]] = [
    ("教育", {}),
    ("低保", {}),
    ("义务教育 招生", {}),
    ('"城乡低保标准"', {}),
    ("遂政〔2021〕15号", {}),
    ("INDEX", {}),  # replaced by a real 索引号
    ("秸秆禁烧 防汛", {}),
    ("教育", {"year": 2021, "organ": True}),
    ("不存在的词语组合", {}),
    ("x" * 300, {}),
]
REPEAT = 11
BATCH = 5000


def _setup_django(database_url: str) -> None:
    os.environ["DATABASE_URL"] = database_url
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "gongkai.settings")
    os.environ.setdefault("GONGKAI_DATA_DIR", tempfile.mkdtemp(prefix="gk-bench-"))
    import django

    django.setup()


def _fresh_pg(url: str) -> None:
    from urllib.parse import urlparse

    import psycopg

    u = urlparse(url)
    name = u.path.lstrip("/")
    with psycopg.connect(
        host=u.hostname, port=u.port or 5432, user=u.username or "postgres",
        password=u.password or None, dbname="postgres", autocommit=True,
    ) as conn:  # fmt: skip
        conn.execute(f'DROP DATABASE IF EXISTS "{name}"')
        conn.execute(f'CREATE DATABASE "{name}"')


def _timed(fn: Callable[[], object]) -> float:
    start = time.perf_counter()
    fn()
    return (time.perf_counter() - start) * 1000


def _pct(values: list[float], p: float) -> float:
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, round(p * (len(ordered) - 1)))]


def run_one(database_url: str, sizes: list[int]) -> dict[str, Any]:
    _setup_django(database_url)
    from django.contrib.auth import get_user_model
    from django.core.management import call_command
    from django.db import connection

    from bench.publications_data import items
    from gongkai.orgs.models import Organ, OrganKind
    from gongkai.publications import search as backend
    from gongkai.publications import tokens as tk
    from gongkai.publications.models import Publication
    from gongkai.publications.selectors import search_publications
    from gongkai.publications.services import publication_bulk_create

    call_command("migrate", verbosity=0)
    reviewer = get_user_model().objects.create_user(username="bench", password="bench-password-1")
    organs = [
        Organ.objects.create(
            name=f"基准测试机关{i}", kind=OrganKind.DEPARTMENT, index_code=f"BENCH{i:02d}"
        )
        for i in range(5)
    ]
    out: dict[str, Any] = {"vendor": connection.vendor, "sizes": {}}
    loaded = 0
    for size in sizes:
        t0 = time.perf_counter()
        batch_no = loaded // BATCH
        while loaded < size:
            n = min(BATCH, size - loaded)
            organ = organs[batch_no % len(organs)]
            publication_bulk_create(
                actor=None, organ=organ, items=list(items(n, seed=batch_no + 1)), reviewer=reviewer
            )
            loaded += n
            batch_no += 1
            if batch_no % 20 == 0:
                print(f"  {connection.vendor}: {loaded:,} items", file=sys.stderr, flush=True)
        load_seconds = time.perf_counter() - t0
        if connection.vendor == "postgresql":
            with connection.cursor() as cur:
                cur.execute("ANALYZE")
        # Floor of indexing: tokens + INSERT of 5,000 documents already in the table.
        sample = list(Publication.objects.order_by("-pk")[:BATCH])
        docs = [
            backend.IndexDoc(
                p.pk,
                p.title,
                " ".join((p.document_number, p.index_number, p.keywords, p.body_text)),
            )
            for p in sample
        ]
        t1 = time.perf_counter()
        backend.index_documents(docs)
        floor_rate = len(docs) / (time.perf_counter() - t1)

        index_number = Publication.objects.order_by("pk").values_list("index_number", flat=True)[
            size // 2
        ]
        rows = []
        for q, opts in QUERIES:
            q = index_number if q == "INDEX" else q
            kwargs: dict[str, Any] = {}
            if opts.get("year"):
                kwargs["year"] = opts["year"]
            if opts.get("organ"):
                kwargs["organ_ids"] = [organs[0].pk]
            result = search_publications(q=q, **kwargs)
            full = [_timed(lambda: search_publications(q=q, **kwargs)) for _ in range(REPEAT)]  # noqa: B023
            parsed = tk.parse_query(q)
            filters = backend.Filters(
                organ_ids=tuple(kwargs.get("organ_ids", ())) or None, year=kwargs.get("year")
            )
            floor = [
                _timed(lambda: _floor_query(parsed, filters))  # noqa: B023
                for _ in range(REPEAT)
            ]
            rows.append({
                "query": q[:24] + ("…" if len(q) > 24 else ""), "filters": ",".join(opts),
                "matches": result.total,
                "median_ms": round(statistics.median(full), 1), "p95_ms": round(_pct(full, 0.95), 1),
                "floor_median_ms": round(statistics.median(floor), 1),
            })  # fmt: skip
        all_full = [float(str(r["median_ms"])) for r in rows]
        out["sizes"][size] = {
            "load_items_per_s": round(size_delta(size, sizes) / load_seconds),
            "index_floor_items_per_s": round(floor_rate),
            "queries": rows,
            "median_of_medians_ms": round(statistics.median(all_full), 1),
            "worst_p95_ms": max(float(str(r["p95_ms"])) for r in rows),
        }
    return out


def size_delta(size: int, sizes: list[int]) -> int:
    earlier = [s for s in sizes if s < size]
    return size - (max(earlier) if earlier else 0)


def _floor_query(query: Any, filters: Any) -> None:
    """The bare index query: match, rank, first 20 ids (no count, no hydration, no snippets)."""
    from django.db import connection

    from gongkai.publications import search as backend

    if query.empty:
        return
    if filters == backend.Filters():
        with connection.cursor() as cur:
            if connection.vendor == "postgresql":
                q = backend.tsquery_literal(query)
                cur.execute(
                    "SELECT publication_id FROM publications_searchvec WHERE vec @@ %s::tsquery"
                    " ORDER BY ts_rank(vec, %s::tsquery, 0) DESC LIMIT 20",
                    [q, q],
                )
            else:
                cur.execute(
                    "SELECT rowid FROM publications_fts WHERE publications_fts MATCH %s"
                    " ORDER BY bm25(publications_fts, 10.0, 1.0) LIMIT 20",
                    [backend.fts5_match(query)],
                )
            cur.fetchall()
        return
    where, params = backend._filter_sql(filters)
    with connection.cursor() as cur:
        if connection.vendor == "postgresql":
            q = backend.tsquery_literal(query)
            cur.execute(
                "SELECT p.id FROM publications_searchvec s JOIN publications_publication p"
                f" ON p.id = s.publication_id WHERE s.vec @@ %s::tsquery AND {where}"
                " ORDER BY ts_rank(s.vec, %s::tsquery, 0) DESC LIMIT 20",
                [q, *params, q],
            )
        else:
            cur.execute(
                "SELECT p.id FROM publications_fts f CROSS JOIN publications_publication p"
                " ON p.id = f.rowid"
                f" WHERE publications_fts MATCH %s AND {where}"
                " ORDER BY bm25(publications_fts, 10.0, 1.0) LIMIT 20",
                [backend.fts5_match(query), *params],
            )
        cur.fetchall()


def _print(result: dict[str, Any]) -> None:
    vendor = result["vendor"]
    for size, data in result["sizes"].items():
        print(f"\n## {vendor}, {int(size):,} items")
        print(f"load through publication_bulk_create: {data['load_items_per_s']:,} items/s; "
              f"index writer alone (floor): {data['index_floor_items_per_s']:,} items/s")  # fmt: skip
        print(
            f"{'query':<28}{'filters':<12}{'matches':>9}{'median':>9}{'p95':>9}{'floor':>9}{'ratio':>7}"
        )
        for r in data["queries"]:
            floor = r["floor_median_ms"]
            ratio = f"{r['median_ms'] / floor:.1f}" if floor else "—"
            print(f"{r['query']:<28}{r['filters']:<12}{r['matches']:>9,}{r['median_ms']:>9}"
                  f"{r['p95_ms']:>9}{floor:>9}{ratio:>7}")  # fmt: skip


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(
        description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter
    )
    parser.add_argument("--sizes", type=int, nargs="+", default=[100_000])
    parser.add_argument("--database-url", help="run on this database only (in this process)")
    parser.add_argument("--json", action="store_true", help="print JSON instead of tables")
    args = parser.parse_args(argv)
    sizes = sorted(set(args.sizes))
    if args.database_url:
        result = run_one(args.database_url, sizes)
        print(json.dumps(result, ensure_ascii=False) if args.json else "", end="")
        if not args.json:
            _print(result)
        return 0
    pg = os.environ.get(
        "GONGKAI_BENCH_PG_URL", "postgres://postgres@127.0.0.1:5432/gk_bench_search"
    )
    sqlite_path = os.path.join(tempfile.mkdtemp(prefix="gk-bench-"), "bench.sqlite3")
    for url in (f"sqlite:///{sqlite_path}", pg):
        if url.startswith("postgres"):
            try:
                _fresh_pg(url)
            except Exception as exc:
                print(f"PostgreSQL 不可用，跳过 / skipped: {exc}")
                continue
        proc = subprocess.run(
            [sys.executable, "-m", "bench.search", "--database-url", url, "--json",
             "--sizes", *map(str, sizes)],
            capture_output=True, text=True, check=False,
        )  # fmt: skip
        if proc.returncode != 0:
            print(proc.stderr[-3000:])
            return proc.returncode
        _print(json.loads(proc.stdout))
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
