"""Reads of the organ tree and of who holds which role where.

The tree queries are single recursive common-table expressions (`WITH RECURSIVE`), which
SQLite (≥ 3.8.3) and PostgreSQL both run, so a subtree or a path costs one round trip
whatever the depth. `UNION` (not `UNION ALL`) and a depth limit keep a corrupted tree with a
cycle from looping forever; the services refuse to create cycles in the first place.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass

from django.contrib.auth.models import AbstractBaseUser, AnonymousUser
from django.db import connection
from django.db.models import QuerySet

from gongkai.orgs.models import Membership, Organ, Role

# Deeper than any real hierarchy (国务院 → 省 → 市 → 县 → 乡 → 内设机构 is six).
MAX_DEPTH = 64


def _table() -> str:
    return connection.ops.quote_name(Organ._meta.db_table)


def organ_subtree_ids_many(root_ids: Iterable[int]) -> set[int]:
    """The given organs and every organ below any of them, in one query."""
    roots = sorted(set(root_ids))
    if not roots:
        return set()
    placeholders = ", ".join(["%s"] * len(roots))
    table = _table()
    sql = (
        f"WITH RECURSIVE sub(id) AS ("
        f" SELECT id FROM {table} WHERE id IN ({placeholders})"
        f" UNION SELECT o.id FROM {table} o JOIN sub ON o.parent_id = sub.id"
        f") SELECT id FROM sub"
    )
    with connection.cursor() as cursor:
        cursor.execute(sql, roots)
        return {row[0] for row in cursor.fetchall()}


def organ_subtree_ids(organ_id: int) -> set[int]:
    """The organ and every organ below it (one query)."""
    return organ_subtree_ids_many([organ_id])


def organ_ancestor_ids(organ_id: int) -> list[int]:
    """[organ_id, its parent's id, …, the root's id] (one query)."""
    table = _table()
    sql = (
        f"WITH RECURSIVE up(id, parent_id, depth) AS ("
        f" SELECT id, parent_id, 0 FROM {table} WHERE id = %s"
        f" UNION ALL SELECT o.id, o.parent_id, up.depth + 1 FROM {table} o"
        f" JOIN up ON o.id = up.parent_id WHERE up.depth < %s"
        f") SELECT id FROM up ORDER BY depth"
    )
    with connection.cursor() as cursor:
        cursor.execute(sql, [organ_id, MAX_DEPTH])
        ids: list[int] = []
        for (found,) in cursor.fetchall():
            if found in ids:  # a cycle in corrupted data: stop at the repeat
                break
            ids.append(found)
        return ids


def organ_path_to_root(organ: Organ) -> list[Organ]:
    """[organ, its parent, …, the root] (two queries)."""
    ids = organ_ancestor_ids(organ.pk)
    by_id = Organ.objects.in_bulk(ids)
    by_id[organ.pk] = organ
    return [by_id[i] for i in ids if i in by_id]


def organ_ids_for(user: AbstractBaseUser | AnonymousUser, roles: Iterable[Role]) -> set[int]:
    """Organs on which `user` acts in any of `roles`.

    A disclosure-office administrator (公开办管理员) acts on the organ's whole subtree; every
    other role on its own organ only. Anonymous users act nowhere. Inactive organs keep their
    memberships (old cases stay reachable); inactive users act nowhere.
    """
    if not user.is_authenticated or not getattr(user, "is_active", True):
        return set()
    wanted = set(roles)
    own: set[int] = set()
    office_roots: set[int] = set()
    for organ_id, role in Membership.objects.filter(user_id=user.pk, role__in=wanted).values_list(
        "organ_id", "role"
    ):
        if role == Role.OFFICE_ADMIN:
            office_roots.add(organ_id)
        else:
            own.add(organ_id)
    return own | organ_subtree_ids_many(office_roots)


def user_has_any_role(user: AbstractBaseUser | AnonymousUser) -> bool:
    """Whether `user` works for some organ (is staff in the sense of the two-factor rule)."""
    if not user.is_authenticated:
        return False
    return Membership.objects.filter(user_id=user.pk).exists()


def memberships_of(user: AbstractBaseUser) -> QuerySet[Membership]:
    return (
        Membership.objects.filter(user_id=user.pk)
        .select_related("organ")
        .order_by("organ__sort_order", "organ_id", "role")
    )


def staff_of(organ: Organ) -> QuerySet[Membership]:
    return organ.memberships.select_related("user").order_by("user__username", "role")


@dataclass(frozen=True)
class TreeRow:
    organ: Organ
    depth: int


def organ_tree(root_ids: Iterable[int] | None = None) -> list[TreeRow]:
    """Organs in depth-first order with their depth, for indented lists.

    `root_ids=None` lists the whole forest; otherwise the subtrees of the given organs.
    """
    if root_ids is None:
        organs = list(Organ.objects.all())
    else:
        organs = list(Organ.objects.filter(pk__in=organ_subtree_ids_many(root_ids)))
    present = {o.pk for o in organs}
    children: dict[int | None, list[Organ]] = {}
    for organ in organs:
        parent = organ.parent_id if organ.parent_id in present else None
        children.setdefault(parent, []).append(organ)
    rows: list[TreeRow] = []
    seen: set[int] = set()

    def walk(parent: int | None, depth: int) -> None:
        for organ in sorted(children.get(parent, []), key=lambda o: (o.sort_order, o.pk)):
            if organ.pk in seen:
                continue
            seen.add(organ.pk)
            rows.append(TreeRow(organ, depth))
            walk(organ.pk, depth + 1)

    walk(None, 0)
    return rows
