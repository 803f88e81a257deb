"""Organ and membership services: validation and permissions at the one place writes happen."""

import pytest

from gongkai.core.errors import DomainError, PermissionDeniedError
from gongkai.orgs.models import Membership, Organ, OrganKind, Role
from gongkai.orgs.services import membership_grant, membership_revoke, organ_create, organ_update
from gongkai.orgs.tests.factories import county, make_credit_code, make_user, persona_users

pytestmark = pytest.mark.django_db


@pytest.fixture
def world():
    tree = county()
    return tree, persona_users(tree)


def test_the_office_creates_organs_in_its_subtree_only(world):
    tree, people = world
    organ = organ_create(actor=people.office_admin, name="某县医疗保障局",
                         kind=OrganKind.DEPARTMENT, parent=tree.government)  # fmt: skip
    assert organ.parent == tree.government
    with pytest.raises(PermissionDeniedError):
        organ_create(actor=people.office_admin, name="邻县教育局", kind=OrganKind.DEPARTMENT,
                     parent=tree.other_county)  # fmt: skip
    with pytest.raises(PermissionDeniedError):
        organ_create(actor=people.office_admin, name="新的根", kind=OrganKind.OTHER)
    assert organ_create(actor=people.sysadmin, name="新的根", kind=OrganKind.OTHER).parent is None


def test_a_credit_code_is_normalised_checked_and_unique(world):
    assert world
    code = make_credit_code()
    organ = organ_create(actor=None, name="甲", kind=OrganKind.OTHER, credit_code=code.lower())
    assert organ.credit_code == code
    with pytest.raises(DomainError) as info:
        organ_create(actor=None, name="乙", kind=OrganKind.OTHER, credit_code=code)
    assert info.value.field == "credit_code" and "已属于“甲”" in info.value.message
    with pytest.raises(DomainError, match="校验位错误"):
        # A check character that is certainly wrong: "Y" or "X", whichever is not the right one.
        wrong = "X" if code[-1] == "Y" else "Y"
        organ_create(actor=None, name="丙", kind=OrganKind.OTHER, credit_code=code[:-1] + wrong)


def test_moving_an_organ_into_its_own_subtree_is_refused(world):
    tree, _ = world
    with pytest.raises(DomainError, match="会形成循环"):
        organ_update(actor=None, organ=tree.education, parent=tree.school_office)
    with pytest.raises(DomainError, match="会形成循环"):
        organ_update(actor=None, organ=tree.education, parent=tree.education)


def test_moving_needs_the_right_to_manage_the_new_parent(world):
    tree, people = world
    with pytest.raises(PermissionDeniedError):
        organ_update(actor=people.office_admin, organ=tree.education, parent=tree.other_county)
    moved = organ_update(actor=people.sysadmin, organ=tree.education, parent=tree.other_county)
    assert moved.parent == tree.other_county


def test_an_organ_outside_the_system_must_say_why(world):
    tree, _ = world
    with pytest.raises(DomainError) as info:
        organ_update(actor=None, organ=tree.civil_affairs, outside_system=True)
    assert info.value.field == "outside_note"
    organ_update(actor=None, organ=tree.civil_affairs, outside_system=True,
                 outside_note="县法院，数据由其提供")  # fmt: skip
    assert Organ.objects.get(pk=tree.civil_affairs.pk).outside_system


def test_granting_roles_follows_the_permissions(world):
    tree, people = world
    newcomer = make_user("newcomer")
    membership_grant(actor=people.office_admin, user=newcomer, organ=tree.school_office,
                     role=Role.HANDLER)  # fmt: skip
    with pytest.raises(PermissionDeniedError):
        membership_grant(actor=people.office_admin, user=newcomer, organ=tree.education,
                         role=Role.SYSADMIN)  # fmt: skip
    with pytest.raises(PermissionDeniedError):
        membership_grant(actor=people.handler, user=newcomer, organ=tree.education,
                         role=Role.HANDLER)  # fmt: skip
    membership_grant(actor=people.sysadmin, user=newcomer, organ=tree.government,
                     role=Role.OFFICE_ADMIN)  # fmt: skip
    newcomer.refresh_from_db()
    assert newcomer.is_staff  # office administrators work in the admin site
    membership = Membership.objects.get(user=newcomer, organ=tree.school_office)
    membership_revoke(actor=people.office_admin, membership=membership)
    assert not Membership.objects.filter(pk=membership.pk).exists()


def test_granting_twice_is_harmless(world):
    tree, people = world
    first = membership_grant(actor=None, user=people.stranger, organ=tree.education,
                             role=Role.HANDLER)  # fmt: skip
    again = membership_grant(actor=None, user=people.stranger, organ=tree.education,
                             role=Role.HANDLER)  # fmt: skip
    assert first.pk == again.pk
