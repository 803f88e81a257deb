"""Reusable test data for every app: organs, users, roles, and a small county with personas.

Use in tests::

    from gongkai.orgs.tests.factories import county, persona_users, make_user, grant

    @pytest.mark.django_db
    def test_it_hides_other_departments_cases():
        tree = county()                    # 县人民政府 → 教育局, 民政局, 城关镇, 生态环境分局
        people = persona_users(tree)       # office_admin, handler, approver, preparer, sysadmin,
                                           # stranger, other_handler
        ...

or as pytest fixtures (import them into your test module or conftest)::

    from gongkai.orgs.tests.factories import county_tree, personas  # noqa: F401

All passwords are `PASSWORD`.
"""

from __future__ import annotations

import functools
import itertools
from dataclasses import dataclass
from typing import Any, cast

import factory
import pytest
from django.contrib.auth import get_user_model
from django.contrib.auth.hashers import make_password

from gongkai.orgs.models import Membership, Organ, OrganKind, Role
from gongkai.orgs.validators import ALPHABET, credit_code_check_char

PASSWORD = "Test-pass-2026!"
_seq = itertools.count(1)


@functools.cache
def _password_hash() -> str:
    # Hashing is slow on purpose (PBKDF2); hash the shared test password once per process.
    return make_password(PASSWORD)


def make_credit_code(serial: int | None = None, *, division: str = "330100") -> str:
    """A valid 18-character unified social credit code of a government organ (11…)."""
    n = next(_seq) if serial is None else serial
    body = ""
    for _ in range(9):
        n, digit = divmod(n, len(ALPHABET))
        body = ALPHABET[digit] + body
    first17 = "11" + division + body
    return first17 + credit_code_check_char(first17)


class OrganFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Organ
        django_get_or_create = ("name",)

    name = factory.Sequence(lambda n: f"测试机关{n}")
    kind = OrganKind.DEPARTMENT
    credit_code = factory.LazyFunction(make_credit_code)


class UserFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = get_user_model()
        django_get_or_create = ("username",)

    username = factory.Sequence(lambda n: f"user{n}")
    first_name = ""
    email = factory.LazyAttribute(lambda u: f"{u.username}@example.gov.cn")
    password = factory.LazyFunction(lambda: _password_hash())


def make_organ(**fields: Any) -> Organ:
    """An organ (get-or-create by name) with a valid credit code unless one is given."""
    return cast(Organ, OrganFactory(**fields))


def make_user(username: str, **fields: Any) -> Any:
    return UserFactory(username=username, **fields)


def grant(user: Any, organ: Organ, role: Role | str) -> Membership:
    """Give a role directly (no permission check: test set-up)."""
    membership, _ = Membership.objects.get_or_create(user=user, organ=organ, role=role)
    if role in (Role.OFFICE_ADMIN, Role.SYSADMIN) and not user.is_staff:
        user.is_staff = True
        user.save(update_fields=["is_staff"])
    return membership


@dataclass
class County:
    """A county government with departments, a township and a unit outside the system."""

    government: Organ  # 县人民政府 (its 公开办 administers the whole tree)
    education: Organ  # 县教育局
    civil_affairs: Organ  # 县民政局
    township: Organ  # 城关镇人民政府
    school_office: Organ  # 县教育局 → 县教育考试院 (a body acting in its own name)
    ecology: Organ  # 县生态环境分局, outside the system
    other_county: Organ  # 邻县人民政府: a separate tree


def county(prefix: str = "") -> County:
    """Build the county tree (idempotent per prefix)."""
    gov = make_organ(name=f"{prefix}某县人民政府", short_name="县政府",
                       kind=OrganKind.PEOPLES_GOVERNMENT)  # fmt: skip
    education = make_organ(name=f"{prefix}某县教育局", short_name="教育局", parent=gov)
    civil = make_organ(name=f"{prefix}某县民政局", short_name="民政局", parent=gov)
    township = make_organ(name=f"{prefix}某县城关镇人民政府", short_name="城关镇",
                            kind=OrganKind.TOWNSHIP, parent=gov)  # fmt: skip
    exam = make_organ(name=f"{prefix}某县教育考试院", short_name="考试院",
                        kind=OrganKind.DISPATCHED_BODY, parent=education)  # fmt: skip
    ecology = make_organ(
        name=f"{prefix}某县生态环境分局",
        short_name="生态环境分局",
        parent=gov,
        outside_system=True,
        outside_note="未纳入年报填报系统，数据由其自行报送",
    )
    other = make_organ(name=f"{prefix}邻县人民政府", kind=OrganKind.PEOPLES_GOVERNMENT)
    return County(gov, education, civil, township, exam, ecology, other)


@dataclass
class Personas:
    office_admin: Any  # 公开办管理员 of the county government: acts on the whole tree
    handler: Any  # 承办人, 教育局
    approver: Any  # 审核人, 教育局
    preparer: Any  # 统计员, 教育局
    sysadmin: Any  # 系统管理员 (no case role)
    stranger: Any  # signed in, holds no role anywhere
    other_handler: Any  # 承办人, 民政局

    def all(self) -> dict[str, Any]:
        return dict(self.__dict__)


def persona_users(tree: County) -> Personas:
    people = Personas(
        office_admin=make_user("office_admin", first_name="公开办王主任"),
        handler=make_user("handler", first_name="承办人李"),
        approver=make_user("approver", first_name="审核人赵"),
        preparer=make_user("preparer", first_name="统计员孙"),
        sysadmin=make_user("sysadmin", first_name="系统管理员"),
        stranger=make_user("stranger", first_name="路人"),
        other_handler=make_user("other_handler", first_name="民政局承办人"),
    )
    grant(people.office_admin, tree.government, Role.OFFICE_ADMIN)
    grant(people.handler, tree.education, Role.HANDLER)
    grant(people.approver, tree.education, Role.APPROVER)
    grant(people.preparer, tree.education, Role.PREPARER)
    grant(people.sysadmin, tree.government, Role.SYSADMIN)
    grant(people.other_handler, tree.civil_affairs, Role.HANDLER)
    return people


@pytest.fixture
def county_tree(db: Any) -> County:
    return county()


@pytest.fixture
def personas(county_tree: County) -> Personas:
    return persona_users(county_tree)
