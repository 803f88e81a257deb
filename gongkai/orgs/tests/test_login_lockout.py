"""Sign-in and lockout, through the pages."""

from datetime import timedelta

import pytest
import time_machine
from django.test import override_settings
from django.utils import timezone

from gongkai.orgs.accounts.models import AuthEvent, AuthEventKind
from gongkai.orgs.tests.factories import PASSWORD, make_user

pytestmark = pytest.mark.django_db

UA = "Mozilla/5.0 (gongkai test)"


def post_login(client, username, password, ip="203.0.113.5", next_url=""):
    return client.post(
        "/accounts/login/",
        {"username": username, "password": password, "next": next_url},
        REMOTE_ADDR=ip,
        HTTP_USER_AGENT=UA,
    )


def kinds():
    return list(AuthEvent.objects.order_by("at", "id").values_list("kind", flat=True))


def test_the_login_page_is_chinese_and_labelled():
    from django.test import Client

    html = Client().get("/accounts/login/").content.decode()
    assert "工作人员登录" in html
    assert '<label for="id_username">用户名</label>' in html
    assert 'autocomplete="current-password"' in html


def test_a_right_password_signs_in_and_is_audited(client):
    user = make_user("wang")
    response = post_login(client, "wang", PASSWORD, next_url="/office/")
    assert response.status_code == 302 and response["Location"] == "/office/"
    event = AuthEvent.objects.get()
    assert (event.kind, event.user, event.ip, event.user_agent) == (
        AuthEventKind.LOGIN,
        user,
        "203.0.113.5",
        UA,
    )
    assert client.get("/office/").status_code == 200


def test_an_offsite_next_is_ignored(client):
    make_user("wang")
    response = post_login(client, "wang", PASSWORD, next_url="https://evil.example/")
    assert response["Location"] == "/office/"


def test_a_wrong_password_says_so_without_revealing_which_part(client):
    make_user("wang")
    response = post_login(client, "wang", "nope")
    assert response.status_code == 400
    assert "用户名或密码不正确" in response.content.decode()
    assert kinds() == [AuthEventKind.FAILURE]


@override_settings(GONGKAI_LOGIN_MAX_FAILURES=3, GONGKAI_LOGIN_LOCKOUT_MINUTES=15)
def test_the_account_locks_after_n_failures_and_unlocks_after_the_window(client):
    make_user("wang")
    start = timezone.now()
    with time_machine.travel(start, tick=False):
        for _ in range(2):
            assert "用户名或密码不正确" in post_login(client, "wang", "bad").content.decode()
        third = post_login(client, "wang", "bad").content.decode()
        assert "该账号因连续 3 次登录失败已被暂时锁定" in third
        # Even the right password is refused while locked, without being checked.
        locked = post_login(client, "wang", PASSWORD)
        assert locked.status_code == 400
        assert "已被暂时锁定" in locked.content.decode()
        assert "约 15 分钟后" in locked.content.decode()
    assert kinds() == ["failure", "failure", "failure", "lockout_account", "locked_refused"]
    with time_machine.travel(start + timedelta(minutes=14), tick=False):
        assert "已被暂时锁定" in post_login(client, "wang", PASSWORD).content.decode()
    with time_machine.travel(start + timedelta(minutes=15, seconds=1), tick=False):
        assert post_login(client, "wang", PASSWORD).status_code == 302


@override_settings(GONGKAI_LOGIN_MAX_FAILURES=3)
def test_a_success_resets_the_failure_count(client):
    make_user("wang")
    post_login(client, "wang", "bad")
    post_login(client, "wang", "bad")
    assert post_login(client, "wang", PASSWORD).status_code == 302
    client.post("/accounts/logout/")
    post_login(client, "wang", "bad")
    post_login(client, "wang", "bad")
    assert post_login(client, "wang", PASSWORD).status_code == 302


@override_settings(GONGKAI_LOGIN_MAX_FAILURES=2)
def test_a_username_that_does_not_exist_locks_the_same_way(client):
    post_login(client, "ghost", "x")
    response = post_login(client, "ghost", "x")
    assert "该账号因连续 2 次登录失败已被暂时锁定" in response.content.decode()


@override_settings(GONGKAI_LOGIN_MAX_FAILURES=3, GONGKAI_LOGIN_MAX_FAILURES_PER_ADDRESS=5)
def test_one_address_trying_many_names_is_locked(client):
    make_user("wang")
    for name in ["a", "b", "c", "d", "e"]:
        post_login(client, name, "x", ip="198.51.100.7")
    response = post_login(client, "wang", PASSWORD, ip="198.51.100.7")
    assert "您所在的网络地址" in response.content.decode()
    assert AuthEvent.objects.filter(kind=AuthEventKind.LOCKOUT_ADDRESS).count() == 1
    # The same account from another address is not affected by the address lock.
    assert post_login(client, "wang", PASSWORD, ip="198.51.100.8").status_code == 302


def test_the_admin_login_is_the_protected_one(client):
    response = client.get("/admin/login/?next=/admin/")
    assert response.status_code == 302
    assert response["Location"].startswith("/accounts/login/?next=%2Fadmin%2F")


def test_logout_is_a_post_and_is_audited(client):
    make_user("wang")
    post_login(client, "wang", PASSWORD)
    assert "确认退出" in client.get("/accounts/logout/").content.decode()
    response = client.post("/accounts/logout/", REMOTE_ADDR="203.0.113.9")
    assert response.status_code == 302
    assert kinds() == ["login", "logout"]
    assert AuthEvent.objects.get(kind="logout").ip == "203.0.113.9"
    assert client.get("/office/").status_code == 302


def test_the_audit_log_is_append_only():
    event = AuthEvent.objects.create(kind=AuthEventKind.FAILURE, username="x")
    with pytest.raises(RuntimeError):
        event.save()
    with pytest.raises(RuntimeError):
        event.delete()


def test_password_change_validates_and_is_audited(client):
    make_user("wang")
    post_login(client, "wang", PASSWORD)
    weak = client.post(
        "/accounts/password/",
        {"old_password": PASSWORD, "new_password1": "12345678", "new_password2": "12345678"},
    )
    assert weak.status_code == 200
    assert AuthEvent.objects.filter(kind="password_change").count() == 0
    good = "Stronger-Pass-2027?"
    response = client.post(
        "/accounts/password/",
        {"old_password": PASSWORD, "new_password1": good, "new_password2": good},
    )
    assert response.status_code == 302
    assert AuthEvent.objects.filter(kind="password_change").count() == 1


def test_session_cookies_are_http_only_and_expire_with_the_browser():
    from django.conf import settings

    assert settings.SESSION_COOKIE_HTTPONLY and settings.CSRF_COOKIE_HTTPONLY
    assert settings.SESSION_EXPIRE_AT_BROWSER_CLOSE
    assert settings.SESSION_COOKIE_SAMESITE == "Lax"
    assert settings.SESSION_COOKIE_AGE <= 12 * 3600
