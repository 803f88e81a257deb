"""Rate limits on the public form, the status lookup and the API, per client address.

Submissions are counted from the applications themselves (exact across processes); failed
look-ups in Django's cache (per process with the default local-memory cache — enough to make
guessing a phone suffix slow; configure a shared cache for several processes)."""

from __future__ import annotations

from datetime import timedelta

from django.conf import settings
from django.core.cache import cache
from django.http import HttpRequest
from django.utils import timezone

from gongkai.applications.models import Application


def client_ip(request: HttpRequest) -> str | None:
    return request.META.get("REMOTE_ADDR") or None


def submissions_exhausted(ip: str | None) -> bool:
    if ip is None:
        return False
    limit = int(getattr(settings, "GONGKAI_APPLY_RATE_PER_HOUR", 10))
    since = timezone.now() - timedelta(hours=1)
    return Application.objects.filter(submitter_ip=ip, created_at__gte=since).count() >= limit


def _lookup_key(ip: str | None) -> str:
    hour = timezone.now().strftime("%Y%m%d%H")
    return f"gk-lookup-fail:{ip}:{hour}"


def lookups_exhausted(ip: str | None) -> bool:
    limit = int(getattr(settings, "GONGKAI_LOOKUP_RATE_PER_HOUR", 30))
    return int(cache.get(_lookup_key(ip), 0)) >= limit


def note_failed_lookup(ip: str | None) -> None:
    key = _lookup_key(ip)
    try:
        cache.incr(key)
    except ValueError:
        cache.set(key, 1, 3600)


RATE_MESSAGE = (
    "同一网络地址提交过于频繁，请一小时后再试；如有急需，可当面或邮寄提交申请。",
    "Too many submissions from this address; try again in an hour.",
)
LOOKUP_RATE_MESSAGE = (
    "查询失败次数过多，请一小时后再试。",
    "Too many failed look-ups from this address; try again in an hour.",
)
