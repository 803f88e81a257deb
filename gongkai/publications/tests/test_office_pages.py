"""The back office through HTTP: register → review → publish, statistics import, portal pages,
and that nobody sees another organ's catalogue."""

from __future__ import annotations

from datetime import date

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile

from gongkai.publications.models import DecisionStatistic, PortalPage, Publication, Status

pytestmark = pytest.mark.django_db


def test_register_review_and_publish_through_the_pages(client, organ, editor, reviewer):
    client.force_login(editor)
    form = {
        "organ": organ.pk, "title": "关于教育收费的公告", "category": "documents", "topic": "1001",
        "formed_on": "2021-03-01", "primary_channel": "website", "channels": ["weibo"],
        "validity": "valid", "disclosure_mode": "proactive", "body_html": "<p>内容</p><script>x</script>",
    }  # fmt: skip
    response = client.post("/office/publications/new/", form)
    item = Publication.objects.get()
    assert response["Location"] == f"/office/publications/{item.pk}/"
    assert item.channels == ["website", "weibo"] and "script" not in item.body_html
    client.post(f"/office/publications/{item.pk}/submit/")
    # The editor cannot record the confidentiality review.
    client.post(
        f"/office/publications/{item.pk}/review/", {"result": "pass", "reviewed_on": "2021-03-02"}
    )
    assert Publication.objects.get().status == Status.IN_REVIEW
    client.force_login(reviewer)
    page = client.get(f"/office/publications/{item.pk}/").content.decode()
    assert "记录审查结论" in page
    client.post(
        f"/office/publications/{item.pk}/review/", {"result": "pass", "reviewed_on": "2021-03-02"}
    )
    client.force_login(editor)
    client.post(f"/office/publications/{item.pk}/publish/", {"published_on": "2021-03-03"})
    item.refresh_from_db()
    assert item.status == Status.PUBLISHED and item.published_on == date(2021, 3, 3)
    assert client.get(f"/catalogue/{item.pk}/").status_code == 200


def test_a_form_error_is_shown_in_chinese_and_nothing_is_saved(client, organ, editor):
    client.force_login(editor)
    response = client.post(
        "/office/publications/new/", {"organ": organ.pk, "title": "", "category": "news"}
    )
    assert response.status_code == 200 and "这个字段是必填项" in response.content.decode()
    assert Publication.objects.count() == 0


def test_other_organs_and_strangers_see_nothing(
    client, organ, department, editor, stranger, publish_many
):
    [pk] = publish_many([{"title": "教育局的信息"}], organ=department)
    client.force_login(editor)  # a handler of the county government, not of the department
    assert client.get(f"/office/publications/{pk}/").status_code == 404
    assert "教育局的信息" not in client.get("/office/publications/").content.decode()
    client.force_login(stranger)
    assert client.get("/office/publications/").status_code == 404
    assert client.get("/office/publications/statistics/").status_code == 404
    client.logout()
    assert client.get("/office/publications/").status_code == 302


def test_statistics_import_refuses_a_bad_file_with_lines_named(client, organ, office_admin):
    client.force_login(office_admin)
    bad = (
        "机关,年度,项目,数值,数据来源\n县政府,2021,行政许可,10,系统\n县政府,2021,行政处罚,-3,台账\n"
    )
    response = client.post(
        "/office/publications/statistics/?year=2021",
        {"form": "import", "year": 2021, "file": SimpleUploadedFile("s.csv", bad.encode())},
        follow=True,
    )
    html = response.content.decode()
    assert "第 3 行“数值”：“-3”不是非负数" in html and "数据库未作任何修改" in html
    assert DecisionStatistic.objects.count() == 0
    good = bad.replace("-3", "3137")
    client.post(
        "/office/publications/statistics/",
        {"form": "import", "year": 2021, "file": SimpleUploadedFile("s.csv", good.encode())},
    )
    html = client.get("/office/publications/statistics/?year=2021").content.decode()
    assert "<td>3137</td>" in html and "<td>10</td>" in html


def test_statistics_form_and_normative_documents(client, organ, office_admin):
    client.force_login(office_admin)
    client.post("/office/publications/statistics/?year=2021", {
        "form": "stat", "organ": organ.pk, "year": 2021, "kind": "fees", "value": "1.25", "source": "财政"})  # fmt: skip
    client.post("/office/publications/statistics/?year=2021", {
        "form": "doc", "organ": organ.pk, "kind": "normative_document", "title": "某办法",
        "issued_on": "2021-02-01"})  # fmt: skip
    html = client.get("/office/publications/statistics/?year=2021").content.decode()
    assert "<td>1.25</td>" in html and "某办法" in html and "现行有效" in html


def test_office_admin_writes_the_guide(client, organ, office_admin, editor):
    client.force_login(editor)
    assert client.get("/office/publications/pages/").status_code == 404
    client.force_login(office_admin)
    client.post("/office/publications/pages/", {"organ": organ.pk, "kind": "guide", "title": "公开指南",
                                                "body_html": "<p>内容</p><img src=x onerror=alert(1)>"})  # fmt: skip
    page = PortalPage.objects.get()
    assert page.body_html == "<p>内容</p>"
    assert "公开指南" in client.get("/guide/").content.decode()


def test_art26_page_says_when_the_calendar_is_missing(client, organ, editor, publish_many):
    publish_many([{"title": "x", "formed_on": date(2021, 1, 4), "published_on": date(2021, 3, 1)}])
    client.force_login(editor)
    assert "节假日安排尚未载入" in client.get("/office/publications/art26/").content.decode()


def test_office_home_links_to_the_catalogue_pages(client, office_admin):
    client.force_login(office_admin)
    html = client.get("/office/").content.decode()
    for url in (
        "/office/publications/",
        "/office/publications/statistics/",
        "/office/publications/art26/",
        "/office/publications/pages/",
    ):
        assert url in html
