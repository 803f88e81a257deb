"""Read-only admin views of reports: every write goes through gongkai.reporting.services
(the back-office pages), so the admin only lets a system administrator look."""

from __future__ import annotations

from django.contrib import admin
from django.http import HttpRequest

from gongkai.reporting.models import OutsideFigure, Report, ReportEvent, SubordinateReport


class ReadOnlyAdmin(admin.ModelAdmin):
    def has_add_permission(self, request: HttpRequest) -> bool:
        return False

    def has_change_permission(self, request: HttpRequest, obj: object = None) -> bool:
        return False

    def has_delete_permission(self, request: HttpRequest, obj: object = None) -> bool:
        return False


class ReportEventInline(admin.TabularInline):
    model = ReportEvent
    extra = 0
    can_delete = False
    fields = ("at", "actor", "action", "from_status", "to_status", "version_number", "comment")
    readonly_fields = fields

    def has_add_permission(self, request: HttpRequest, obj: object = None) -> bool:
        return False


@admin.register(Report)
class ReportAdmin(ReadOnlyAdmin):
    list_display = ("title", "year", "scope", "status", "version_number", "published_at")
    list_filter = ("year", "scope", "status")
    exclude = ("content",)
    inlines = (ReportEventInline,)


@admin.register(OutsideFigure)
class OutsideFigureAdmin(ReadOnlyAdmin):
    list_display = ("organ", "year", "key", "value", "unit", "note", "entered_by", "superseded_at")
    list_filter = ("year",)


@admin.register(SubordinateReport)
class SubordinateReportAdmin(ReadOnlyAdmin):
    list_display = ("target", "organ_name", "source_name", "status", "imported_at")
