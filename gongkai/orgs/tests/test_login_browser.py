"""The login page in a real browser: keyboard only, Chinese messages, no JavaScript needed, and
no serious or critical WCAG 2.1 AA violation found by axe-core (login, error, 2FA set-up)."""

from pathlib import Path

import pytest
from django.test import override_settings

from gongkai.orgs.tests.factories import PASSWORD, make_user

AXE = Path(__file__).resolve().parents[2] / "publications" / "tests" / "vendor" / "axe.min.js"


def serious_violations(page):
    page.add_script_tag(path=str(AXE))
    result = page.evaluate(
        "async () => await axe.run(document, {runOnly: {type: 'tag', values: "
        "['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa']}})"
    )
    return [
        (v["id"], [n["target"] for n in v["nodes"]][:3])
        for v in result["violations"]
        if v["impact"] in ("serious", "critical")
    ]


@pytest.mark.browser
@pytest.mark.django_db(transaction=True)
@override_settings(GONGKAI_LOGIN_MAX_FAILURES=2)
def test_login_page_signs_in_with_the_keyboard_and_shows_the_lock(live_server, page):
    make_user("wang", first_name="王办事员")
    page.goto(f"{live_server.url}/accounts/login/?next=/office/")
    assert page.locator("html").get_attribute("lang") == "zh-CN"
    # The username field has the focus and a visible label.
    assert page.evaluate("document.activeElement.id") == "id_username"
    assert page.get_by_label("用户名").is_visible()
    assert serious_violations(page) == []
    page.keyboard.type("wang")
    page.keyboard.press("Tab")
    page.keyboard.type("wrong-password")
    page.keyboard.press("Enter")
    page.wait_for_load_state()
    alert = page.get_by_role("alert")
    assert "用户名或密码不正确" in alert.inner_text()
    assert page.get_by_label("用户名").get_attribute("aria-invalid") == "true"
    assert serious_violations(page) == []

    page.get_by_label("密码").fill("wrong-again")
    page.get_by_role("button", name="登录").click()
    page.wait_for_load_state()
    assert "已被暂时锁定" in page.get_by_role("alert").inner_text()

    # Another account signs in normally, with JavaScript switched off.
    make_user("li")
    context = page.context.browser.new_context(java_script_enabled=False, locale="zh-CN")
    plain = context.new_page()
    plain.goto(f"{live_server.url}/accounts/login/?next=/office/")
    plain.get_by_label("用户名").fill("li")
    plain.get_by_label("密码").fill(PASSWORD)
    plain.get_by_role("button", name="登录").click()
    plain.wait_for_load_state()
    assert plain.url.endswith("/office/")
    assert plain.get_by_role("heading", name="办公首页").is_visible()
    context.close()


@pytest.mark.browser
@pytest.mark.django_db(transaction=True)
def test_two_factor_setup_page_is_accessible(live_server, page):
    make_user("zhao")
    page.goto(f"{live_server.url}/accounts/login/?next=/accounts/two-factor/setup/")
    page.get_by_label("用户名").fill("zhao")
    page.get_by_label("密码").fill(PASSWORD)
    page.get_by_role("button", name="登录").click()
    page.wait_for_load_state()
    assert page.get_by_role("heading", name="启用两步验证").is_visible()
    assert page.get_by_role("img", name="两步验证二维码，无法扫描时请使用下方密钥").is_visible()
    assert serious_violations(page) == []
