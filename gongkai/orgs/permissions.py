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

from django.conf import settings
from django.contrib.auth.models import AbstractBaseUser, AnonymousUser

from gongkai.orgs.models import Organ, Role
from gongkai.orgs.selectors import organ_ids_for, user_has_any_role

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
    """Superusers and holders of the system-administrator role anywhere."""
    if not user.is_authenticated or not getattr(user, "is_active", True):
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


def can_manage_staff_of(user: User, organ: Organ | int) -> bool:
    """Add or remove people's roles in `organ`: system administrators anywhere, the office
    for its subtree."""
    return is_sysadmin(user) or _acts_on(user, organ, (Role.OFFICE_ADMIN,))


def can_grant_role(user: User, organ: Organ | int, role: Role | str) -> bool:
    """Give someone `role` in `organ`. Only a system administrator makes system
    administrators; the office grants the other roles within its subtree."""
    if role == Role.SYSADMIN:
        return is_sysadmin(user)
    return can_manage_staff_of(user, organ)


def can_create_organ_under(user: User, parent: Organ | int | None) -> bool:
    """Create an organ below `parent` (None: a new root, system administrators only)."""
    if parent is None:
        return is_sysadmin(user)
    return can_manage_organ(user, parent)


def manageable_organ_ids(user: User) -> set[int] | None:
    """Organs `user` may manage; None means every organ (a system administrator)."""
    if is_sysadmin(user):
        return None
    return organ_ids_for(user, (Role.OFFICE_ADMIN,))


def can_manage_any_organ(user: User) -> bool:
    """Whether the organ-management pages are worth offering to `user` at all."""
    return is_sysadmin(user) or bool(organ_ids_for(user, (Role.OFFICE_ADMIN,)))


def can_manage_calendar(user: User) -> bool:
    """Load, import and edit the working-day calendar: it drives every statutory deadline of
    every organ, so only system administrators change it."""
    return is_sysadmin(user)


def can_view_calendar(user: User) -> bool:
    """Read the working-day calendar: anyone working for an organ."""
    return is_sysadmin(user) or user_has_any_role(user)


def can_view_auth_log(user: User) -> bool:
    """Read the login audit log (it holds addresses and user agents: personal data)."""
    return is_sysadmin(user)


def requires_two_factor(user: User) -> bool:
    """Whether `user` must pass a TOTP second factor to sign in: staff (anyone holding a role
    or admitted to the admin site) when GONGKAI_REQUIRE_2FA is on."""
    if not settings.GONGKAI_REQUIRE_2FA or not user.is_authenticated:
        return False
    return bool(getattr(user, "is_staff", False)) or is_sysadmin(user) or user_has_any_role(user)
