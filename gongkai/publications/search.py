"""Full-text search over published items: one module, two backends (SQLite FTS5, PostgreSQL
tsvector), both fed with the tokens of `gongkai.publications.tokens`.

Index layout
- SQLite: an FTS5 table `publications_fts(title, body)` whose rowid is the publication id; the
  columns hold space-separated tokens. Ranking: bm25 with the title weighted 10× the body.
- PostgreSQL: a table `publications_searchvec(publication_id, vec tsvector)` with a GIN index.
  No foreign key: Django's flush (TRUNCATE without CASCADE in transactional tests) must be able to
  empty the publications table; every query joins the publications table, so a stale row is
  never returned.
  The tsvector is written as a literal (lexeme:position) built here, never through a text search
  parser, so no locale or dictionary changes a token. Title positions carry weight A, body
  positions weight D; ranking: ts_rank (A = 1.0, D = 0.1).

Only published items are in the index; withdrawing an item removes it (and the queries also
require status = published). Highlighted snippets are made in Python from the stored text.
"""

from __future__ import annotations

import html
import re
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from datetime import date
from typing import Any

from django.db import connection
from django.utils.safestring import SafeString, mark_safe

from gongkai.publications import tokens as tk

TITLE_GAP = 10  # positions between the title and the body, so no phrase spans both


def create_index_tables(conn: object = None) -> None:
    """Create the backend's index structures (called from the migration)."""
    c = conn or connection
    with c.cursor() as cur:  # type: ignore[attr-defined]
        if c.vendor == "postgresql":  # type: ignore[attr-defined]
            cur.execute(
                "CREATE TABLE IF NOT EXISTS publications_searchvec ("
                " publication_id bigint PRIMARY KEY,"
                " vec tsvector NOT NULL)"
            )
            cur.execute(
                "CREATE INDEX IF NOT EXISTS publications_searchvec_gin"
                " ON publications_searchvec USING gin (vec)"
            )
        else:
            cur.execute(
                "CREATE VIRTUAL TABLE IF NOT EXISTS publications_fts USING fts5("
                "title, body, tokenize = 'unicode61 remove_diacritics 0')"
            )


def drop_index_tables(conn: object = None) -> None:
    c = conn or connection
    with c.cursor() as cur:  # type: ignore[attr-defined]
        if c.vendor == "postgresql":  # type: ignore[attr-defined]
            cur.execute("DROP TABLE IF EXISTS publications_searchvec")
        else:
            cur.execute("DROP TABLE IF EXISTS publications_fts")


# --- indexing ---------------------------------------------------------------------------


@dataclass(frozen=True)
class IndexDoc:
    pk: int
    title: str
    body: str  # plain text: body, 文号, 索引号, keywords


def _doc_tokens(doc: IndexDoc) -> tuple[list[str], list[str]]:
    return tk.tokens(doc.title)[: tk.MAX_TITLE_TOKENS], tk.tokens(doc.body)[: tk.MAX_BODY_TOKENS]


def tsvector_literal(title: list[str], body: list[str]) -> str:
    positions: dict[str, list[str]] = {}
    for i, tok in enumerate(title, start=1):
        positions.setdefault(tok, []).append(f"{i}A")
    start = len(title) + TITLE_GAP
    for i, tok in enumerate(body, start=start):
        positions.setdefault(tok, []).append(str(i))
    # Tokens are [0-9a-z] or CJK characters only: nothing to escape inside the quotes.
    return " ".join(f"'{tok}':{','.join(pos[:256])}" for tok, pos in positions.items())


def index_documents(docs: Iterable[IndexDoc]) -> int:
    """Add or replace documents in the index. Returns how many were written."""
    rows = [(d.pk, *_doc_tokens(d)) for d in docs]
    if not rows:
        return 0
    pks = [r[0] for r in rows]
    remove_documents(pks)
    with connection.cursor() as cur:
        if connection.vendor == "postgresql":
            cur.executemany(
                "INSERT INTO publications_searchvec (publication_id, vec) VALUES (%s, %s::tsvector)",
                [(pk, tsvector_literal(t, b)) for pk, t, b in rows],
            )
        else:
            cur.executemany(
                "INSERT INTO publications_fts (rowid, title, body) VALUES (%s, %s, %s)",
                [(pk, " ".join(t), " ".join(b)) for pk, t, b in rows],
            )
    return len(rows)


def remove_documents(pks: Sequence[int]) -> None:
    if not pks:
        return
    with connection.cursor() as cur:
        for start in range(0, len(pks), 500):
            chunk = list(pks[start : start + 500])
            marks = ",".join(["%s"] * len(chunk))
            if connection.vendor == "postgresql":
                cur.execute(
                    f"DELETE FROM publications_searchvec WHERE publication_id IN ({marks})", chunk
                )
            else:
                cur.execute(f"DELETE FROM publications_fts WHERE rowid IN ({marks})", chunk)


def prune_index(using: str = "default") -> None:
    """Drop index rows whose item is missing or no longer published."""
    from django.db import connections

    conn = connections[using]
    with conn.cursor() as cur:
        if conn.vendor == "postgresql":
            cur.execute(
                "DELETE FROM publications_searchvec s WHERE NOT EXISTS (SELECT 1 FROM"
                " publications_publication p WHERE p.id = s.publication_id AND p.status = 'published')"
            )
        else:
            cur.execute(
                "DELETE FROM publications_fts WHERE rowid NOT IN"
                " (SELECT id FROM publications_publication WHERE status = 'published')"
            )


def clear_index() -> None:
    with connection.cursor() as cur:
        if connection.vendor == "postgresql":
            cur.execute("DELETE FROM publications_searchvec")
        else:
            cur.execute("DELETE FROM publications_fts")


# --- querying ---------------------------------------------------------------------------


def fts5_match(query: tk.Query) -> str:
    parts = []
    for group in query.groups:
        phrase = '"' + " ".join(group.tokens) + '"'
        parts.append(phrase + "*" if group.prefix else phrase)
    return " AND ".join(parts)


def tsquery_literal(query: tk.Query) -> str:
    parts = []
    for group in query.groups:
        if group.prefix:
            parts.append(f"'{group.tokens[0]}':*")
        else:
            parts.append("(" + " <-> ".join(f"'{t}'" for t in group.tokens) + ")")
    return " & ".join(parts)


@dataclass(frozen=True)
class Filters:
    organ_ids: tuple[int, ...] | None = None
    topic_ids: tuple[int, ...] | None = None
    category_id: int | None = None
    year: int | None = None
    validity: str | None = None


def _filter_sql(f: Filters) -> tuple[str, list[Any]]:
    sql = ["p.status = %s"]
    params: list[Any] = ["published"]
    if f.organ_ids is not None:
        sql.append(f"p.organ_id IN ({','.join(['%s'] * len(f.organ_ids)) or 'NULL'})")
        params.extend(f.organ_ids)
    if f.topic_ids is not None:
        sql.append(f"p.topic_id IN ({','.join(['%s'] * len(f.topic_ids)) or 'NULL'})")
        params.extend(f.topic_ids)
    if f.category_id is not None:
        sql.append("p.category_id = %s")
        params.append(f.category_id)
    if f.year is not None:
        sql.append("p.published_on >= %s AND p.published_on <= %s")
        params.extend([date(f.year, 1, 1), date(f.year, 12, 31)])
    if f.validity:
        sql.append("p.validity = %s")
        params.append(f.validity)
    return " AND ".join(sql), params


def search_ids(
    query: tk.Query, filters: Filters, *, limit: int, offset: int
) -> tuple[list[int], int]:
    """Ids of published items matching `query`, best first, and the total number of matches."""
    if query.empty:
        return [], 0
    if filters == Filters():
        return _search_unfiltered(query, limit=limit, offset=offset)
    where, params = _filter_sql(filters)
    if connection.vendor == "postgresql":
        base = (
            " FROM publications_searchvec s"
            " JOIN publications_publication p ON p.id = s.publication_id"
            f" WHERE s.vec @@ %s::tsquery AND {where}"
        )
        q = tsquery_literal(query)
        select = (
            "SELECT p.id" + base + " ORDER BY ts_rank(s.vec, %s::tsquery, 0) DESC,"
            " p.published_on DESC, p.id DESC"
            " LIMIT %s OFFSET %s"
        )
        select_params: list[Any] = [q, *params, q, limit, offset]
        count_params: list[Any] = [q, *params]
    else:
        base = (
            # CROSS JOIN fixes SQLite's join order: the full-text match first, then the rows
            # it found; otherwise the planner may walk the filtered publications and run the
            # MATCH once per row.
            " FROM publications_fts f CROSS JOIN publications_publication p ON p.id = f.rowid"
            f" WHERE publications_fts MATCH %s AND {where}"
        )
        m = fts5_match(query)
        select = (
            "SELECT p.id" + base + " ORDER BY bm25(publications_fts, 10.0, 1.0),"
            " p.published_on DESC, p.id DESC LIMIT %s OFFSET %s"
        )
        select_params = [m, *params, limit, offset]
        count_params = [m, *params]
    with connection.cursor() as cur:
        cur.execute(select, select_params)
        ids = [row[0] for row in cur.fetchall()]
        cur.execute("SELECT count(*)" + base, count_params)
        total = cur.fetchone()[0]
    return ids, int(total)


def _search_unfiltered(query: tk.Query, *, limit: int, offset: int) -> tuple[list[int], int]:
    """Without filters the index alone answers: it holds published items only (publishing adds,
    withdrawing removes, in the same transaction), so no join with the publications table is
    needed to rank or to count. The caller still loads the items as published ones."""
    with connection.cursor() as cur:
        if connection.vendor == "postgresql":
            q = tsquery_literal(query)
            cur.execute(
                "SELECT publication_id FROM publications_searchvec WHERE vec @@ %s::tsquery"
                " ORDER BY ts_rank(vec, %s::tsquery, 0) DESC, publication_id DESC LIMIT %s OFFSET %s",
                [q, q, limit, offset],
            )
            ids = [row[0] for row in cur.fetchall()]
            cur.execute("SELECT count(*) FROM publications_searchvec WHERE vec @@ %s::tsquery", [q])
        else:
            m = fts5_match(query)
            cur.execute(
                "SELECT rowid FROM publications_fts WHERE publications_fts MATCH %s"
                " ORDER BY bm25(publications_fts, 10.0, 1.0), rowid DESC LIMIT %s OFFSET %s",
                [m, limit, offset],
            )
            ids = [row[0] for row in cur.fetchall()]
            cur.execute(
                "SELECT count(*) FROM publications_fts WHERE publications_fts MATCH %s", [m]
            )
        total = cur.fetchone()[0]
    return ids, int(total)


# --- snippets ---------------------------------------------------------------------------


def _term_pattern(terms: Sequence[str]) -> re.Pattern[str] | None:
    alts = sorted({t for t in terms if t}, key=len, reverse=True)
    if not alts:
        return None
    return re.compile("|".join(re.escape(t) for t in alts), re.IGNORECASE)


def highlight(text: str, terms: Sequence[str]) -> SafeString:
    """`text` escaped, with each occurrence of a term wrapped in <mark>."""
    pattern = _term_pattern(terms)
    if pattern is None:
        return mark_safe(html.escape(text))
    out, last = [], 0
    for m in pattern.finditer(text):
        out.append(html.escape(text[last : m.start()]))
        out.append(f"<mark>{html.escape(m.group(0))}</mark>")
        last = m.end()
    out.append(html.escape(text[last:]))
    return mark_safe("".join(out))


def snippet(text: str, terms: Sequence[str], *, width: int = 120) -> SafeString:
    """About `width` characters of `text` around the first hit, highlighted."""
    text = " ".join(text.split())
    pattern = _term_pattern(terms)
    hit = pattern.search(text) if pattern else None
    start = max(0, (hit.start() if hit else 0) - width // 3)
    piece = text[start : start + width]
    prefix = "…" if start > 0 else ""
    suffix = "…" if start + width < len(text) else ""
    return mark_safe(prefix + highlight(piece, terms) + suffix)
