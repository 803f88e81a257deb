"""RSS 2.0 and Atom feeds of published items (all, per organ, per topic), and sitemap.xml.

The sitemap is an index: one file for the fixed pages and one per 10,000 items, so a catalogue
of a million items stays within the 50,000-URL limit of each file."""

from __future__ import annotations

from collections.abc import Iterator
from datetime import date, datetime, time
from typing import Any

from django.contrib.syndication.views import Feed
from django.db.models import QuerySet
from django.http import Http404, HttpRequest, HttpResponse, StreamingHttpResponse
from django.shortcuts import get_object_or_404
from django.urls import reverse
from django.utils import feedgenerator, timezone

from gongkai.orgs.models import Organ
from gongkai.publications import selectors as pub
from gongkai.publications.models import Publication, Topic

FEED_SIZE = 50
SITEMAP_CHUNK = 10_000


class _ItemsFeed(Feed):
    description_template = None
    scope_label = "全部"

    def title(self, obj: Any = None) -> str:
        from django.conf import settings

        return f"{settings.SITE_NAME} · 主动公开 · {self.scope(obj)}"

    def scope(self, obj: Any) -> str:
        return str(obj) if obj is not None else self.scope_label

    def link(self, obj: Any = None) -> str:
        return reverse("portal:catalogue")

    def description(self, obj: Any = None) -> str:
        return f"最新主动公开的政府信息（{self.scope(obj)}）"

    def get_queryset(self, obj: Any) -> QuerySet[Publication]:
        return pub.filter_items()

    def items(self, obj: Any = None) -> list[Publication]:
        return list(self.get_queryset(obj)[:FEED_SIZE])

    def item_title(self, item: Publication) -> str:
        return item.title

    def item_description(self, item: Publication) -> str:
        text = item.body_text[:300]
        meta = f"索引号：{item.index_number}；发布机构：{item.organ.name}"
        if item.document_number:
            meta += f"；文号：{item.document_number}"
        return f"{meta}。{text}"

    def item_link(self, item: Publication) -> str:
        return reverse("portal:item", args=[item.pk])

    def item_guid(self, item: Publication) -> str:
        return item.index_number

    item_guid_is_permalink = False

    def item_pubdate(self, item: Publication) -> datetime | None:
        if item.published_on is None:
            return None
        return timezone.make_aware(datetime.combine(item.published_on, time(9, 0)))

    def item_author_name(self, item: Publication) -> str:
        return item.organ.name

    def item_categories(self, item: Publication) -> list[str]:
        return [c for c in (item.topic.name if item.topic else None, item.category.name) if c]


class AllRss(_ItemsFeed):
    pass


class AllAtom(_ItemsFeed):
    feed_type = feedgenerator.Atom1Feed
    subtitle = _ItemsFeed.description


class OrganRss(_ItemsFeed):
    def get_object(self, request: HttpRequest, organ_id: int) -> Organ:
        return get_object_or_404(Organ, pk=organ_id, is_active=True)

    def get_queryset(self, obj: Any) -> QuerySet[Publication]:
        return pub.filter_items(organ_ids=[obj.pk])

    def link(self, obj: Any = None) -> str:
        return reverse("portal:catalogue") + f"?organ={obj.pk}"


class OrganAtom(OrganRss):
    feed_type = feedgenerator.Atom1Feed
    subtitle = _ItemsFeed.description


class TopicRss(_ItemsFeed):
    def get_object(self, request: HttpRequest, topic_id: int) -> Topic:
        return get_object_or_404(Topic, pk=topic_id)

    def get_queryset(self, obj: Any) -> QuerySet[Publication]:
        return pub.filter_items(topic_id=obj.pk)

    def link(self, obj: Any = None) -> str:
        return reverse("portal:catalogue") + f"?topic={obj.pk}"


class TopicAtom(TopicRss):
    feed_type = feedgenerator.Atom1Feed
    subtitle = _ItemsFeed.description


# --- sitemap ----------------------------------------------------------------------------

_XML_HEAD = '<?xml version="1.0" encoding="UTF-8"?>\n'
_NS = 'xmlns="http://www.sitemaps.org/schemas/sitemap/0.9"'


def _abs(request: HttpRequest, path: str) -> str:
    return request.build_absolute_uri(path)


def sitemap_index(request: HttpRequest) -> HttpResponse:
    total = pub.published_items().count()
    parts = [_XML_HEAD, f"<sitemapindex {_NS}>\n"]
    parts.append(
        f"<sitemap><loc>{_abs(request, reverse('portal:sitemap-pages'))}</loc></sitemap>\n"
    )
    for n in range(-(-total // SITEMAP_CHUNK)):
        loc = _abs(request, reverse("portal:sitemap-items", args=[n + 1]))
        parts.append(f"<sitemap><loc>{loc}</loc></sitemap>\n")
    parts.append("</sitemapindex>\n")
    return HttpResponse("".join(parts), content_type="application/xml; charset=utf-8")


def sitemap_pages(request: HttpRequest) -> HttpResponse:
    paths = [reverse("portal:home"), reverse("portal:guide"), reverse("portal:rules"),
             reverse("portal:catalogue"), reverse("portal:organs"), reverse("portal:search")]  # fmt: skip
    paths += [
        reverse("portal:guide-organ", args=[o.pk]) for o in Organ.objects.filter(is_active=True)
    ]
    body = "".join(f"<url><loc>{_abs(request, p)}</loc></url>\n" for p in paths)
    return HttpResponse(
        f"{_XML_HEAD}<urlset {_NS}>\n{body}</urlset>\n",
        content_type="application/xml; charset=utf-8",
    )


def sitemap_items(request: HttpRequest, n: int) -> StreamingHttpResponse:
    if n < 1:
        raise Http404
    ids = (
        pub.published_items()
        .order_by("pk")
        .values_list("pk", "published_on")[(n - 1) * SITEMAP_CHUNK : n * SITEMAP_CHUNK]
    )
    rows = list(ids)
    if not rows:
        raise Http404("没有这一页")

    def lines() -> Iterator[str]:
        yield f"{_XML_HEAD}<urlset {_NS}>\n"
        for pk, published_on in rows:
            loc = _abs(request, reverse("portal:item", args=[pk]))
            lastmod = (
                f"<lastmod>{published_on.isoformat()}</lastmod>"
                if isinstance(published_on, date)
                else ""
            )
            yield f"<url><loc>{loc}</loc>{lastmod}</url>\n"
        yield "</urlset>\n"

    return StreamingHttpResponse(lines(), content_type="application/xml; charset=utf-8")
