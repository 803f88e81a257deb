from __future__ import annotations

from django.contrib import admin
from django.http import HttpRequest

from gongkai.appeals.models import Appeal, AppealEvent


class AppealEventInline(admin.TabularInline):
    model = AppealEvent
    extra = 0
    can_delete = False
    readonly_fields = ("action", "actor", "at", "old", "new", "comment")

    def has_add_permission(self, request: HttpRequest, obj: object = None) -> bool:
        return False


@admin.register(Appeal)
class AppealAdmin(admin.ModelAdmin):
    """Read-only here: writes go through gongkai.appeals.services (the back-office pages)."""

    list_display = ("kind", "case_number", "organ", "filed_on", "status", "result", "decided_on")
    list_filter = ("kind", "status", "result")
    search_fields = ("case_number", "claimant", "subject")
    inlines = (AppealEventInline,)

    def has_add_permission(self, request: HttpRequest) -> bool:
        return False

    def has_change_permission(self, request: HttpRequest, obj: object = None) -> bool:
        return False

    def has_delete_permission(self, request: HttpRequest, obj: object = None) -> bool:
        return False
