"""Admin: read-only views of applications and their events. Every write goes through the
services (the back office under /office/applications/), never through the admin."""

from __future__ import annotations

from typing import Any

from django.contrib import admin
from django.http import HttpRequest

from gongkai.applications.models import Application, ApplicationEvent, LetterTemplate


class ReadOnly(admin.ModelAdmin):
    def has_add_permission(self, request: HttpRequest, obj: Any = None) -> bool:
        return False

    def has_change_permission(self, request: HttpRequest, obj: Any = None) -> bool:
        return False

    def has_delete_permission(self, request: HttpRequest, obj: Any = None) -> bool:
        return False


@admin.register(Application)
class ApplicationAdmin(ReadOnly):
    list_display = ("id", "organ", "status", "received_on", "due_on", "outcome", "closed_on")
    list_filter = ("status", "outcome", "channel", "applicant_type")
    exclude = ("id_number", "phone", "idempotency_key", "submitter_ip")


@admin.register(ApplicationEvent)
class ApplicationEventAdmin(ReadOnly):
    list_display = (
        "application",
        "seq",
        "action",
        "from_status",
        "to_status",
        "occurred_on",
        "actor",
    )


@admin.register(LetterTemplate)
class LetterTemplateAdmin(admin.ModelAdmin):
    list_display = ("kind", "organ", "title", "updated_at")
