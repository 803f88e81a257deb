"""Admin pages for organs, staff, roles and the sign-in audit log.

Organ and membership changes go through gongkai.orgs.services; who may change what is asked
of gongkai.orgs.permissions (an office administrator manages its own subtree). The admin site's
own login page is replaced by /accounts/login/, so lockout and two-factor authentication
cannot be bypassed through /admin/.
"""

from __future__ import annotations

from typing import Any
from urllib.parse import urlencode

from django import forms
from django.contrib import admin, messages
from django.contrib.auth.admin import UserAdmin
from django.contrib.auth.models import User
from django.db.models import QuerySet
from django.http import HttpRequest, HttpResponse, HttpResponseRedirect

from gongkai.core.errors import DomainError
from gongkai.orgs import permissions, services
from gongkai.orgs.accounts.models import AuthEvent, TwoFactorDevice
from gongkai.orgs.models import Membership, Organ, Role


def _admin_login(request: HttpRequest, extra_context: Any = None) -> HttpResponse:
    target = request.GET.get("next") or "/admin/"
    return HttpResponseRedirect("/accounts/login/?" + urlencode({"next": target}))


admin.site.login = _admin_login  # type: ignore[method-assign]


class MembershipInline(admin.TabularInline):
    """The organ's staff and their roles. The user field is a plain list (not autocomplete):
    office administrators may assign people without being allowed to edit their accounts."""

    model = Membership
    extra = 1
    fields = ("user", "role")
    verbose_name = "岗位（人员与角色）"
    verbose_name_plural = "岗位（人员与角色）"

    def has_view_permission(self, request: HttpRequest, obj: Any = None) -> bool:
        if obj is None:
            return permissions.can_manage_any_organ(request.user)
        return permissions.can_manage_staff_of(request.user, obj)

    has_change_permission = has_view_permission
    has_delete_permission = has_view_permission

    def has_add_permission(self, request: HttpRequest, obj: Any = None) -> bool:
        return self.has_view_permission(request, obj)

    def formfield_for_choice_field(self, db_field: Any, request: HttpRequest, **kwargs: Any) -> Any:
        if db_field.name == "role" and not permissions.is_sysadmin(request.user):
            kwargs["choices"] = [c for c in Role.choices if c[0] != Role.SYSADMIN]
        return super().formfield_for_choice_field(db_field, request, **kwargs)


class OrganForm(forms.ModelForm):
    class Meta:
        model = Organ
        fields = (
            "name",
            "short_name",
            "kind",
            "parent",
            "credit_code",
            "index_code",
            "outside_system",
            "outside_note",
            "sort_order",
            "is_active",
        )

    def clean(self) -> dict[str, Any]:
        data = super().clean() or {}
        if self.errors:
            return data
        # The same checks the service makes, shown on the field they concern.
        try:
            candidate = Organ(pk=self.instance.pk, **dict(data.items()))
            services.check_organ_fields(candidate)
        except DomainError as exc:
            raise services.validation_error_from(exc) from None
        return data


@admin.register(Organ)
class OrganAdmin(admin.ModelAdmin):
    form = OrganForm
    list_display = ("name", "short_name", "kind", "path", "credit_code", "outside_system",
                    "is_active")  # fmt: skip
    list_filter = ("kind", "outside_system", "is_active")
    search_fields = ("name", "short_name", "credit_code")
    autocomplete_fields = ("parent",)
    inlines = (MembershipInline,)
    fieldsets = (
        (None, {"fields": ("name", "short_name", "kind", "parent", "credit_code")}),
        ("公开目录", {"fields": ("index_code", "sort_order", "is_active")}),
        ("未纳入年报填报系统的单位", {"fields": ("outside_system", "outside_note")}),
    )

    def get_queryset(self, request: HttpRequest) -> QuerySet[Organ]:
        queryset = super().get_queryset(request).select_related("parent")
        ids = permissions.manageable_organ_ids(request.user)
        return queryset if ids is None else queryset.filter(pk__in=ids)

    def changelist_view(self, request: HttpRequest, extra_context: Any = None) -> Any:
        # Every organ's parent in one query, so the path column costs nothing per row. Kept
        # on the (shared) admin instance: concurrent requests compute the same map.
        self._parents = {
            pk: (parent, short or name)
            for pk, parent, short, name in Organ.objects.values_list(
                "pk", "parent_id", "short_name", "name"
            )
        }
        return super().changelist_view(request, extra_context)

    @admin.display(description="上级机关（至最上级）")
    def path(self, obj: Organ) -> str:
        parents = getattr(self, "_parents", {})
        names: list[str] = []
        current = obj.parent_id
        while current is not None and current in parents and len(names) < 16:
            current, label = parents[current]
            names.append(label)
        return " › ".join(names) or "—（最上级）"

    def has_module_permission(self, request: HttpRequest) -> bool:
        return permissions.can_manage_any_organ(request.user)

    def has_view_permission(self, request: HttpRequest, obj: Any = None) -> bool:
        if obj is None:
            return permissions.can_manage_any_organ(request.user)
        return permissions.can_manage_organ(request.user, obj)

    has_change_permission = has_view_permission

    def has_add_permission(self, request: HttpRequest) -> bool:
        return permissions.can_manage_any_organ(request.user)

    def has_delete_permission(self, request: HttpRequest, obj: Any = None) -> bool:
        # Organs own cases and reports: retire them (启用 off) rather than delete them.
        return permissions.is_sysadmin(request.user)

    def save_model(self, request: HttpRequest, obj: Organ, form: Any, change: bool) -> None:
        saved = services.organ_save_from_form(actor=request.user, organ=obj)
        obj.pk = saved.pk

    def save_formset(self, request: HttpRequest, form: Any, formset: Any, change: bool) -> None:
        memberships = formset.save(commit=False)
        for removed in formset.deleted_objects:
            services.membership_revoke(actor=request.user, membership=removed)
        for membership in memberships:
            if membership.pk:
                # A changed row: revoke the old grant, then grant the new one.
                old = Membership.objects.get(pk=membership.pk)
                services.membership_revoke(actor=request.user, membership=old)
            services.membership_grant(actor=request.user, user=membership.user,
                                      organ=form.instance, role=membership.role)  # fmt: skip


@admin.register(Membership)
class MembershipAdmin(admin.ModelAdmin):
    list_display = ("user", "organ", "role", "created_at")
    list_filter = ("role", "organ__kind")
    search_fields = ("user__username", "user__first_name", "user__last_name", "organ__name")
    autocomplete_fields = ("user", "organ")

    def get_queryset(self, request: HttpRequest) -> QuerySet[Membership]:
        queryset = super().get_queryset(request).select_related("user", "organ")
        ids = permissions.manageable_organ_ids(request.user)
        return queryset if ids is None else queryset.filter(organ_id__in=ids)

    def has_module_permission(self, request: HttpRequest) -> bool:
        return permissions.can_manage_any_organ(request.user)

    def has_view_permission(self, request: HttpRequest, obj: Any = None) -> bool:
        if obj is None:
            return permissions.can_manage_any_organ(request.user)
        return permissions.can_manage_staff_of(request.user, obj.organ_id)

    has_change_permission = has_view_permission

    def has_add_permission(self, request: HttpRequest) -> bool:
        return permissions.can_manage_any_organ(request.user)

    def has_delete_permission(self, request: HttpRequest, obj: Any = None) -> bool:
        if obj is None:
            return permissions.can_manage_any_organ(request.user)
        return permissions.can_grant_role(request.user, obj.organ_id, obj.role)

    def save_model(self, request: HttpRequest, obj: Membership, form: Any, change: bool) -> None:
        try:
            if change:
                services.membership_revoke(
                    actor=request.user, membership=Membership.objects.get(pk=obj.pk)
                )
            saved = services.membership_grant(
                actor=request.user, user=obj.user, organ=obj.organ, role=obj.role
            )
        except DomainError as exc:
            messages.error(request, str(exc))
            return
        obj.pk = saved.pk

    def delete_model(self, request: HttpRequest, obj: Membership) -> None:
        services.membership_revoke(actor=request.user, membership=obj)


class UserMembershipInline(admin.TabularInline):
    model = Membership
    extra = 0
    autocomplete_fields = ("organ",)
    verbose_name = "岗位"
    verbose_name_plural = "所在机关与角色（一人可在多个机关任职）"

    def has_view_permission(self, request: HttpRequest, obj: Any = None) -> bool:
        return permissions.is_sysadmin(request.user)

    has_change_permission = has_view_permission
    has_delete_permission = has_view_permission

    def has_add_permission(self, request: HttpRequest, obj: Any = None) -> bool:
        return permissions.is_sysadmin(request.user)


admin.site.unregister(User)


@admin.register(User)
class StaffAdmin(UserAdmin):
    """Django's user admin, with the person's roles and two-factor state."""

    inlines = (UserMembershipInline,)
    list_display = ("username", "first_name", "last_name", "is_active", "is_staff",
                    "two_factor", "last_login")  # fmt: skip
    list_filter = ("is_active", "is_staff", "is_superuser", "memberships__role")
    actions = ("reset_two_factor",)

    def has_module_permission(self, request: HttpRequest) -> bool:
        return permissions.is_sysadmin(request.user)

    def has_view_permission(self, request: HttpRequest, obj: Any = None) -> bool:
        return permissions.is_sysadmin(request.user)

    has_change_permission = has_view_permission
    has_add_permission = has_module_permission

    def has_delete_permission(self, request: HttpRequest, obj: Any = None) -> bool:
        # Accounts are deactivated, not deleted: the audit trail refers to them.
        return bool(getattr(request.user, "is_superuser", False))

    @admin.display(description="两步验证", boolean=True)
    def two_factor(self, obj: User) -> bool:
        return TwoFactorDevice.objects.filter(user=obj, confirmed_at__isnull=False).exists()

    @admin.action(description="重置两步验证（手机丢失时）")
    def reset_two_factor(self, request: HttpRequest, queryset: QuerySet[User]) -> None:
        from gongkai.orgs.accounts.services import two_factor_reset

        for user in queryset:
            two_factor_reset(actor=request.user, user=user, request=request)
        messages.success(request, f"已重置 {queryset.count()} 个账号的两步验证。")


@admin.register(AuthEvent)
class AuthEventAdmin(admin.ModelAdmin):
    """The sign-in audit log: read-only, for system administrators."""

    list_display = ("at", "kind", "username", "user", "ip", "user_agent", "detail")
    list_filter = ("kind",)
    search_fields = ("username", "ip", "user_agent")
    date_hierarchy = "at"
    list_select_related = ("user",)

    def has_module_permission(self, request: HttpRequest) -> bool:
        return permissions.can_view_auth_log(request.user)

    def has_view_permission(self, request: HttpRequest, obj: Any = None) -> bool:
        return permissions.can_view_auth_log(request.user)

    def has_add_permission(self, request: HttpRequest) -> bool:
        return False

    def has_change_permission(self, request: HttpRequest, obj: Any = None) -> bool:
        return False

    def has_delete_permission(self, request: HttpRequest, obj: Any = None) -> bool:
        return False


__all__ = ["Role"]
