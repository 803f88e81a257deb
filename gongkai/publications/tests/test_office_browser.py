"""The back office of the catalogue in headless Chromium: axe-core finds no serious or critical
WCAG 2.1 AA violation on its page types, and a registration runs end to end in the browser."""

from __future__ import annotations

import os
from datetime import date

import pytest
from django.conf import settings
from django.test import Client

from gongkai.portal.tests.test_browser import _axe
from gongkai.publications.models import Publication

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def _login(page, live_server, user) -> None:
    client = Client()
    client.force_login(user)
    cookie = client.cookies[settings.SESSION_COOKIE_NAME]
    page.context.add_cookies(
        [{"name": settings.SESSION_COOKIE_NAME, "value": cookie.value, "url": live_server.url}]
    )


def test_office_pages_are_accessible(
    page, live_server, organ, office_admin, calendar, publish_many
):
    [pk] = publish_many(
        [
            {
                "title": "已发布的信息",
                "formed_on": date(2021, 9, 1),
                "published_on": date(2021, 11, 1),
            }
        ]
    )
    _login(page, live_server, office_admin)
    problems = {}
    for path in ("/office/publications/", "/office/publications/new/", f"/office/publications/{pk}/",
                 "/office/publications/statistics/?year=2021", "/office/publications/art26/",
                 "/office/publications/pages/"):  # fmt: skip
        page.goto(live_server.url + path)
        assert page.locator("h1").count() == 1, path
        if shots := os.environ.get("GONGKAI_SCREENSHOT_DIR"):
            name = path.strip("/").split("?")[0].replace("/", "-")
            page.screenshot(path=f"{shots}/{name}.png", full_page=True)
        found = _axe(page)
        if found:
            problems[path] = found
    assert problems == {}


def test_registering_an_item_in_the_browser(page, live_server, organ, office_admin):
    _login(page, live_server, office_admin)
    page.goto(live_server.url + "/office/publications/new/")
    page.get_by_label("标题").fill("关于低保资金发放的公告")
    page.get_by_label("信息类别").select_option(label="法规公文类")
    page.get_by_label("信息形成（变更）日期").fill("2021-05-06")
    page.get_by_label("正文（HTML，脚本等不安全内容会被清除）").fill(
        "<p>公告内容</p><script>alert(1)</script>"
    )
    page.get_by_role("button", name="保存").click()
    assert "已登记为草稿" in page.get_by_role("status").inner_text()
    item = Publication.objects.get()
    assert item.title == "关于低保资金发放的公告" and "script" not in item.body_html
    page.get_by_role("button", name="提交保密审查").click()
    page.get_by_label("同意公开").check()
    page.get_by_role("button", name="记录审查结论").click()
    assert "保密审查结论已记录" in page.get_by_role("status").inner_text(), page.locator(
        "main"
    ).inner_text()[:500]
    page.get_by_label("发布日期").fill("2021-05-10")
    page.get_by_role("button", name="发布").click()
    item.refresh_from_db()
    assert item.status == "published"
    page.goto(live_server.url + f"/catalogue/{item.pk}/")
    assert page.locator("h1").inner_text() == "关于低保资金发放的公告"
