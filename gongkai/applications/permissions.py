"""Case-level access questions. Each calls the organ-level question in gongkai.orgs.permissions
with the case's organ; views, the API and services ask here and never check inline."""

from __future__ import annotations

from gongkai.applications.models import Application
from gongkai.applications.transitions import APPROVE_ACTIONS, DECIDE_ACTIONS
from gongkai.orgs import permissions as org_perms
from gongkai.orgs.permissions import User


def can_see_case(user: User, case: Application) -> bool:
    return org_perms.can_view_cases_of(user, case.organ_id)


def can_handle_case(user: User, case: Application) -> bool:
    """Accept, request correction, consult, issue fee notices, deliver, archive."""
    return org_perms.can_handle_cases_of(user, case.organ_id)


def can_decide_case(user: User, case: Application) -> bool:
    """Record the reply (答复决定) or reopen a closed case."""
    return org_perms.can_decide_cases_of(user, case.organ_id)


def can_approve_extension(user: User, case: Application) -> bool:
    """Art. 33 ¶2: the head of the disclosure office approves an extension."""
    return org_perms.can_approve_for(user, case.organ_id)


def can_see_personal_data_of(user: User, case: Application) -> bool:
    return org_perms.can_see_personal_data(user, case.organ_id)


def can_take_action(user: User, case: Application, action: str) -> bool:
    if action in DECIDE_ACTIONS:
        return can_decide_case(user, case)
    if action in APPROVE_ACTIONS:
        return can_approve_extension(user, case)
    return can_handle_case(user, case)


def can_register_for(user: User, organ_id: int) -> bool:
    """Staff registration of an application received in person, by post, fax, e-mail, orally."""
    return org_perms.can_handle_cases_of(user, organ_id)


def can_export_cases(user: User) -> bool:
    return bool(org_perms.case_organ_ids_visible(user))


def can_edit_letters_of(user: User, organ_id: int) -> bool:
    """An organ's letter wording is the disclosure office's (公开办管理员)."""
    from gongkai.orgs.models import Role
    from gongkai.orgs.selectors import organ_ids_for

    return organ_id in organ_ids_for(user, (Role.OFFICE_ADMIN,))
