"""Reads of the catalogue worth naming, including the two that feed the annual report:

- `table2_cells` → table 二 (2021 format) cells,
- `proactive_figures` → the section 一 narrative counts (total, by category, by channel).

Both return `dict[str, Figure]`, each figure carrying the record references it was computed
from ("publications.<model>:<pk>") for drill-down.

Counting rules (docs/publications.md):
- An item counts in the year of its 发布日期, if it was published (status published, or
  withdrawn later: it was still disclosed that year).
- Each item has exactly one category and exactly one primary channel (首发渠道), so the category
  counts and the channel counts each add up to the total.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from datetime import date
from decimal import Decimal

from django.db.models import Q, QuerySet
from django.utils import timezone

from gongkai.annual_report.schema import FORMAT_2021
from gongkai.core.errors import NotFoundError
from gongkai.core.figures import Figure, record_ref
from gongkai.publications import search
from gongkai.publications import tokens as tk
from gongkai.publications.models import (
    Category,
    Channel,
    DecisionKind,
    DecisionStatistic,
    NormativeDocument,
    NormativeKind,
    PageKind,
    PortalPage,
    Publication,
    Status,
    Topic,
)

COUNTED_STATUSES = (Status.PUBLISHED, Status.WITHDRAWN)
_NORMATIVE_ROWS = {
    NormativeKind.REGULATION: "regulations",
    NormativeKind.NORMATIVE_DOCUMENT: "normative_documents",
}
_DECISION_KEYS = {
    DecisionKind.LICENSING: "t2.licensing.decisions",
    DecisionKind.PENALTY: "t2.penalty.decisions",
    DecisionKind.ENFORCEMENT: "t2.enforcement.decisions",
    DecisionKind.FEES: "t2.fees.amount",
}


def table2_cells(*, organ_ids: Iterable[int], year: int) -> dict[str, Figure]:
    """The ten table 二 cells of the 2021 format for the organs and year.

    第二十条第（一）项 from normative documents: issued in the year, repealed in the year, and
    in force on 31 December of the year (issued on or before it, not repealed on or before it,
    not expired before it). （五）（六）（八） from the decision statistics; fees in 万元 (Decimal).
    """
    ids = list(organ_ids)
    cells: dict[str, Figure] = {key: Figure() for key in FORMAT_2021.t2_keys}
    cells["t2.fees.amount"] = Figure(Decimal("0"))
    start, end = date(year, 1, 1), date(year, 12, 31)
    docs = NormativeDocument.objects.filter(organ_id__in=ids, issued_on__lte=end).order_by("pk")
    for doc in docs.only("pk", "kind", "issued_on", "repealed_on", "expires_on"):
        row = _NORMATIVE_ROWS[NormativeKind(doc.kind)]
        ref = record_ref("publications.normativedocument", doc.pk)
        if doc.issued_on >= start:
            cells[f"t2.{row}.issued"].add(ref)
        if doc.repealed_on is not None and start <= doc.repealed_on <= end:
            cells[f"t2.{row}.repealed"].add(ref)
        if doc.in_force_on(end):
            cells[f"t2.{row}.in_force"].add(ref)
    stats = DecisionStatistic.objects.filter(organ_id__in=ids, year=year).order_by("pk")
    for stat in stats:
        key = _DECISION_KEYS[DecisionKind(stat.kind)]
        amount: int | Decimal = stat.value if stat.kind == DecisionKind.FEES else int(stat.value)
        cells[key].add(record_ref("publications.decisionstatistic", stat.pk), amount)
    return cells


def counted_publications(*, organ_ids: Iterable[int], year: int) -> QuerySet[Publication]:
    """Items disclosed in `year` by these organs (the population of `proactive_figures`)."""
    return Publication.objects.filter(
        organ_id__in=list(organ_ids),
        status__in=COUNTED_STATUSES,
        published_on__gte=date(year, 1, 1),
        published_on__lte=date(year, 12, 31),
    )


def proactive_figures(*, organ_ids: Iterable[int], year: int) -> dict[str, Figure]:
    """`proactive.total`, `proactive.category.<code>` for every configured category, and
    `proactive.channel.website|weibo|wechat|other` (each item under its primary channel)."""
    figures: dict[str, Figure] = {"proactive.total": Figure()}
    categories = {c.pk: c.code for c in Category.objects.all()}
    for code in categories.values():
        figures[f"proactive.category.{code}"] = Figure()
    for channel in Channel.values:
        figures[f"proactive.channel.{channel}"] = Figure()
    rows = (
        counted_publications(organ_ids=organ_ids, year=year)
        .order_by("pk")
        .values_list("pk", "category_id", "primary_channel")
    )
    for pk, category_id, channel in rows.iterator(chunk_size=5000):
        ref = record_ref("publications.publication", pk)
        figures["proactive.total"].add(ref)
        figures[f"proactive.category.{categories[category_id]}"].add(ref)
        figures[f"proactive.channel.{channel}"].add(ref)
    return figures


# --- catalogue reads --------------------------------------------------------------------


def published_items() -> QuerySet[Publication]:
    return Publication.objects.filter(status=Status.PUBLISHED).select_related(
        "organ", "topic", "category"
    )


def public_item(pk: int) -> Publication:
    """A published item, or NotFoundError (drafts and withdrawn items are not public)."""
    item = published_items().filter(pk=pk).prefetch_related("attachments").first()
    if item is None:
        raise NotFoundError("信息不存在或已撤回。", "No such published item.")
    return item


def topic_subtree_ids(topic_id: int) -> list[int]:
    children: dict[int | None, list[int]] = {}
    for pk, parent in Topic.objects.values_list("pk", "parent_id"):
        children.setdefault(parent, []).append(pk)
    out, frontier = [topic_id], [topic_id]
    while frontier:
        frontier = [c for p in frontier for c in children.get(p, [])]
        out.extend(frontier)
    return out


@dataclass(frozen=True)
class TopicNode:
    topic: Topic
    children: list[TopicNode]
    count: int


def topic_tree(*, organ_ids: Iterable[int] | None = None) -> list[TopicNode]:
    """The topic tree with the number of published items in each subtree."""
    qs = published_items()
    if organ_ids is not None:
        qs = qs.filter(organ_id__in=list(organ_ids))
    own: dict[int, int] = {}
    for topic_id in qs.exclude(topic=None).values_list("topic_id", flat=True).iterator():
        own[topic_id] = own.get(topic_id, 0) + 1
    topics = list(Topic.objects.all())
    by_parent: dict[int | None, list[Topic]] = {}
    for t in topics:
        by_parent.setdefault(t.parent_id, []).append(t)

    def build(parent: int | None) -> list[TopicNode]:
        nodes = []
        for t in by_parent.get(parent, []):
            kids = build(t.pk)
            nodes.append(TopicNode(t, kids, own.get(t.pk, 0) + sum(k.count for k in kids)))
        return nodes

    return build(None)


def filter_items(
    *,
    organ_ids: Iterable[int] | None = None,
    topic_id: int | None = None,
    category_id: int | None = None,
    year: int | None = None,
    validity: str | None = None,
) -> QuerySet[Publication]:
    qs = published_items()
    if organ_ids is not None:
        qs = qs.filter(organ_id__in=list(organ_ids))
    if topic_id is not None:
        qs = qs.filter(topic_id__in=topic_subtree_ids(topic_id))
    if category_id is not None:
        qs = qs.filter(category_id=category_id)
    if year is not None:
        qs = qs.filter(published_on__year=year)
    if validity:
        qs = qs.filter(validity=validity)
    return qs.order_by("-published_on", "-id")


@dataclass(frozen=True)
class SearchHit:
    item: Publication
    title: object  # SafeString with <mark>
    snippet: object


@dataclass(frozen=True)
class SearchResult:
    query: tk.Query
    hits: list[SearchHit]
    total: int


def search_publications(
    *,
    q: str,
    organ_ids: Iterable[int] | None = None,
    topic_id: int | None = None,
    category_id: int | None = None,
    year: int | None = None,
    validity: str | None = None,
    limit: int = 20,
    offset: int = 0,
) -> SearchResult:
    """Published items matching `q`, best first, with highlighted title and snippet."""
    query = tk.parse_query(q)
    filters = search.Filters(
        organ_ids=tuple(organ_ids) if organ_ids is not None else None,
        topic_ids=tuple(topic_subtree_ids(topic_id)) if topic_id is not None else None,
        category_id=category_id,
        year=year,
        validity=validity or None,
    )
    ids, total = search.search_ids(
        query, filters, limit=max(1, min(limit, 100)), offset=max(0, offset)
    )
    items = {p.pk: p for p in published_items().filter(pk__in=ids)}
    hits = [
        SearchHit(
            item=items[i],
            title=search.highlight(items[i].title, query.terms),
            snippet=search.snippet(
                " ".join(x for x in (items[i].body_text, items[i].document_number) if x),
                query.terms,
            ),
        )
        for i in ids
        if i in items
    ]
    return SearchResult(query, hits, total)


# --- Art. 26: 20 working days -----------------------------------------------------------


@dataclass(frozen=True)
class Art26Row:
    item: Publication
    due_on: date
    late_by: int  # working days after the due date (0 = on time)
    open: bool  # not yet published


def art26_late_items(
    *, organ_ids: Iterable[int], year: int | None = None, today: date | None = None
) -> list[Art26Row]:
    """Items published more than 20 working days after the information was formed or changed
    (Art. 26), and unpublished items already past that date. Raises CalendarMissingError when a
    needed year of the working-day calendar is not loaded."""
    from gongkai.workdays.compute import add_working_days, working_days_between
    from gongkai.workdays.selectors import work_calendar

    today = today or timezone.localdate()
    cal = work_calendar()
    qs = Publication.objects.filter(organ_id__in=list(organ_ids)).exclude(status=Status.WITHDRAWN)
    if year is not None:
        qs = qs.filter(Q(published_on__year=year) | Q(published_on=None, formed_on__year=year))
    rows = []
    for item in qs.select_related("organ").order_by("formed_on", "pk"):
        due = add_working_days(item.formed_on, 20, cal)  # Art. 26: within 20 WD
        end = item.published_on or today
        if end > due:
            rows.append(
                Art26Row(item, due, working_days_between(due, end, cal), item.published_on is None)
            )
    return rows


def portal_page(organ_id: int, kind: PageKind | str) -> PortalPage | None:
    return PortalPage.objects.filter(organ_id=organ_id, kind=kind).first()


def normative_documents(*, organ_ids: Iterable[int]) -> QuerySet[NormativeDocument]:
    return NormativeDocument.objects.filter(organ_id__in=list(organ_ids)).select_related("organ")


def decision_statistics(
    *, organ_ids: Iterable[int], year: int | None = None
) -> QuerySet[DecisionStatistic]:
    qs = DecisionStatistic.objects.filter(organ_id__in=list(organ_ids)).select_related("organ")
    return qs.filter(year=year) if year is not None else qs
