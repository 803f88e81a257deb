from __future__ import annotations

from django.contrib.auth.decorators import login_required
from django.db import connection
from django.http import HttpRequest, HttpResponse, HttpResponseRedirect, JsonResponse
from django.shortcuts import render
from django.utils.http import url_has_allowed_host_and_scheme
from django.views.decorators.http import require_POST


def healthz(request: HttpRequest) -> JsonResponse:
    """Liveness and database reachability, for load balancers and the set-up scripts."""
    with connection.cursor() as cursor:
        cursor.execute("SELECT 1")
    return JsonResponse({"status": "ok", "database": connection.vendor})


@require_POST
def display_mode(request: HttpRequest) -> HttpResponse:
    """Switch the 适老化 mode (large font, high contrast). A cookie, so no JavaScript is needed."""
    target = request.POST.get("next") or "/"
    if not url_has_allowed_host_and_scheme(target, allowed_hosts={request.get_host()}):
        target = "/"
    response = HttpResponseRedirect(target)
    if request.POST.get("elder") == "1":
        response.set_cookie("gk_elder", "1", max_age=365 * 24 * 3600, samesite="Lax")
    else:
        response.delete_cookie("gk_elder")
    return response


@login_required
def office_home(request: HttpRequest) -> HttpResponse:
    """The back office's start page: links to what this user may work on."""
    from gongkai.core.office import office_links

    return render(request, "core/office_home.html", {"links": office_links(request)})
