"""Admin pages to review and edit the calendar: each year with its exception days inline.

Only system administrators change the calendar (gongkai.orgs.permissions.can_manage_calendar);
anyone working for an organ may look. Every change goes through gongkai.workdays.services,
which validates it (a holiday on a weekend, a make-up day on a weekday are refused) and records
it in CalendarChange.
"""

from __future__ import annotations

from typing import Any

from django import forms
from django.contrib import admin
from django.db.models import Count, Q, QuerySet
from django.http import HttpRequest

from gongkai.core.errors import DomainError
from gongkai.orgs import permissions
from gongkai.workdays import services
from gongkai.workdays.models import CalendarChange, CalendarDay, CalendarYear, DayKind


def _can_view(request: HttpRequest) -> bool:
    return permissions.can_view_calendar(request.user)


def _can_edit(request: HttpRequest) -> bool:
    return permissions.can_manage_calendar(request.user)


class CalendarDayForm(forms.ModelForm):
    class Meta:
        model = CalendarDay
        fields = ("date", "kind", "name")

    def clean(self) -> dict[str, Any]:
        data = super().clean() or {}
        day, kind = data.get("date"), data.get("kind")
        if day and kind:
            year_row = getattr(self.instance, "calendar_year", None) if self.instance.pk else None
            parent_year = getattr(self, "parent_year", None) or (
                year_row.year if year_row else None
            )
            problem = services.day_problem(day, kind, parent_year)
            if problem:
                self.add_error("date", f"{problem[0]}。 / {problem[1]}.")
        return data


class CalendarDayInline(admin.TabularInline):
    model = CalendarDay
    form = CalendarDayForm
    extra = 1
    fields = ("date", "weekday", "kind", "name")
    readonly_fields = ("weekday",)
    ordering = ("date",)
    verbose_name = "例外日期"
    verbose_name_plural = "例外日期（只登记与“周一至周五上班”不同的日子）"

    @admin.display(description="星期")
    def weekday(self, obj: CalendarDay) -> str:
        return f"星期{services.WEEKDAY_ZH[obj.date.weekday()]}" if obj.date else ""

    def has_view_permission(self, request: HttpRequest, obj: Any = None) -> bool:
        return _can_view(request)

    def has_change_permission(self, request: HttpRequest, obj: Any = None) -> bool:
        return _can_edit(request)

    has_add_permission = has_change_permission
    has_delete_permission = has_change_permission

    def get_formset(self, request: HttpRequest, obj: Any = None, **kwargs: Any) -> Any:
        formset = super().get_formset(request, obj, **kwargs)
        year = obj.year if obj is not None else None

        class YearBound(formset.form):  # type: ignore[name-defined]
            parent_year = year

        formset.form = YearBound
        return formset


@admin.register(CalendarYear)
class CalendarYearAdmin(admin.ModelAdmin):
    list_display = ("year", "source", "holiday_count", "makeup_count", "updated_at")
    readonly_fields = ("loaded_at", "updated_at")
    fields = ("year", "source", "loaded_at", "updated_at")
    inlines = (CalendarDayInline,)

    def get_queryset(self, request: HttpRequest) -> QuerySet[CalendarYear]:
        return (
            super()
            .get_queryset(request)
            .annotate(
                n_holidays=Count("days", filter=Q(days__kind=DayKind.HOLIDAY)),
                n_makeup=Count("days", filter=Q(days__kind=DayKind.MAKEUP_WORKDAY)),
            )
        )

    @admin.display(description="节假日（工作日放假）", ordering="n_holidays")
    def holiday_count(self, obj: Any) -> int:
        return int(obj.n_holidays)

    @admin.display(description="调休上班日", ordering="n_makeup")
    def makeup_count(self, obj: Any) -> int:
        return int(obj.n_makeup)

    def get_readonly_fields(self, request: HttpRequest, obj: Any = None) -> Any:
        return ("year", *self.readonly_fields) if obj is not None else self.readonly_fields

    def has_module_permission(self, request: HttpRequest) -> bool:
        return _can_view(request)

    def has_view_permission(self, request: HttpRequest, obj: Any = None) -> bool:
        return _can_view(request)

    def has_change_permission(self, request: HttpRequest, obj: Any = None) -> bool:
        return _can_edit(request)

    def has_add_permission(self, request: HttpRequest) -> bool:
        # A year is created by loading or importing it (gongkai calendar load|import), so it
        # never exists half-filled.
        return False

    def has_delete_permission(self, request: HttpRequest, obj: Any = None) -> bool:
        return _can_edit(request)

    def save_model(self, request: HttpRequest, obj: CalendarYear, form: Any, change: bool) -> None:
        obj.save(update_fields=["source", "updated_at"])

    def save_formset(self, request: HttpRequest, form: Any, formset: Any, change: bool) -> None:
        rows = formset.save(commit=False)
        try:
            for removed in formset.deleted_objects:
                services.calendar_day_delete(actor=request.user, row=removed)
            for row in rows:
                if row.pk:
                    services.calendar_day_change(
                        actor=request.user, row=row, day=row.date, kind=row.kind, name=row.name
                    )
                else:
                    services.calendar_day_add(
                        actor=request.user, day=row.date, kind=row.kind, name=row.name
                    )
        except DomainError as exc:
            # The form validated the same rules; this is a race with another editor.
            self.message_user(request, str(exc), level="error")


@admin.register(CalendarChange)
class CalendarChangeAdmin(admin.ModelAdmin):
    list_display = ("at", "year", "kind", "actor")
    list_filter = ("year", "kind")
    readonly_fields = ("at", "year", "kind", "actor", "detail")

    def has_module_permission(self, request: HttpRequest) -> bool:
        return _can_view(request)

    def has_view_permission(self, request: HttpRequest, obj: Any = None) -> bool:
        return _can_view(request)

    def has_add_permission(self, request: HttpRequest) -> bool:
        return False

    def has_change_permission(self, request: HttpRequest, obj: Any = None) -> bool:
        return False

    def has_delete_permission(self, request: HttpRequest, obj: Any = None) -> bool:
        return False
