"""Every access decision about organs and what belongs to them. One function per question;
views, the API and services ask here and never check ownership inline.

Scope rules:
- a disclosure-office administrator (公开办管理员) acts on the organ and its whole subtree;
- handlers, approvers and report preparers act on their own organ only;
- a system administrator manages accounts and organs but sees no case content unless they
  also hold a case role;
- the public (anonymous users) sees nothing internal.

Case-level questions (gongkai.applications.permissions) and report-level questions
(gongkai.reporting.permissions) are answered by calling these with the case's or report's organ.
"""

from __future__ import annotations

from django.contrib.auth.models import AbstractBaseUser, AnonymousUser

from gongkai.orgs.models import Organ, Role
from gongkai.orgs.selectors import organ_ids_for

User = AbstractBaseUser | AnonymousUser

CASE_VIEW_ROLES = (Role.OFFICE_ADMIN, Role.HANDLER, Role.APPROVER)
CASE_HANDLE_ROLES = (Role.OFFICE_ADMIN, Role.HANDLER)
CASE_DECIDE_ROLES = (Role.OFFICE_ADMIN, Role.APPROVER)
CASE_APPROVE_ROLES = (Role.OFFICE_ADMIN, Role.APPROVER)
REPORT_VIEW_ROLES = (Role.OFFICE_ADMIN, Role.PREPARER, Role.APPROVER)
REPORT_EDIT_ROLES = (Role.OFFICE_ADMIN, Role.PREPARER)
REPORT_APPROVE_ROLES = (Role.OFFICE_ADMIN, Role.APPROVER)
PUBLICATION_EDIT_ROLES = (Role.OFFICE_ADMIN, Role.HANDLER)
PUBLICATION_REVIEW_ROLES = (Role.OFFICE_ADMIN, Role.APPROVER)


def _organ_id(organ: Organ | int) -> int:
    return organ if isinstance(organ, int) else organ.pk


def _acts_on(user: User, organ: Organ | int, roles: tuple[Role, ...]) -> bool:
    return _organ_id(organ) in organ_ids_for(user, roles)


def is_sysadmin(user: User) -> bool:
    if not user.is_authenticated:
        return False
    if getattr(user, "is_superuser", False):
        return True
    return bool(organ_ids_for(user, (Role.SYSADMIN,)))


def case_organ_ids_visible(user: User) -> set[int]:
    """Organs whose applications `user` may list and read."""
    return organ_ids_for(user, CASE_VIEW_ROLES)


def can_view_cases_of(user: User, organ: Organ | int) -> bool:
    return _acts_on(user, organ, CASE_VIEW_ROLES)


def can_handle_cases_of(user: User, organ: Organ | int) -> bool:
    """Register, request correction, consult, draft replies."""
    return _acts_on(user, organ, CASE_HANDLE_ROLES)


def can_decide_cases_of(user: User, organ: Organ | int) -> bool:
    """Record the outcome (答复决定) of a case."""
    return _acts_on(user, organ, CASE_DECIDE_ROLES)


def can_approve_for(user: User, organ: Organ | int) -> bool:
    """Approve extensions, decisions and publication (审核人/负责人)."""
    return _acts_on(user, organ, CASE_APPROVE_ROLES)


def can_view_report_of(user: User, organ: Organ | int) -> bool:
    return _acts_on(user, organ, REPORT_VIEW_ROLES)


def can_edit_report_of(user: User, organ: Organ | int) -> bool:
    return _acts_on(user, organ, REPORT_EDIT_ROLES)


def can_approve_report_of(user: User, organ: Organ | int) -> bool:
    return _acts_on(user, organ, REPORT_APPROVE_ROLES)


def can_edit_publications_of(user: User, organ: Organ | int) -> bool:
    return _acts_on(user, organ, PUBLICATION_EDIT_ROLES)


def can_review_publications_of(user: User, organ: Organ | int) -> bool:
    """保密审查 and publication approval."""
    return _acts_on(user, organ, PUBLICATION_REVIEW_ROLES)


def can_manage_organ(user: User, organ: Organ | int) -> bool:
    """Edit the organ, its staff and roles: system administrators, and the office for its subtree."""
    return is_sysadmin(user) or _acts_on(user, organ, (Role.OFFICE_ADMIN,))


def can_see_personal_data(user: User, organ: Organ | int) -> bool:
    """Unmasked ID numbers and phone numbers: only those who handle or decide the case."""
    return _acts_on(user, organ, (Role.OFFICE_ADMIN, Role.HANDLER, Role.APPROVER))
