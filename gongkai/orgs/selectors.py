"""Reads of the organ tree and of who holds which role where."""

from __future__ import annotations

from collections.abc import Iterable

from django.contrib.auth.models import AbstractBaseUser, AnonymousUser

from gongkai.orgs.models import Membership, Organ, Role


def organ_subtree_ids(organ_id: int) -> set[int]:
    """The organ and every organ below it (one query per level; trees are shallow)."""
    found = {organ_id}
    frontier = {organ_id}
    while frontier:
        frontier = (
            set(Organ.objects.filter(parent_id__in=frontier).values_list("id", flat=True)) - found
        )
        found |= frontier
    return found


def organ_path_to_root(organ: Organ) -> list[Organ]:
    """[organ, its parent, …, the root]."""
    path = [organ]
    seen = {organ.pk}
    current = organ
    while current.parent_id is not None and current.parent_id not in seen:
        current = Organ.objects.get(pk=current.parent_id)
        path.append(current)
        seen.add(current.pk)
    return path


def organ_ids_for(user: AbstractBaseUser | AnonymousUser, roles: Iterable[Role]) -> set[int]:
    """Organs on which `user` acts in any of `roles`.

    A disclosure-office administrator (公开办管理员) acts on the organ's whole subtree; every
    other role on its own organ only. Anonymous users act nowhere.
    """
    if not user.is_authenticated:
        return set()
    wanted = set(roles)
    result: set[int] = set()
    for organ_id, role in Membership.objects.filter(user_id=user.pk, role__in=wanted).values_list(
        "organ_id", "role"
    ):
        if role == Role.OFFICE_ADMIN:
            result |= organ_subtree_ids(organ_id)
        else:
            result.add(organ_id)
    return result
