"""Every write to organs and memberships. Keyword-only, typed, atomic; each takes the acting
user (`actor=None` for the command line and the system itself) and checks permissions."""

from __future__ import annotations

from typing import Any

from django.contrib.auth.models import AbstractBaseUser, AnonymousUser, User
from django.core.exceptions import ValidationError
from django.db import transaction

from gongkai.core.errors import DomainError, PermissionDeniedError
from gongkai.orgs import permissions
from gongkai.orgs.models import Membership, Organ, OrganKind, Role
from gongkai.orgs.selectors import organ_subtree_ids
from gongkai.orgs.validators import credit_code_problem, normalise_credit_code

Actor = AbstractBaseUser | AnonymousUser | None

ORGAN_FIELDS = (
    "name",
    "short_name",
    "credit_code",
    "kind",
    "parent",
    "index_code",
    "outside_system",
    "outside_note",
    "sort_order",
    "is_active",
)


def _deny() -> PermissionDeniedError:
    return PermissionDeniedError("您没有管理该机关的权限。", "You may not manage this organ.")


def check_organ_fields(organ: Organ) -> None:
    """Domain checks beyond the column types, each naming the field."""
    organ.name = organ.name.strip()
    if not organ.name:
        raise DomainError("机关名称不能为空。", "The organ's name is required.", field="name")
    if organ.kind not in OrganKind.values:
        raise DomainError(
            f"机关类型“{organ.kind}”无效。", f"Unknown organ kind {organ.kind!r}.", field="kind"
        )
    organ.credit_code = normalise_credit_code(organ.credit_code)
    if organ.credit_code:
        problem = credit_code_problem(organ.credit_code)
        if problem:
            raise DomainError(f"{problem[0]}。", f"{problem[1]}.", field="credit_code")
        clash = Organ.objects.filter(credit_code=organ.credit_code).exclude(pk=organ.pk).first()
        if clash:
            raise DomainError(
                f"统一社会信用代码 {organ.credit_code} 已属于“{clash.name}”。",
                f"Credit code {organ.credit_code} already belongs to {clash.name!r}.",
                field="credit_code",
            )
    if Organ.objects.filter(name=organ.name).exclude(pk=organ.pk).exists():
        raise DomainError(
            f"已有名为“{organ.name}”的机关。",
            f"An organ named {organ.name!r} exists.",
            field="name",
        )
    if organ.outside_system and not organ.outside_note.strip():
        # The consolidated report must say why the unit's figures were entered by hand.
        raise DomainError(
            "未纳入年报填报系统的机关须填写说明。",
            "Explain why an organ outside the system is entered by hand.",
            field="outside_note",
        )
    if (
        organ.pk is not None
        and organ.parent_id is not None
        and organ.parent_id in organ_subtree_ids(organ.pk)
    ):
        raise DomainError(
            "上级机关不能是该机关本身或其下级机关（会形成循环）。",
            "The parent cannot be the organ itself or one of its descendants (a cycle).",
            field="parent",
        )


@transaction.atomic
def organ_create(*, actor: Actor, name: str, kind: str, parent: Organ | None = None,
                 **fields: Any) -> Organ:  # fmt: skip
    """Create an organ below `parent` (a root when None)."""
    if actor is not None and not permissions.can_create_organ_under(actor, parent):
        raise _deny()
    unknown = set(fields) - set(ORGAN_FIELDS)
    if unknown:
        raise TypeError(f"unknown organ fields: {sorted(unknown)}")
    organ = Organ(name=name, kind=kind, parent=parent, **fields)
    check_organ_fields(organ)
    organ.save()
    return organ


@transaction.atomic
def organ_update(*, actor: Actor, organ: Organ, **changes: Any) -> Organ:
    """Change an organ's fields. Moving it needs the right to manage both the organ and its
    new parent; a move below its own subtree is refused."""
    unknown = set(changes) - set(ORGAN_FIELDS)
    if unknown:
        raise TypeError(f"unknown organ fields: {sorted(unknown)}")
    if actor is not None and not permissions.can_manage_organ(actor, organ):
        raise _deny()
    locked = Organ.objects.select_for_update().get(pk=organ.pk)
    for key, value in changes.items():
        setattr(locked, key, value)
    if (
        "parent" in changes
        and actor is not None
        and locked.parent_id != organ.parent_id
        and not permissions.can_create_organ_under(actor, locked.parent)
    ):
        raise _deny()
    check_organ_fields(locked)
    locked.save()
    return locked


def organ_save_from_form(*, actor: Actor, organ: Organ) -> Organ:
    """The admin's path: a bound, validated model instance goes through the same checks."""
    if organ.pk is None:
        values = {f: getattr(organ, f) for f in ORGAN_FIELDS if f not in {"name", "kind", "parent"}}
        return organ_create(
            actor=actor, name=organ.name, kind=organ.kind, parent=organ.parent, **values
        )
    return organ_update(actor=actor, organ=organ, **{f: getattr(organ, f) for f in ORGAN_FIELDS})


@transaction.atomic
def membership_grant(*, actor: Actor, user: User, organ: Organ,
                     role: Role | str) -> Membership:  # fmt: skip
    """Give `user` `role` in `organ` (idempotent). Office administrators and system
    administrators work in the admin site, so they are admitted to it (is_staff)."""
    if role not in Role.values:
        raise DomainError(f"角色“{role}”无效。", f"Unknown role {role!r}.", field="role")
    if actor is not None and not permissions.can_grant_role(actor, organ, role):
        raise PermissionDeniedError("您不能授予该角色。", "You may not grant this role.")
    membership, _ = Membership.objects.get_or_create(user=user, organ=organ, role=role)
    if role in (Role.OFFICE_ADMIN, Role.SYSADMIN) and not user.is_staff:
        User.objects.filter(pk=user.pk).update(is_staff=True)
        user.is_staff = True
    return membership


@transaction.atomic
def membership_revoke(*, actor: Actor, membership: Membership) -> None:
    if actor is not None and not permissions.can_grant_role(
        actor, membership.organ_id, membership.role
    ):
        raise PermissionDeniedError("您不能撤销该角色。", "You may not revoke this role.")
    membership.delete()


def validation_error_from(error: DomainError) -> ValidationError:
    """A DomainError as a form error on its field, for the admin."""
    message = str(error)
    if error.field:
        return ValidationError({error.field: message})
    return ValidationError(message)
