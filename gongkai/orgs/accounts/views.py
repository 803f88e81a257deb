"""Sign-in pages under /accounts/: password, then (for staff with two-factor authentication)
a TOTP code; enrolment with a QR code; logout; password change. Plain forms, no JavaScript.

The session only becomes authenticated after every required factor: between the steps it
holds the pending user's id (and when it was set), never a login.
"""

from __future__ import annotations

import time
from typing import Any

import qrcode
import qrcode.image.svg
from django import forms
from django.contrib import messages
from django.contrib.auth import login, logout, update_session_auth_hash
from django.contrib.auth.decorators import login_required
from django.contrib.auth.forms import PasswordChangeForm
from django.contrib.auth.models import User
from django.http import HttpRequest, HttpResponse, HttpResponseRedirect
from django.shortcuts import redirect, render
from django.utils.http import url_has_allowed_host_and_scheme
from django.utils.safestring import mark_safe
from django.views.decorators.cache import never_cache
from django.views.decorators.csrf import csrf_protect
from django.views.decorators.debug import sensitive_post_parameters
from django.views.decorators.http import require_http_methods

from gongkai.core.errors import DomainError
from gongkai.orgs.accounts import services
from gongkai.orgs.accounts.models import AuthEventKind
from gongkai.orgs.permissions import requires_two_factor

PENDING_KEY = "gk_pending_login"
PENDING_SECONDS = 300  # the second step must follow the first within five minutes


class LoginForm(forms.Form):
    username = forms.CharField(label="用户名", max_length=150)
    password = forms.CharField(label="密码", strip=False, widget=forms.PasswordInput)


class CodeForm(forms.Form):
    code = forms.CharField(label="验证码", max_length=20)


def _safe_next(request: HttpRequest, raw: str | None) -> str:
    from django.conf import settings

    if raw and url_has_allowed_host_and_scheme(
        raw, allowed_hosts={request.get_host()}, require_https=request.is_secure()
    ):
        return raw
    return str(settings.LOGIN_REDIRECT_URL)


def _set_pending(request: HttpRequest, user: User, step: str, next_url: str) -> None:
    request.session.cycle_key()
    request.session[PENDING_KEY] = {
        "user": user.pk,
        "step": step,
        "next": next_url,
        "at": time.time(),
    }


def _pending(request: HttpRequest, step: str) -> tuple[User, str] | None:
    data = request.session.get(PENDING_KEY)
    if not isinstance(data, dict) or data.get("step") != step:
        return None
    if time.time() - float(data.get("at", 0)) > PENDING_SECONDS:
        request.session.pop(PENDING_KEY, None)
        return None
    user_id = data.get("user")
    if not isinstance(user_id, int):
        return None
    user = User.objects.filter(pk=user_id, is_active=True).first()
    if user is None:
        return None
    return user, str(data.get("next", ""))


def _complete_login(
    request: HttpRequest, user: User, next_url: str, detail: str = ""
) -> HttpResponse:
    request.session.pop(PENDING_KEY, None)
    login(request, user, backend="django.contrib.auth.backends.ModelBackend")
    services.login_recorded(request=request, user=user, detail=detail)
    return HttpResponseRedirect(_safe_next(request, next_url))


@sensitive_post_parameters("password")
@csrf_protect
@never_cache
@require_http_methods(["GET", "POST"])
def login_view(request: HttpRequest) -> HttpResponse:
    next_url = request.POST.get("next") or request.GET.get("next") or ""
    if request.user.is_authenticated and request.method == "GET":
        return HttpResponseRedirect(_safe_next(request, next_url))
    form = LoginForm(request.POST or None)
    error = ""
    if request.method == "POST" and form.is_valid():
        try:
            user = services.password_step(
                request=request,
                username=form.cleaned_data["username"],
                password=form.cleaned_data["password"],
            )
        except DomainError as exc:
            error = exc.message
        else:
            if services.has_confirmed_device(user):
                _set_pending(request, user, "verify", next_url)
                return redirect("orgs:login-verify")
            if requires_two_factor(user):
                _set_pending(request, user, "enrol", next_url)
                return redirect("orgs:two-factor-setup")
            return _complete_login(request, user, next_url)
    elif request.method == "POST":
        error = "请填写用户名和密码。"
    status = 200 if not error else 400
    return render(
        request,
        "accounts/login.html",
        {"form": form, "error": error, "next": next_url},
        status=status,
    )


@csrf_protect
@never_cache
@require_http_methods(["GET", "POST"])
def login_verify_view(request: HttpRequest) -> HttpResponse:
    pending = _pending(request, "verify")
    if pending is None:
        messages.error(request, "请重新输入用户名和密码。")
        return redirect("orgs:login")
    user, next_url = pending
    form = CodeForm(request.POST or None)
    error = ""
    if request.method == "POST" and form.is_valid():
        try:
            services.second_factor_step(request=request, user=user, code=form.cleaned_data["code"])
        except services.LockedError as exc:
            request.session.pop(PENDING_KEY, None)
            messages.error(request, exc.message)
            return redirect("orgs:login")
        except DomainError as exc:
            error = exc.message
        else:
            return _complete_login(request, user, next_url, detail="two-factor")
    elif request.method == "POST":
        error = "请输入验证码。"
    return render(
        request,
        "accounts/verify.html",
        {"form": form, "error": error},
        status=400 if error else 200,
    )


def _qr_svg(data: str) -> str:
    image = qrcode.make(data, image_factory=qrcode.image.svg.SvgPathImage, box_size=8, border=2)
    svg = image.to_string(encoding="unicode")
    # Drop the XML declaration so the SVG can sit inline in HTML.
    return svg[svg.index("<svg") :]


@csrf_protect
@never_cache
@require_http_methods(["GET", "POST"])
def two_factor_setup_view(request: HttpRequest) -> HttpResponse:
    """Enrol a TOTP authenticator: scan the QR code (or type the key), confirm with a code,
    then see the recovery codes once."""
    pending = _pending(request, "enrol")
    if pending is not None:
        user, next_url = pending
    elif request.user.is_authenticated and isinstance(request.user, User):
        user, next_url = request.user, "/accounts/two-factor/"
    else:
        return redirect("orgs:login")
    if services.has_confirmed_device(user):
        messages.info(request, "两步验证已经启用。")
        return redirect("orgs:two-factor")
    device = services.totp_begin_enrolment(user=user)
    form = CodeForm(request.POST or None)
    error = ""
    if request.method == "POST" and form.is_valid():
        try:
            codes = services.totp_confirm(
                request=request, user=user, code=form.cleaned_data["code"]
            )
        except services.LockedError as exc:
            request.session.pop(PENDING_KEY, None)
            messages.error(request, exc.message)
            return redirect("orgs:login")
        except DomainError as exc:
            error = exc.message
        else:
            if pending is not None:
                request.session.pop(PENDING_KEY, None)
                login(request, user, backend="django.contrib.auth.backends.ModelBackend")
                services.login_recorded(request=request, user=user, detail="two-factor enrolment")
            return render(
                request,
                "accounts/recovery_codes.html",
                {"codes": codes, "next": _safe_next(request, next_url), "fresh": True},
            )
    elif request.method == "POST":
        error = "请输入验证码。"
    secret = device.secret
    context: dict[str, Any] = {
        "form": form,
        "error": error,
        "qr_svg": mark_safe(_qr_svg(services.provisioning_uri(device))),
        "secret_groups": " ".join(secret[i : i + 4] for i in range(0, len(secret), 4)),
        "required": pending is not None,
    }
    return render(request, "accounts/setup.html", context, status=400 if error else 200)


@login_required
@never_cache
@require_http_methods(["GET", "POST"])
def two_factor_view(request: HttpRequest) -> HttpResponse:
    """Status of one's own two-factor authentication; new recovery codes on request."""
    user = request.user
    assert isinstance(user, User)
    enabled = services.has_confirmed_device(user)
    if request.method == "POST" and enabled:
        form = CodeForm(request.POST)
        if form.is_valid():
            try:
                services.second_factor_step(
                    request=request, user=user, code=form.cleaned_data["code"]
                )
            except DomainError as exc:
                messages.error(request, exc.message)
            else:
                codes = services.recovery_codes_regenerate(user=user)
                return render(
                    request,
                    "accounts/recovery_codes.html",
                    {"codes": codes, "next": "/accounts/two-factor/", "fresh": False},
                )
        return redirect("orgs:two-factor")
    return render(
        request,
        "accounts/two_factor.html",
        {
            "enabled": enabled,
            "codes_left": services.recovery_codes_left(user=user),
            "form": CodeForm(),
        },
    )


@require_http_methods(["GET", "POST"])
def logout_view(request: HttpRequest) -> HttpResponse:
    if request.method == "GET":
        return render(request, "accounts/logout.html")
    user = request.user
    if isinstance(user, User):
        services.logout_recorded(request=request, user=user)
    logout(request)
    messages.success(request, "您已安全退出。")
    return redirect("/")


@sensitive_post_parameters()
@login_required
@require_http_methods(["GET", "POST"])
def password_change_view(request: HttpRequest) -> HttpResponse:
    user = request.user
    assert isinstance(user, User)
    form = PasswordChangeForm(user, request.POST or None)
    if request.method == "POST" and form.is_valid():
        form.save()
        update_session_auth_hash(request, form.user)
        services.auth_event_record(
            kind=AuthEventKind.PASSWORD_CHANGE, client=services.ClientInfo.of(request), user=user
        )
        messages.success(request, "密码已修改。")
        return redirect("/office/")
    return render(request, "accounts/password_change.html", {"form": form})
