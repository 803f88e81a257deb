"""The public portal through HTTP: sections, browsing, the item page, search, feeds, sitemap,
the JSON API, and what must never show."""

from __future__ import annotations

import xml.etree.ElementTree as ET
from datetime import date

import pytest

from gongkai.publications.models import Publication, Topic
from gongkai.publications.services import (
    PublicationInput,
    normative_document_register,
    portal_page_save,
    publication_attach,
    publication_create,
    publication_withdraw,
)

pytestmark = pytest.mark.django_db


@pytest.fixture
def items(organ, department, publish_many):
    ids = publish_many([
        {"title": "城乡低保标准调整公告", "body": "<p>低保标准提高。</p>", "topic": "1601",
         "category": "documents", "document_number": "遂政〔2021〕15号", "published_on": date(2021, 6, 30)},
        {"title": "县政府常务会议召开", "body": "<p>研究教育工作。</p>", "published_on": date(2020, 5, 6)},
    ])  # fmt: skip
    ids += publish_many([{"title": "教育局工作要点", "topic": "1001"}], organ=department)
    return ids


def test_home_links_every_section(client, items):
    html = client.get("/").content.decode()
    for href, label in [("/guide/", "政府信息公开指南"), ("/rules/", "政府信息公开制度"),
                        ("/catalogue/", "法定主动公开内容"), ("/reports/", "政府信息公开年报"),
                        ("/apply/", "依申请公开"), ("/apply/status/", "申请办理查询")]:  # fmt: skip
        assert f'href="{href}"' in html and label in html
    assert "城乡低保标准调整公告" in html


def test_guide_and_rules_show_the_office_text_sanitised(client, organ, department):
    assert "正在编制中" in client.get("/guide/").content.decode()
    portal_page_save(actor=None, organ=organ, kind="guide", title="遂平县政府信息公开指南",
                     body_html="<h2>一、主动公开</h2><p onclick='x()'>范围</p><script>alert(1)</script>")  # fmt: skip
    portal_page_save(
        actor=None,
        organ=department,
        kind="rules",
        title="教育局公开制度",
        body_html="<p>保密审查制度</p>",
    )
    html = client.get("/guide/").content.decode()
    assert "遂平县政府信息公开指南" in html and "<h2>一、主动公开</h2>" in html
    assert "alert" not in html and "onclick" not in html
    assert "保密审查制度" in client.get(f"/rules/{department.pk}/").content.decode()
    assert client.get("/guide/99999/").status_code == 404


def test_catalogue_browses_by_organ_topic_category_and_year(client, organ, department, items):
    def titles(qs: str) -> str:
        return client.get("/catalogue/" + qs).content.decode()

    assert "教育局工作要点" in titles(f"?organ={department.pk}")
    assert "城乡低保标准调整公告" not in titles(f"?organ={department.pk}")
    parent = Topic.objects.get(code="16")
    assert "城乡低保标准调整公告" in titles(f"?topic={parent.pk}")
    assert "县政府常务会议召开" in titles("?year=2020") and "城乡低保" not in titles("?year=2020")
    # Junk parameters are ignored, never an error.
    assert (
        client.get(
            "/catalogue/?organ=abc&topic=-1&year=99999999999&page=zz&validity=<x>"
        ).status_code
        == 200
    )


def test_catalogue_pages(client, organ, publish_many):
    publish_many(
        [{"title": f"信息{i:02d}", "published_on": date(2021, 1, 1 + i)} for i in range(25)]
    )
    first = client.get("/catalogue/").content.decode()
    assert "第 1 页，共 2 页（25 条）" in first and "信息24" in first and "信息04" not in first
    second = client.get("/catalogue/?page=2").content.decode()
    assert "信息04" in second and 'rel="prev"' in second


def test_item_page_shows_metadata_and_attachments(client, organ, items, editor, reviewer):
    item = Publication.objects.get(pk=items[0])
    normative_document_register(actor=None, organ=organ, kind="normative_document", title="低保办法",
                                issued_on=date(2021, 6, 1), publication=item)  # fmt: skip
    html = client.get(f"/catalogue/{item.pk}/").content.decode()
    for text in (item.index_number, "遂平县人民政府", "遂政〔2021〕15号", "2021-06-30", "社会救助（低保）",
                 "法规公文类", "有效", "主动公开", "政府网站", "行政规范性文件", "现行有效"):  # fmt: skip
        assert text in html


def test_attachments_download_only_for_published_items(client, organ, editor, reviewer):
    from gongkai.publications.services import (
        publication_publish,
        publication_review,
        publication_submit,
    )

    pub = publication_create(actor=editor, organ=organ, data=PublicationInput(
        title="带附件", formed_on=date(2021, 3, 1), category_code="news"))  # fmt: skip
    att = publication_attach(actor=editor, publication=pub, name="附件.pdf", data=b"%PDF-1.4 test")
    assert client.get(f"/catalogue/{pub.pk}/").status_code == 404  # a draft is not public
    assert client.get(f"/catalogue/{pub.pk}/files/{att.pk}/").status_code == 404
    publication_submit(actor=editor, publication=pub)
    publication_review(actor=reviewer, publication=pub, result="pass", reviewed_on=date(2021, 3, 2))
    publication_publish(actor=editor, publication=pub, published_on=date(2021, 3, 3))
    response = client.get(f"/catalogue/{pub.pk}/files/{att.pk}/")
    assert response.status_code == 200 and response["Content-Type"] == "application/pdf"
    assert b"".join(response.streaming_content) == b"%PDF-1.4 test"
    assert "sandbox" in response["Content-Security-Policy"]


def test_withdrawn_items_disappear_everywhere(client, items, reviewer):
    item = Publication.objects.get(pk=items[0])
    publication_withdraw(actor=reviewer, publication=item, reason="误发")
    assert client.get(f"/catalogue/{item.pk}/").status_code == 404
    assert "城乡低保标准调整公告" not in client.get("/catalogue/").content.decode()
    assert "没有找到" in client.get("/search/", {"q": "低保标准"}).content.decode()
    assert "城乡低保标准调整公告" not in client.get("/feeds/rss.xml").content.decode()
    assert client.get(f"/api/v1/publications/{item.pk}").status_code == 404


def test_search_page_highlights_and_filters(client, department, items):
    html = client.get("/search/", {"q": "低保"}).content.decode()
    assert "找到 <strong>1</strong> 条" in html and "城乡<mark>低保</mark>标准调整公告" in html
    html = client.get("/search/", {"q": "教育", "organ": department.pk}).content.decode()
    assert "<mark>教育</mark>局工作要点" in html and "县政府常务会议召开" not in html
    html = client.get("/search/", {"q": "<script>alert(1)</script>"}).content.decode()
    assert "<script>alert(1)</script>" not in html
    assert client.get("/search/", {"q": "x" * 5000, "page": "99999"}).status_code == 200


def test_feeds_per_organ_and_topic(client, organ, department, items):
    rss = ET.fromstring(client.get(f"/feeds/organ/{department.pk}/rss.xml").content)
    assert [i.findtext("title") for i in rss.iter("item")] == ["教育局工作要点"]
    atom = ET.fromstring(
        client.get(f"/feeds/topic/{Topic.objects.get(code='16').pk}/atom.xml").content
    )
    ns = {"a": "http://www.w3.org/2005/Atom"}
    assert [e.findtext("a:title", namespaces=ns) for e in atom.findall("a:entry", ns)] == [
        "城乡低保标准调整公告"
    ]
    assert len(list(ET.fromstring(client.get("/feeds/rss.xml").content).iter("item"))) == 3
    assert client.get("/feeds/organ/99999/rss.xml").status_code == 404


def test_sitemap_lists_pages_and_every_published_item(client, items):
    ns = {"s": "http://www.sitemaps.org/schemas/sitemap/0.9"}
    index = ET.fromstring(client.get("/sitemap.xml").content)
    locs = [e.text for e in index.findall("s:sitemap/s:loc", ns)]
    assert locs == ["http://testserver/sitemap-pages.xml", "http://testserver/sitemap-items-1.xml"]
    items_xml = ET.fromstring(b"".join(client.get("/sitemap-items-1.xml").streaming_content))
    urls = {e.text for e in items_xml.findall("s:url/s:loc", ns)}
    assert urls == {f"http://testserver/catalogue/{pk}/" for pk in items}
    assert client.get("/sitemap-items-2.xml").status_code == 404


def test_json_api_searches_and_reads(client, department, items):
    data = client.get("/api/v1/publications", {"q": "低保"}).json()
    assert data["count"] == 1 and data["results"][0]["title"] == "城乡低保标准调整公告"
    assert "<mark>低保</mark>" in data["results"][0]["snippet"]
    data = client.get("/api/v1/publications", {"organ": department.pk}).json()
    assert [r["title"] for r in data["results"]] == ["教育局工作要点"]
    data = client.get("/api/v1/publications", {"year": 2020}).json()
    assert [r["title"] for r in data["results"]] == ["县政府常务会议召开"]
    one = client.get(f"/api/v1/publications/{items[0]}").json()
    assert one["document_number"] == "遂政〔2021〕15号" and one["channels"] == ["website"]
    assert client.get("/api/v1/publications", {"page_size": 1000}).status_code == 422
    schema = client.get("/api/v1/openapi.json").json()
    assert "/api/v1/publications" in schema["paths"]


def test_elder_mode_switch_works_on_portal_pages(client, items):
    response = client.post("/display-mode/", {"elder": "1", "next": f"/catalogue/{items[0]}/"})
    assert response.status_code == 302 and response["Location"] == f"/catalogue/{items[0]}/"
    for url in (
        "/",
        "/catalogue/",
        f"/catalogue/{items[0]}/",
        "/search/?q=低保",
        "/guide/",
        "/organs/",
    ):
        assert 'class="elder' in client.get(url).content.decode(), url
