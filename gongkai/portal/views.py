"""The public site: 政府信息公开专栏. Reads only through other apps' selectors; owns no models.

Every page is plain server-rendered HTML that works without JavaScript; filters are GET forms.
"""

from __future__ import annotations

from dataclasses import dataclass

from django.core.paginator import Page, Paginator
from django.http import FileResponse, Http404, HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, render
from django.urls import reverse
from django.utils import timezone
from django.utils.http import urlencode

from gongkai.core.errors import NotFoundError
from gongkai.orgs.models import Organ
from gongkai.publications import selectors as pub
from gongkai.publications.content import KINDS
from gongkai.publications.models import Category, PageKind, Topic, Validity

PAGE_SIZE = 20
MAX_PAGE = 500  # deeper pages are refused: use the filters or search instead


def _int(value: str | None) -> int | None:
    try:
        number = int(value or "")
    except ValueError:
        return None
    return number if 0 < number < 2**31 else None


def _page_number(request: HttpRequest) -> int:
    return min(_int(request.GET.get("page")) or 1, MAX_PAGE)


def _home_organ() -> Organ | None:
    return Organ.objects.filter(parent=None, is_active=True).order_by("sort_order", "id").first()


def _organs_with_items() -> list[Organ]:
    ids = set(pub.published_items().values_list("organ_id", flat=True).distinct())
    return [
        o for o in Organ.objects.filter(is_active=True).order_by("sort_order", "id") if o.pk in ids
    ]


def _query_without(request: HttpRequest, *drop: str) -> str:
    params = {k: str(v) for k, v in request.GET.items() if k not in drop and v}
    return urlencode(params)


def home(request: HttpRequest) -> HttpResponse:
    """政府信息公开专栏 front page: the five sections, search, latest items."""
    organ = _home_organ()
    latest = pub.published_items().order_by("-published_on", "-id")[:10]
    return render(
        request,
        "portal/home.html",
        {
            "organ": organ,
            "latest": latest,
            "categories": Category.objects.all(),
            "topics": pub.topic_tree(),
            "organs": _organs_with_items(),
        },
    )


def static_page(request: HttpRequest, kind: str, organ_id: int | None = None) -> HttpResponse:
    """指南 or 制度 of an organ, as written by its disclosure office."""
    organ = get_object_or_404(Organ, pk=organ_id) if organ_id else _home_organ()
    if organ is None:
        raise Http404("没有机关")
    page = pub.portal_page(organ.pk, kind)
    others = [
        o
        for o in Organ.objects.filter(is_active=True, portal_pages__kind=kind).distinct()
        if o.pk != organ.pk
    ]
    return render(
        request,
        "portal/static_page.html",
        {
            "organ": organ,
            "page": page,
            "kind_label": PageKind(kind).label,
            "kind": kind,
            "others": others,
        },
    )


def guide(request: HttpRequest, organ_id: int | None = None) -> HttpResponse:
    return static_page(request, PageKind.GUIDE, organ_id)


def rules(request: HttpRequest, organ_id: int | None = None) -> HttpResponse:
    return static_page(request, PageKind.RULES, organ_id)


@dataclass(frozen=True)
class Filters:
    organ: int | None
    topic: int | None
    category: int | None
    year: int | None
    validity: str | None

    @property
    def organ_ids(self) -> list[int] | None:
        return [self.organ] if self.organ else None


def _filters(request: HttpRequest) -> Filters:
    organ = _int(request.GET.get("organ"))
    topic = _int(request.GET.get("topic"))
    category = _int(request.GET.get("category"))
    year = _int(request.GET.get("year"))
    validity = request.GET.get("validity") or None
    return Filters(
        organ=organ if organ and Organ.objects.filter(pk=organ).exists() else None,
        topic=topic if topic and Topic.objects.filter(pk=topic).exists() else None,
        category=category if category and Category.objects.filter(pk=category).exists() else None,
        year=year if year and 1990 <= year <= 2200 else None,
        validity=validity if validity in Validity.values else None,
    )


def _filter_context(request: HttpRequest, f: Filters) -> dict[str, object]:
    this_year = timezone.localdate().year
    return {
        "f": f,
        "organs": _organs_with_items(),
        "topics": pub.topic_tree(),
        "categories": Category.objects.all(),
        "years": list(range(this_year, this_year - 15, -1)),
        "validities": Validity.choices,
        "selected_topic": Topic.objects.filter(pk=f.topic).first() if f.topic else None,
        "selected_organ": Organ.objects.filter(pk=f.organ).first() if f.organ else None,
        "selected_category": (
            Category.objects.filter(pk=f.category).first() if f.category else None
        ),
        "qs_without_page": _query_without(request, "page"),
    }


def catalogue(request: HttpRequest) -> HttpResponse:
    """法定主动公开内容: browse by organ, topic, category, year, validity."""
    f = _filters(request)
    items = pub.filter_items(
        organ_ids=f.organ_ids,
        topic_id=f.topic,
        category_id=f.category,
        year=f.year,
        validity=f.validity,
    )
    page: Page = Paginator(items, PAGE_SIZE).get_page(_page_number(request))
    return render(request, "portal/catalogue.html", {"page": page, **_filter_context(request, f)})


def item(request: HttpRequest, pk: int) -> HttpResponse:
    try:
        publication = pub.public_item(pk)
    except NotFoundError:
        raise Http404("信息不存在或已撤回") from None
    today = timezone.localdate()
    docs = [(d, d.status_on(today)) for d in publication.normative_documents.all()]
    return render(
        request,
        "portal/item.html",
        {
            "item": publication,
            "attachments": [(a, KINDS.get(a.kind)) for a in publication.attachments.all()],
            "normative": docs,
        },
    )


def attachment(request: HttpRequest, pk: int, attachment_id: int) -> FileResponse:
    try:
        publication = pub.public_item(pk)
    except NotFoundError:
        raise Http404("信息不存在或已撤回") from None
    att = get_object_or_404(publication.attachments, pk=attachment_id)
    kind = KINDS.get(att.kind)
    response = FileResponse(
        att.file.open("rb"),
        as_attachment=att.kind not in ("pdf", "png", "jpeg"),
        filename=att.original_name,
        content_type=kind.content_type if kind else "application/octet-stream",
    )
    response["Content-Security-Policy"] = "default-src 'none'; sandbox"
    return response


def search(request: HttpRequest) -> HttpResponse:
    """Full-text search with filters; highlighted titles and snippets."""
    q = (request.GET.get("q") or "")[:200]
    f = _filters(request)
    number = _page_number(request)
    result = pub.search_publications(
        q=q,
        organ_ids=f.organ_ids,
        topic_id=f.topic,
        year=f.year,
        validity=f.validity,
        limit=PAGE_SIZE,
        offset=(number - 1) * PAGE_SIZE,
    )
    pages = max(1, -(-result.total // PAGE_SIZE))
    return render(
        request,
        "portal/search.html",
        {
            "q": q,
            "result": result,
            "page_number": number,
            "first_number": (number - 1) * PAGE_SIZE + 1,
            "pages": min(pages, MAX_PAGE),
            "has_prev": number > 1,
            "has_next": number < min(pages, MAX_PAGE),
            **_filter_context(request, f),
        },
    )


def organs(request: HttpRequest) -> HttpResponse:
    """Every organ with its sections (guide, rules, catalogue, feeds)."""
    counts: dict[int, int] = {}
    for organ_id in pub.published_items().values_list("organ_id", flat=True).iterator():
        counts[organ_id] = counts.get(organ_id, 0) + 1
    rows = [
        (o, counts.get(o.pk, 0))
        for o in Organ.objects.filter(is_active=True).order_by("sort_order", "id")
    ]
    return render(request, "portal/organs.html", {"rows": rows})


def feed_links(organ: Organ | None = None, topic: Topic | None = None) -> dict[str, str]:
    if organ is not None:
        return {
            "rss": reverse("portal:feed-organ-rss", args=[organ.pk]),
            "atom": reverse("portal:feed-organ-atom", args=[organ.pk]),
        }
    if topic is not None:
        return {
            "rss": reverse("portal:feed-topic-rss", args=[topic.pk]),
            "atom": reverse("portal:feed-topic-atom", args=[topic.pk]),
        }
    return {"rss": reverse("portal:feed-rss"), "atom": reverse("portal:feed-atom")}
