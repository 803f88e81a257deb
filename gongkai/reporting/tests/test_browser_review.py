"""Browser test: a preparer drafts, an approver returns it with a comment, it is fixed,
approved and published, and the public page shows it."""

from __future__ import annotations

import re

import pytest
from django.test import Client

from gongkai.reporting.models import Report

# available_apps lets the flush after the test TRUNCATE … CASCADE (PostgreSQL: the search
# table of publications references its items).
pytestmark = [
    pytest.mark.browser,
    pytest.mark.django_db(
        transaction=True,
        available_apps=[
            "django.contrib.auth",
            "django.contrib.contenttypes",
            "django.contrib.sessions",
            "django.contrib.messages",
            "django.contrib.staticfiles",
            "gongkai.core",
            "gongkai.orgs",
            "gongkai.workdays",
            "gongkai.publications",
            "gongkai.applications",
            "gongkai.appeals",
            "gongkai.reporting",
            "gongkai.portal",
        ],
    ),
]


def login(page, live_server, user):
    client = Client()
    client.force_login(user)
    page.context.add_cookies(
        [{"name": "sessionid", "value": client.cookies["sessionid"].value, "url": live_server.url}]
    )


def fill_prompts(page, field, text):
    value = page.locator(f"#id_{field}").input_value()
    page.locator(f"#id_{field}").fill(re.sub(r"【请填写：[^】]*】", text, value))


def test_a_report_goes_from_draft_through_return_to_the_public_page(
    page, live_server, county, preparer, approver, _playwright_browser
):
    base = live_server.url
    # The preparer generates the draft from the records and completes the narrative.
    login(page, live_server, preparer)
    page.goto(f"{base}/office/reports/")
    page.select_option("#id_organ", label="遂平县人民政府")
    page.fill("#id_year", "2021")
    page.select_option("#id_scope", "consolidated")
    page.click("text=按记录生成草稿")
    page.wait_for_selector("text=已按记录生成年度报告草稿")
    report = Report.objects.get()
    page.click("text=修改文字")
    fill_prompts(page, "overview", "本年度按照条例要求开展政府信息管理、平台建设和监督保障工作。")
    page.fill("#id_problems", "存在问题：公开理念不够到位。")
    page.click("button:has-text('保存')")
    page.wait_for_selector("text=已保存")
    page.click("text=校验并提交审核")
    for box in page.locator("textarea[name^=explain-]").all():
        box.fill("已核实。")
    page.click("button:has-text('提交审核')")
    page.wait_for_selector("text=已提交审核")

    # The approver returns it with a comment.
    approver_page = _playwright_browser.new_context(locale="zh-CN").new_page()
    login(approver_page, live_server, approver)
    approver_page.goto(f"{base}/office/reports/{report.pk}/")
    approver_page.fill("#comment-return", "第五部分需写明改进措施。")
    approver_page.click("button[value=return]")
    approver_page.wait_for_selector("text=已退回修改")

    # The preparer sees the comment, fixes the text and submits again.
    page.goto(f"{base}/office/reports/{report.pk}/")
    assert "第五部分需写明改进措施。" in page.content()
    page.click("text=修改文字")
    page.fill("#id_problems", "存在问题：公开理念不够到位。改进措施：2022年开展全员培训。")
    page.click("button:has-text('保存')")
    page.click("text=校验并提交审核")
    for box in page.locator("textarea[name^=explain-]").all():
        box.fill("已核实。")
    page.click("button:has-text('提交审核')")
    page.wait_for_selector("text=已提交审核")

    # The approver approves and publishes.
    approver_page.goto(f"{base}/office/reports/{report.pk}/")
    approver_page.click("button[value=approve]")
    approver_page.wait_for_selector("text=已审核通过")
    approver_page.click("button[value=publish]")
    approver_page.wait_for_selector("text=已发布")

    # The public sees it.
    public = _playwright_browser.new_context(locale="zh-CN").new_page()
    public.goto(f"{base}/reports/")
    public.click("text=遂平县人民政府2021年政府信息公开工作年度报告")
    public.wait_for_selector("h1:has-text('遂平县人民政府2021年政府信息公开工作年度报告')")
    body = public.content()
    assert "改进措施：2022年开展全员培训。" in body
    assert "四、政府信息公开行政复议、行政诉讼情况" in body
    assert "【请填写" not in body
    public.screenshot(path="/tmp/gongkai-report-public.png", full_page=True)
    steps = list(report.events.values_list("action", flat=True))
    assert steps == ["create", "submit", "return", "submit", "approve", "publish"]
    approver_page.context.close()
    public.context.close()
