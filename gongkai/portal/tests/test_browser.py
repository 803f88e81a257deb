"""The portal in headless Chromium: browse, search and read an item; axe-core finds no serious
or critical WCAG 2.1 AA violation on any page type, in the standard and the 适老化 mode; every
page works without JavaScript and on a 390-px-wide phone screen.

Screenshots go to $GONGKAI_SCREENSHOT_DIR (default: the test's tmp dir)."""

from __future__ import annotations

import os
from datetime import date
from pathlib import Path

import pytest

from gongkai.publications.services import normative_document_register, portal_page_save

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

AXE = Path(__file__).resolve().parents[2] / "publications" / "tests" / "vendor" / "axe.min.js"
AXE_TAGS = ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa"]


@pytest.fixture
def site(organ, department, publish_many):
    ids = publish_many([
        {"title": "城乡低保标准调整公告", "body": "<p>自2021年7月起，城乡低保标准提高。</p><table><tr><th>类别</th><th>标准（元/月）</th></tr><tr><td>城市</td><td>620</td></tr></table>",
         "topic": "1601", "category": "documents", "document_number": "遂政〔2021〕15号",
         "published_on": date(2021, 6, 30)},
        *[{"title": f"关于做好2021年义务教育招生工作的通知（{i}）", "body": "<p>教育招生。</p>",
           "topic": "1001", "published_on": date(2021, 3, 1 + i)} for i in range(25)],
    ])  # fmt: skip
    publish_many([{"title": "教育局工作动态", "topic": "1001"}], organ=department)
    portal_page_save(actor=None, organ=organ, kind="guide", title="遂平县人民政府政府信息公开指南",
                     body_html="<h2>一、主动公开</h2><p>公开范围和方式。</p><h2>二、依申请公开</h2><p>申请渠道。</p>")  # fmt: skip
    normative_document_register(actor=None, organ=organ, kind="normative_document", title="低保办法",
                                issued_on=date(2021, 6, 1))  # fmt: skip
    return ids


def _shots(tmp_path: Path) -> Path:
    folder = Path(os.environ.get("GONGKAI_SCREENSHOT_DIR") or tmp_path)
    folder.mkdir(parents=True, exist_ok=True)
    return folder


def _axe(page) -> list[dict]:
    page.add_script_tag(path=str(AXE))
    result = page.evaluate(
        "async (tags) => await axe.run(document, {runOnly: {type: 'tag', values: tags}})", AXE_TAGS
    )
    return [
        {"id": v["id"], "impact": v["impact"], "nodes": [n["target"] for n in v["nodes"]][:5]}
        for v in result["violations"]
        if v["impact"] in ("serious", "critical")
    ]


def _pages(live_server, ids) -> dict[str, str]:
    base = live_server.url
    return {
        "home": f"{base}/",
        "guide": f"{base}/guide/",
        "rules": f"{base}/rules/",
        "catalogue": f"{base}/catalogue/?topic=",
        "catalogue-page2": f"{base}/catalogue/?page=2",
        "item": f"{base}/catalogue/{ids[0]}/",
        "search": f"{base}/search/?q=%E4%BD%8E%E4%BF%9D",
        "search-empty": f"{base}/search/?q=%E4%B8%8D%E5%AD%98%E5%9C%A8%E7%9A%84%E8%AF%8D",
        "organs": f"{base}/organs/",
    }


def test_browse_search_and_read_an_item(page, live_server, site, tmp_path):
    page.goto(live_server.url + "/")
    page.get_by_role("link", name="法定主动公开内容").first.click()
    assert page.locator("h1").inner_text().startswith("法定主动公开内容")
    page.get_by_role("link", name="社会救助（低保）").first.click()
    assert page.get_by_role("link", name="城乡低保标准调整公告").count() == 1
    page.goto(live_server.url + "/")
    page.get_by_label("检索政府信息").fill("低保")
    page.get_by_role("button", name="搜索").click()
    assert "找到 1 条" in page.get_by_role("status").inner_text()
    assert page.locator("mark").first.inner_text() == "低保"
    page.get_by_role("link", name="城乡低保标准调整公告").click()
    assert page.locator("h1").inner_text() == "城乡低保标准调整公告"
    assert "遂政〔2021〕15号" in page.locator("table.meta-table").inner_text()
    page.screenshot(path=str(_shots(tmp_path) / "item-desktop.png"), full_page=True)


def test_axe_finds_no_serious_violation_on_any_page_type(page, live_server, site, tmp_path):
    problems = {}
    for name, url in _pages(live_server, site).items():
        page.goto(url)
        found = _axe(page)
        if found:
            problems[name] = found
    assert problems == {}


def test_elder_mode_is_large_high_contrast_and_accessible(page, live_server, site, tmp_path):
    page.goto(live_server.url + "/catalogue/")
    sizes = "[document.body, document.querySelector('h1')].map(e => parseFloat(getComputedStyle(e).fontSize))"
    normal = page.evaluate(sizes)
    page.get_by_role("button", name="适老化（大字）").click()
    problems = {}
    for name, url in _pages(live_server, site).items():
        page.goto(url)
        assert "elder" in (page.locator("body").get_attribute("class") or ""), name
        body, h1 = page.evaluate(sizes)
        assert body >= normal[0] * 1.25 and h1 >= normal[1] * 1.25, name
        found = _axe(page)
        if found:
            problems[name] = found
    page.screenshot(path=str(_shots(tmp_path) / "catalogue-elder.png"), full_page=True)
    assert problems == {}
    page.get_by_role("button", name="标准版").click()
    assert "elder" not in (page.locator("body").get_attribute("class") or "")


def test_every_page_works_without_javascript(_playwright_browser, live_server, site):
    context = _playwright_browser.new_context(java_script_enabled=False, locale="zh-CN")
    page = context.new_page()
    try:
        page.goto(live_server.url + "/search/")
        page.get_by_label("关键词").fill("教育")
        page.get_by_label("发布年份").select_option("2021")
        page.get_by_role("button", name="搜索").click()
        assert "找到 26 条" in page.get_by_role("status").inner_text()
        page.get_by_role("link", name="下一页").click()
        assert "第 2 页" in page.locator(".pager").first.inner_text()
        page.goto(live_server.url + "/catalogue/")
        page.get_by_label("发布机构").select_option(label="遂平县教育局")
        page.get_by_role("button", name="筛选").click()
        assert page.locator(".item-list li").count() == 1
        page.get_by_role("button", name="适老化（大字）").click()
        assert "elder" in (page.locator("body").get_attribute("class") or "")
        for url in _pages(live_server, site).values():
            assert page.goto(url).status == 200
    finally:
        context.close()


def test_pages_fit_a_phone_screen(_playwright_browser, live_server, site, tmp_path):
    context = _playwright_browser.new_context(
        viewport={"width": 390, "height": 844},
        device_scale_factor=1,
        is_mobile=True,
        locale="zh-CN",
    )
    page = context.new_page()
    try:
        for name, url in _pages(live_server, site).items():
            page.goto(url)
            width = page.evaluate("document.documentElement.scrollWidth")
            assert width <= 390, f"{name} is {width}px wide"
            if name in ("home", "item", "search"):
                page.screenshot(path=str(_shots(tmp_path) / f"{name}-phone.png"), full_page=True)
    finally:
        context.close()
