"""The login page in a real browser: keyboard only, Chinese messages, no JavaScript needed."""

import pytest
from django.test import override_settings

from gongkai.orgs.tests.factories import PASSWORD, make_user


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
    page.keyboard.type("wang")
    page.keyboard.press("Tab")
    page.keyboard.type("wrong-password")
    page.keyboard.press("Enter")
    page.wait_for_load_state()
    alert = page.get_by_role("alert")
    assert "用户名或密码不正确" in alert.inner_text()
    assert page.get_by_label("用户名").get_attribute("aria-invalid") == "true"

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
