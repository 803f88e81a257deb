"""Case-level access questions and the transition table's guard of who does what."""

from __future__ import annotations

from datetime import date as D

import pytest

from gongkai.applications import permissions as perms
from gongkai.applications.models import Status
from gongkai.applications.tests.helpers import register, step
from gongkai.applications.transitions import TRANSITIONS, Action, allowed_actions
from gongkai.core.errors import PermissionDeniedError

pytestmark = pytest.mark.django_db


def test_each_role_gets_exactly_its_questions(cal, county, people):
    case = register(county["edu"], D(2025, 6, 3))
    expect = {
        # see, handle, decide, approve extension, personal data
        "office": (True, True, True, True, True),
        "handler": (True, True, False, False, True),
        "approver": (True, False, True, True, True),
        "other_handler": (False, False, False, False, False),
        "stranger": (False, False, False, False, False),
    }
    for who, answers in expect.items():
        user = people[who]
        got = (
            perms.can_see_case(user, case),
            perms.can_handle_case(user, case),
            perms.can_decide_case(user, case),
            perms.can_approve_extension(user, case),
            perms.can_see_personal_data_of(user, case),
        )
        assert got == answers, who


def test_a_handler_cannot_decide_and_another_department_cannot_act(cal, county, people):
    case = register(county["edu"], D(2025, 6, 3))
    with pytest.raises(PermissionDeniedError):
        step(case, "decide", D(2025, 6, 10), people["handler"], outcome="disclosed")
    with pytest.raises(PermissionDeniedError):
        step(case, "accept", D(2025, 6, 4), people["other_handler"])
    assert step(case, "accept", D(2025, 6, 4), people["handler"]).status == Status.UNDER_REVIEW


def test_the_table_only_names_real_states_and_actions_and_closed_cases_only_reopen_or_archive():
    for (state, action), target in TRANSITIONS.items():
        assert state in Status.values and target in Status.values and action in Action.values
    assert {a.value for a in allowed_actions(Status.ARCHIVED)} == {"reopen"}
    assert {a.value for a in allowed_actions(Status.TERMINATED)} == {"archive", "reopen"}
    # Every action is reachable from some state.
    assert {a for _, a in TRANSITIONS} == set(Action.values)


def test_a_receipt_without_calendar_data_is_still_registered(db, county, client):
    from gongkai.applications.services import application_submit
    from gongkai.applications.tests.helpers import person

    result = application_submit(organ=county["edu"], applicant=person(), submitted_on=D(2031, 3, 3))
    assert result.created and result.application.due_on is None
    page = client.get(f"/apply/receipt/{result.application.query_code}/").content.decode()
    assert "将另行告知" in page
