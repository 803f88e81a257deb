from __future__ import annotations

from django.http import HttpRequest, HttpResponse
from django.shortcuts import render


def home(request: HttpRequest) -> HttpResponse:
    """政府信息公开专栏 front page."""
    return render(request, "portal/home.html", {})
