"""Admin pages for organs, staff and the audit log."""

import pytest

from gongkai.orgs.accounts.models import AuthEvent
from gongkai.orgs.models import Membership, Organ, OrganKind, Role
from gongkai.orgs.tests.factories import county, make_credit_code, persona_users

pytestmark = pytest.mark.django_db


@pytest.fixture
def world():
    tree = county()
    return tree, persona_users(tree)


def organ_form(organ, **changes):
    data = {
        "name": organ.name,
        "short_name": organ.short_name,
        "kind": organ.kind,
        "parent": organ.parent_id or "",
        "credit_code": organ.credit_code,
        "index_code": organ.index_code,
        "outside_note": organ.outside_note,
        "sort_order": organ.sort_order,
        "is_active": "on",
        "memberships-TOTAL_FORMS": "0",
        "memberships-INITIAL_FORMS": "0",
        "memberships-MIN_NUM_FORMS": "0",
        "memberships-MAX_NUM_FORMS": "1000",
    }
    if organ.outside_system:
        data["outside_system"] = "on"
    data.update(changes)
    return data


def test_the_office_sees_and_manages_only_its_subtree(client, world):
    tree, people = world
    client.force_login(people.office_admin)
    listing = client.get("/admin/orgs/organ/").content.decode()
    assert "某县教育考试院" in listing and "邻县人民政府" not in listing
    assert "教育局 › 县政府" in listing  # the path column of 教育考试院
    assert client.get(f"/admin/orgs/organ/{tree.other_county.pk}/change/").status_code == 302


def test_the_sysadmin_sees_every_organ_and_a_stranger_none(client, world):
    _tree, people = world
    client.force_login(people.sysadmin)
    assert "邻县人民政府" in client.get("/admin/orgs/organ/").content.decode()
    client.force_login(people.handler)
    assert client.get("/admin/orgs/organ/").status_code == 302  # not admitted to the admin


def test_an_invalid_credit_code_is_shown_on_its_field(client, world):
    tree, people = world
    client.force_login(people.office_admin)
    response = client.post(
        f"/admin/orgs/organ/{tree.education.pk}/change/",
        organ_form(tree.education, credit_code="91350100M000100Y44"),
    )
    assert response.status_code == 200
    assert "校验位错误：应为 3，实际为 4" in response.content.decode()


def test_moving_an_organ_below_its_own_child_is_refused(client, world):
    tree, people = world
    client.force_login(people.sysadmin)
    response = client.post(
        f"/admin/orgs/organ/{tree.education.pk}/change/",
        organ_form(tree.education, parent=tree.school_office.pk),
    )
    assert "会形成循环" in response.content.decode()
    tree.education.refresh_from_db()
    assert tree.education.parent_id == tree.government.pk


def test_an_organ_outside_the_system_needs_a_note(client, world):
    tree, people = world
    client.force_login(people.sysadmin)
    data = organ_form(tree.civil_affairs, outside_system="on", outside_note="")
    response = client.post(f"/admin/orgs/organ/{tree.civil_affairs.pk}/change/", data)
    assert "须填写说明" in response.content.decode()


def test_the_office_adds_an_organ_and_staff_through_the_services(client, world):
    tree, people = world
    client.force_login(people.office_admin)
    data = organ_form(
        Organ(name="某县教育局基建科", kind=OrganKind.DISPATCHED_BODY, parent=tree.education),
        credit_code=make_credit_code(),
        parent=tree.education.pk,
        **{
            "memberships-TOTAL_FORMS": "1",
            "memberships-0-user": people.stranger.pk,
            "memberships-0-role": Role.HANDLER,
        },
    )
    response = client.post("/admin/orgs/organ/add/", data)
    assert response.status_code == 302, response.content.decode()[:3000]
    organ = Organ.objects.get(name="某县教育局基建科")
    assert organ.parent == tree.education
    assert Membership.objects.filter(user=people.stranger, organ=organ, role=Role.HANDLER).exists()


def test_the_office_cannot_make_a_system_administrator(client, world):
    tree, people = world
    client.force_login(people.office_admin)
    page = client.get(f"/admin/orgs/organ/{tree.education.pk}/change/").content.decode()
    assert "公开办管理员" in page
    assert 'value="sysadmin"' not in page


def test_the_user_page_shows_roles_in_several_organs(client, world):
    _tree, people = world
    client.force_login(people.sysadmin)
    page = client.get(f"/admin/auth/user/{people.handler.pk}/change/").content.decode()
    assert "所在机关与角色" in page


def test_the_audit_log_is_read_only_in_the_admin(client, world):
    _, people = world
    client.force_login(people.sysadmin)
    client.post("/accounts/login/", {"username": "nobody", "password": "x"})
    event = AuthEvent.objects.get()
    assert client.get("/admin/orgs/authevent/").status_code == 200
    assert "nobody" in client.get("/admin/orgs/authevent/").content.decode()
    assert client.get("/admin/orgs/authevent/add/").status_code == 403
    response = client.post(f"/admin/orgs/authevent/{event.pk}/delete/", {"post": "yes"})
    assert response.status_code == 403
    client.force_login(people.office_admin)
    assert client.get("/admin/orgs/authevent/").status_code == 403


def test_the_office_home_links_to_organ_management_only_for_managers(client, world):
    _, people = world
    client.force_login(people.office_admin)
    home = client.get("/office/").content.decode()
    assert "机关与人员管理" in home and "工作日历" not in home
    client.force_login(people.sysadmin)
    assert "工作日历" in client.get("/office/").content.decode()
    client.force_login(people.handler)
    assert "机关与人员管理" not in client.get("/office/").content.decode()
