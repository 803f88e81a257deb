"""The permission matrix: every role × every action × own organ / subtree / other organ.

Each role is held at 教育局 (the "own" organ). "Subtree" is 教育考试院, below 教育局;
"other" is 民政局, a sibling. Each cell is written out: Y = allowed, N = refused, in the order
own, subtree, other.
"""

import pytest
from django.contrib.auth.models import AnonymousUser
from django.test import override_settings

from gongkai.orgs import permissions as p
from gongkai.orgs.models import Role
from gongkai.orgs.tests.factories import county, grant, make_user

ACTIONS = {
    "view_cases": p.can_view_cases_of,
    "handle_cases": p.can_handle_cases_of,
    "decide_cases": p.can_decide_cases_of,
    "approve": p.can_approve_for,
    "view_report": p.can_view_report_of,
    "edit_report": p.can_edit_report_of,
    "approve_report": p.can_approve_report_of,
    "edit_publications": p.can_edit_publications_of,
    "review_publications": p.can_review_publications_of,
    "manage_organ": p.can_manage_organ,
    "manage_staff": p.can_manage_staff_of,
    "create_organ_under": p.can_create_organ_under,
    "grant_handler_role": lambda user, organ: p.can_grant_role(user, organ, Role.HANDLER),
    "grant_sysadmin_role": lambda user, organ: p.can_grant_role(user, organ, Role.SYSADMIN),
    "see_personal_data": p.can_see_personal_data,
}

# fmt: off
MATRIX = {
    #                      own/sub/other
    "office_admin": {
        "view_cases":          "YYN",
        "handle_cases":        "YYN",
        "decide_cases":        "YYN",
        "approve":             "YYN",
        "view_report":         "YYN",
        "edit_report":         "YYN",
        "approve_report":      "YYN",
        "edit_publications":   "YYN",
        "review_publications": "YYN",
        "manage_organ":        "YYN",
        "manage_staff":        "YYN",
        "create_organ_under":  "YYN",
        "grant_handler_role":  "YYN",
        "grant_sysadmin_role": "NNN",
        "see_personal_data":   "YYN",
    },
    "handler": {
        "view_cases":          "YNN",
        "handle_cases":        "YNN",
        "decide_cases":        "NNN",
        "approve":             "NNN",
        "view_report":         "NNN",
        "edit_report":         "NNN",
        "approve_report":      "NNN",
        "edit_publications":   "YNN",
        "review_publications": "NNN",
        "manage_organ":        "NNN",
        "manage_staff":        "NNN",
        "create_organ_under":  "NNN",
        "grant_handler_role":  "NNN",
        "grant_sysadmin_role": "NNN",
        "see_personal_data":   "YNN",
    },
    "approver": {
        "view_cases":          "YNN",
        "handle_cases":        "NNN",
        "decide_cases":        "YNN",
        "approve":             "YNN",
        "view_report":         "YNN",
        "edit_report":         "NNN",
        "approve_report":      "YNN",
        "edit_publications":   "NNN",
        "review_publications": "YNN",
        "manage_organ":        "NNN",
        "manage_staff":        "NNN",
        "create_organ_under":  "NNN",
        "grant_handler_role":  "NNN",
        "grant_sysadmin_role": "NNN",
        "see_personal_data":   "YNN",
    },
    "preparer": {
        "view_cases":          "NNN",
        "handle_cases":        "NNN",
        "decide_cases":        "NNN",
        "approve":             "NNN",
        "view_report":         "YNN",
        "edit_report":         "YNN",
        "approve_report":      "NNN",
        "edit_publications":   "NNN",
        "review_publications": "NNN",
        "manage_organ":        "NNN",
        "manage_staff":        "NNN",
        "create_organ_under":  "NNN",
        "grant_handler_role":  "NNN",
        "grant_sysadmin_role": "NNN",
        "see_personal_data":   "NNN",
    },
    # A system administrator manages organs and accounts everywhere but sees no case or
    # report content unless also given a case role.
    "sysadmin": {
        "view_cases":          "NNN",
        "handle_cases":        "NNN",
        "decide_cases":        "NNN",
        "approve":             "NNN",
        "view_report":         "NNN",
        "edit_report":         "NNN",
        "approve_report":      "NNN",
        "edit_publications":   "NNN",
        "review_publications": "NNN",
        "manage_organ":        "YYY",
        "manage_staff":        "YYY",
        "create_organ_under":  "YYY",
        "grant_handler_role":  "YYY",
        "grant_sysadmin_role": "YYY",
        "see_personal_data":   "NNN",
    },
    "stranger": dict.fromkeys(ACTIONS, "NNN"),
    "anonymous": dict.fromkeys(ACTIONS, "NNN"),
}

# Questions that are not about one organ.
GLOBAL = {
    #                 sysadmin office handler approver preparer stranger anonymous
    "is_sysadmin":            "Y N N N N N N",
    "can_manage_any_organ":   "Y Y N N N N N",
    "can_manage_calendar":    "Y N N N N N N",
    "can_view_calendar":      "Y Y Y Y Y N N",
    "can_view_auth_log":      "Y N N N N N N",
    "create_root_organ":      "Y N N N N N N",
    "requires_two_factor":    "Y Y Y Y Y N N",
}
GLOBAL_ORDER = ["sysadmin", "office_admin", "handler", "approver", "preparer", "stranger",
                "anonymous"]
# fmt: on

ROLE_OF = {
    "office_admin": Role.OFFICE_ADMIN,
    "handler": Role.HANDLER,
    "approver": Role.APPROVER,
    "preparer": Role.PREPARER,
    "sysadmin": Role.SYSADMIN,
}


def test_the_matrix_covers_every_role_and_action():
    assert set(MATRIX) == {*(r.value for r in Role), "stranger", "anonymous"}
    for row in MATRIX.values():
        assert set(row) == set(ACTIONS)


@pytest.fixture
def world(db):
    tree = county()
    users = {}
    for name, role in ROLE_OF.items():
        users[name] = make_user(name)
        grant(users[name], tree.education, role)
    users["stranger"] = make_user("stranger")
    users["anonymous"] = AnonymousUser()
    scopes = {"own": tree.education, "subtree": tree.school_office, "other": tree.civil_affairs}
    return users, scopes


@pytest.mark.parametrize("role", list(MATRIX))
def test_each_role_may_do_exactly_what_the_matrix_says(world, role):
    users, scopes = world
    user = users[role]
    wrong = []
    for action, check in ACTIONS.items():
        expected = MATRIX[role][action]
        for scope, flag in zip(("own", "subtree", "other"), expected, strict=True):
            got = check(user, scopes[scope])
            # The same answer whether asked with the organ or its id.
            assert got == check(user, scopes[scope].pk)
            if got != (flag == "Y"):
                wrong.append(f"{role} {action} {scope}: expected {flag}, got {got}")
    assert not wrong, "\n".join(wrong)


@override_settings(GONGKAI_REQUIRE_2FA=True)
@pytest.mark.parametrize("question", list(GLOBAL))
def test_the_organ_independent_questions(world, question):
    users, _ = world
    expected = GLOBAL[question].split()
    for name, flag in zip(GLOBAL_ORDER, expected, strict=True):
        user = users[name]
        if question == "create_root_organ":
            got = p.can_create_organ_under(user, None)
        else:
            got = getattr(p, question)(user)
        assert got == (flag == "Y"), f"{question} for {name}"


@pytest.mark.django_db
def test_an_inactive_account_acts_nowhere(world):
    users, scopes = world
    for name in ROLE_OF:
        users[name].is_active = False
        users[name].save()
        assert not any(check(users[name], scopes["own"]) for check in ACTIONS.values()), name


@pytest.mark.django_db
def test_one_person_with_roles_in_two_organs_acts_in_both_and_only_there(world):
    users, scopes = world
    handler = users["handler"]
    grant(handler, scopes["other"], Role.APPROVER)
    assert p.can_handle_cases_of(handler, scopes["own"])
    assert not p.can_handle_cases_of(handler, scopes["other"])
    assert p.can_approve_for(handler, scopes["other"])
    assert not p.can_approve_for(handler, scopes["own"])
    assert p.case_organ_ids_visible(handler) == {scopes["own"].pk, scopes["other"].pk}
