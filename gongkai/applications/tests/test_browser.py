"""Headless Chromium through the pages people use: the public form, the receipt, the status
lookup, and a clerk taking a case to decision. Screenshots go to GONGKAI_SCREENSHOT_DIR (or
the test's temporary folder)."""

from __future__ import annotations

import os
from pathlib import Path

import pytest
from django.test import Client
from django.utils import timezone

from gongkai.applications.models import Application, Status
from gongkai.applications.tests.helpers import VALID_ID, person, register

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
            "gongkai.applications",
        ],
    ),
]


def shot(page, tmp_path: Path, name: str) -> None:
    folder = Path(os.environ.get("GONGKAI_SCREENSHOT_DIR") or tmp_path)
    folder.mkdir(parents=True, exist_ok=True)
    page.screenshot(path=str(folder / f"applications-{name}.png"), full_page=True)


def login(page, live_server, user) -> None:
    client = Client()
    client.force_login(user)
    page.context.add_cookies(
        [{"name": "sessionid", "value": client.cookies["sessionid"].value, "url": live_server.url}]
    )


def test_an_applicant_submits_the_form_gets_a_receipt_and_looks_up_the_status(
    page, live_server, cal, county, tmp_path
):
    page.goto(f"{live_server.url}/apply/")
    page.select_option("#id_organ", str(county["edu"].pk))
    page.check("input[name=applicant_type][value=natural_person]")
    page.fill("#id_name", "张三")
    page.select_option("#id_id_type", "resident_id")
    page.fill("#id_id_number", "110105194912310021")  # wrong check digit first
    page.fill("#id_phone", "13800001234")
    page.fill("#id_email", "zhang@example.cn")
    page.fill("#id_description", "2026年城区义务教育学校招生划片方案")
    page.check("input[name=info_form][value=electronic]")
    page.check("input[name=delivery][value=email]")
    page.check("#id_promise")
    shot(page, tmp_path, "1-form")
    page.click("main button[type=submit]")
    assert (
        page.locator("#f-id_number .errorlist")
        .inner_text()
        .startswith("居民身份证号码校验位不正确")
    )
    shot(page, tmp_path, "2-form-error")
    # The form kept everything typed; fix the one field and submit again.
    assert page.input_value("#id_description") == "2026年城区义务教育学校招生划片方案"
    page.fill("#id_id_number", VALID_ID)
    page.check("#id_promise")
    page.click("main button[type=submit]")
    page.wait_for_url("**/apply/receipt/**")
    code = page.locator("#query-code").inner_text().strip()
    app = Application.objects.get()
    assert code == app.query_code
    assert page.locator("#received-on").inner_text().startswith(f"{app.received_on.year}年")
    shot(page, tmp_path, "3-receipt")

    page.goto(f"{live_server.url}/apply/status/")
    page.fill("#id_query_code", code)
    page.fill("#id_phone_last4", "1234")
    page.click("main button[type=submit]")
    assert page.locator("#public-status").inner_text() == "已收到申请"
    shot(page, tmp_path, "4-status")


def test_a_clerk_takes_a_case_to_decision(page, live_server, cal, county, people, tmp_path):
    today = timezone.localdate()
    app = register(county["edu"], today, person(name="李四"))
    login(page, live_server, people["office"])
    page.goto(f"{live_server.url}/office/applications/")
    shot(page, tmp_path, "5-queue")
    page.click(f"text={app.reference}")
    assert "期限如何计算" in page.content()
    page.click("summary:has-text('作出答复')")
    page.select_option("#id_decide-outcome", "partial")
    page.fill("#id_decide-summary", "第二部分涉及个人隐私，已作区分处理。")
    shot(page, tmp_path, "6-case-deciding")
    page.click("button:has-text('确认作出答复')")
    page.wait_for_selector("text=已作出答复")
    assert "t3.partial" in page.content()
    shot(page, tmp_path, "7-case-decided")
    app.refresh_from_db()
    assert app.status == Status.DECIDED and app.outcome == "partial" and app.closed_on == today
