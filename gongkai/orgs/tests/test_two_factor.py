"""TOTP two-factor authentication, through the pages."""

import re
from datetime import timedelta

import pyotp
import pytest
import time_machine
from django.test import override_settings
from django.utils import timezone

from gongkai.orgs.accounts.models import AuthEvent, RecoveryCode, TwoFactorDevice
from gongkai.orgs.models import Role
from gongkai.orgs.tests.factories import PASSWORD, grant, make_organ, make_user

pytestmark = pytest.mark.django_db


def login(client, username, password=PASSWORD):
    return client.post("/accounts/login/", {"username": username, "password": password})


def enrol(client):
    """Go through the set-up page; return (secret, recovery codes)."""
    page = client.get("/accounts/two-factor/setup/")
    assert page.status_code == 200
    secret = TwoFactorDevice.objects.get().secret
    html = page.content.decode()
    assert "<svg" in html and "<?xml" not in html  # the QR code, inline
    assert " ".join(secret[i : i + 4] for i in range(0, len(secret), 4)) in html
    done = client.post("/accounts/two-factor/setup/", {"code": pyotp.TOTP(secret).now()})
    assert done.status_code == 200
    codes = re.findall(r"<code>([A-Z0-9]{5}-[A-Z0-9]{5})</code>", done.content.decode())
    assert len(codes) == 10
    return secret, codes


def next_code(secret, steps=1):
    return pyotp.TOTP(secret).at(timezone.now() + timedelta(seconds=30 * steps))


def test_a_person_enrols_and_then_needs_a_code_to_sign_in(client):
    make_user("li")
    assert login(client, "li").status_code == 302
    secret, _codes = enrol(client)
    assert TwoFactorDevice.objects.get().confirmed_at is not None
    client.post("/accounts/logout/")

    response = login(client, "li")
    assert response["Location"] == "/accounts/login/verify/"
    # Not signed in between the two steps.
    assert client.get("/office/").status_code == 302
    wrong = client.post("/accounts/login/verify/", {"code": "000000"})
    assert wrong.status_code == 400
    assert "验证码不正确" in wrong.content.decode()
    right = client.post("/accounts/login/verify/", {"code": next_code(secret)})
    assert right.status_code == 302
    assert client.get("/office/").status_code == 200
    kinds = list(AuthEvent.objects.order_by("id").values_list("kind", flat=True))
    assert kinds == [
        "login",
        "2fa_enrol",
        "logout",
        "2fa_fail",
        "2fa_verify",
        "login",
    ]


def test_a_code_is_accepted_only_once(client):
    make_user("li")
    login(client, "li")
    secret, _ = enrol(client)
    client.post("/accounts/logout/")
    code = next_code(secret)
    login(client, "li")
    assert client.post("/accounts/login/verify/", {"code": code}).status_code == 302
    client.post("/accounts/logout/")
    login(client, "li")
    replay = client.post("/accounts/login/verify/", {"code": code})
    assert replay.status_code == 400
    assert AuthEvent.objects.filter(kind="2fa_fail", detail="replayed").count() == 1


def test_a_recovery_code_works_once_and_is_stored_hashed(client):
    make_user("li")
    login(client, "li")
    _, codes = enrol(client)
    stored = list(RecoveryCode.objects.values_list("code_hash", flat=True))
    assert all(code.replace("-", "") not in h for code in codes for h in stored)
    client.post("/accounts/logout/")
    login(client, "li")
    ok = client.post("/accounts/login/verify/", {"code": codes[0].lower()})
    assert ok.status_code == 302
    assert AuthEvent.objects.filter(kind="2fa_recovery").count() == 1
    client.post("/accounts/logout/")
    login(client, "li")
    again = client.post("/accounts/login/verify/", {"code": codes[0]})
    assert again.status_code == 400


@override_settings(GONGKAI_LOGIN_MAX_FAILURES=3)
def test_wrong_codes_count_toward_the_lockout(client):
    make_user("li")
    login(client, "li")
    enrol(client)
    client.post("/accounts/logout/")
    login(client, "li")
    client.post("/accounts/login/verify/", {"code": "111111"})
    client.post("/accounts/login/verify/", {"code": "222222"})
    locked = client.post("/accounts/login/verify/", {"code": "333333"}, follow=True)
    assert "已被暂时锁定" in locked.content.decode()
    assert AuthEvent.objects.filter(kind="lockout_account").count() == 1


def test_the_pending_second_step_expires(client):
    make_user("li")
    login(client, "li")
    secret, _ = enrol(client)
    client.post("/accounts/logout/")
    start = timezone.now()
    with time_machine.travel(start, tick=False):
        login(client, "li")
    with time_machine.travel(start + timedelta(minutes=6), tick=False):
        response = client.post("/accounts/login/verify/", {"code": pyotp.TOTP(secret).now()})
    assert response.status_code == 302 and response["Location"] == "/accounts/login/"


@override_settings(GONGKAI_REQUIRE_2FA=True)
def test_staff_must_enrol_before_they_are_signed_in_when_required(client):
    organ = make_organ(name="某县教育局")
    grant(make_user("handler"), organ, Role.HANDLER)
    response = login(client, "handler")
    assert response["Location"] == "/accounts/two-factor/setup/"
    assert client.get("/office/").status_code == 302  # not signed in yet
    page = client.get("/accounts/two-factor/setup/")
    assert "本系统要求工作人员使用两步验证" in page.content.decode()
    secret = TwoFactorDevice.objects.get().secret
    done = client.post("/accounts/two-factor/setup/", {"code": pyotp.TOTP(secret).now()})
    assert "请保存恢复码" in done.content.decode()
    assert client.get("/office/").status_code == 200


@override_settings(GONGKAI_REQUIRE_2FA=True)
def test_a_person_without_a_role_is_not_asked_for_a_second_factor(client):
    make_user("citizen")
    assert login(client, "citizen")["Location"] == "/office/"


@override_settings(GONGKAI_REQUIRE_2FA=False)
def test_staff_are_not_forced_when_the_setting_is_off(client):
    organ = make_organ(name="某县教育局")
    grant(make_user("handler"), organ, Role.HANDLER)
    assert login(client, "handler")["Location"] == "/office/"


def test_new_recovery_codes_need_a_current_code(client):
    make_user("li")
    login(client, "li")
    secret, old = enrol(client)
    status = client.get("/accounts/two-factor/").content.decode()
    assert "剩余未用恢复码：<strong>10</strong>" in status
    client.post("/accounts/two-factor/", {"code": "000000"})
    assert RecoveryCode.objects.count() == 10
    fresh = client.post("/accounts/two-factor/", {"code": next_code(secret)})
    new = re.findall(r"<code>([A-Z0-9]{5}-[A-Z0-9]{5})</code>", fresh.content.decode())
    assert len(new) == 10 and not set(new) & set(old)


def test_a_sysadmin_resets_a_lost_device_from_the_admin(client):
    organ = make_organ(name="某县人民政府")
    admin_user = make_user("root")
    grant(admin_user, organ, Role.SYSADMIN)
    person = make_user("li")
    client.force_login(person)
    enrol(client)
    client.force_login(admin_user)
    response = client.post(
        "/admin/auth/user/",
        {"action": "reset_two_factor", "_selected_action": [person.pk]},
    )
    assert response.status_code == 302
    assert not TwoFactorDevice.objects.filter(user=person).exists()
    assert AuthEvent.objects.filter(kind="2fa_reset", user=person).exists()
