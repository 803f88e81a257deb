"""Public JSON API of the catalogue: GET /api/v1/publications (search and browse) and
GET /api/v1/publications/{id}. Only published items; the same selectors as the portal."""

from __future__ import annotations

from datetime import date

from django.http import HttpRequest
from ninja import Field, Query, Router, Schema
from ninja.errors import HttpError

from gongkai.core.errors import NotFoundError
from gongkai.publications import selectors
from gongkai.publications.models import Publication, Validity

router = Router(tags=["publications"])
MAX_PAGE_SIZE = 100


class PublicationOut(Schema):
    id: int
    index_number: str = Field(description="索引号")
    title: str
    organ: str = Field(description="发布机构")
    organ_id: int
    document_number: str = Field(description="文号")
    written_on: date | None = Field(description="成文日期")
    published_on: date | None = Field(description="发布日期")
    topic: str | None = Field(description="主题分类")
    category: str = Field(description="信息类别")
    validity: str = Field(
        description="有效性：valid 有效 / revised 已修订 / repealed 已废止 / expired 失效"
    )
    url: str


class PublicationDetail(PublicationOut):
    body_html: str = Field(description="正文（已清洗的 HTML）")
    channels: list[str]
    attachments: list[dict[str, str | int]]


class Hit(PublicationOut):
    snippet: str = Field(description="摘要，命中词以 <mark> 标出（已转义的 HTML）")


class ListOut(Schema):
    count: int
    page: int
    page_size: int
    results: list[Hit]


class Params(Schema):
    q: str = Field("", max_length=200, description="检索词：空格分隔表示同时包含，英文引号表示短语")
    organ: int | None = Field(None, description="机关 id")
    topic: int | None = Field(None, description="主题分类 id（含下级分类）")
    year: int | None = Field(None, ge=1990, le=2200, description="发布年份")
    validity: Validity | None = None
    page: int = Field(1, ge=1, le=1000)
    page_size: int = Field(20, ge=1, le=MAX_PAGE_SIZE)


def _out(p: Publication) -> dict[str, object]:
    return {
        "id": p.pk,
        "index_number": p.index_number,
        "title": p.title,
        "organ": p.organ.name,
        "organ_id": p.organ_id,
        "document_number": p.document_number,
        "written_on": p.written_on,
        "published_on": p.published_on,
        "topic": p.topic.name if p.topic else None,
        "category": p.category.name,
        "validity": p.validity,
        "url": f"/catalogue/{p.pk}/",
    }


@router.get(
    "", response=ListOut, summary="检索或浏览主动公开信息 / search and browse published items"
)
def list_publications(request: HttpRequest, params: Query[Params]) -> dict[str, object]:
    offset = (params.page - 1) * params.page_size
    organ_ids = [params.organ] if params.organ else None
    validity = params.validity.value if params.validity else None
    if params.q.strip():
        result = selectors.search_publications(
            q=params.q, organ_ids=organ_ids, topic_id=params.topic, year=params.year,
            validity=validity, limit=params.page_size, offset=offset,
        )  # fmt: skip
        results = [{**_out(h.item), "snippet": str(h.snippet)} for h in result.hits]
        total = result.total
    else:
        qs = selectors.filter_items(
            organ_ids=organ_ids, topic_id=params.topic, year=params.year, validity=validity
        )
        total = qs.count()
        results = [
            {**_out(p), "snippet": p.body_text[:120]}
            for p in qs[offset : offset + params.page_size]
        ]
    return {"count": total, "page": params.page, "page_size": params.page_size, "results": results}


@router.get(
    "/{item_id}", response=PublicationDetail, summary="一条主动公开信息 / one published item"
)
def get_publication(request: HttpRequest, item_id: int) -> dict[str, object]:
    try:
        p = selectors.public_item(item_id)
    except NotFoundError:
        raise HttpError(404, "信息不存在或已撤回 / no such published item") from None
    return {
        **_out(p),
        "body_html": p.body_html,
        "channels": list(p.channels),
        "attachments": [
            {
                "name": a.original_name,
                "kind": a.kind,
                "size": a.size,
                "url": f"/catalogue/{p.pk}/files/{a.pk}/",
            }
            for a in p.attachments.all()
        ],
    }
