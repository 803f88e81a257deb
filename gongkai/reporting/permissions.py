"""Every access decision about annual reports, asked of gongkai.orgs.permissions with the
report's organ."""

from __future__ import annotations

from django.contrib.auth.models import AbstractBaseUser, AnonymousUser

from gongkai.orgs.models import Organ, Role
from gongkai.orgs.permissions import (
    REPORT_VIEW_ROLES,
    can_approve_report_of,
    can_edit_report_of,
    can_view_report_of,
)
from gongkai.orgs.selectors import organ_ids_for
from gongkai.reporting.models import Report, ReportStatus
from gongkai.reporting.transitions import APPROVE_ROLE, EDIT_ROLE, step_for

User = AbstractBaseUser | AnonymousUser


def report_organ_ids_visible(user: User) -> set[int]:
    return organ_ids_for(user, REPORT_VIEW_ROLES)


def can_create_report_for(user: User, organ: Organ | int) -> bool:
    return can_edit_report_of(user, organ)


def can_view_report(user: User, report: Report) -> bool:
    return can_view_report_of(user, report.organ_id)


def can_view_published_report(report: Report) -> bool:
    """The public sees a report once it has been published (and keeps seeing the published
    version while a correction is being prepared)."""
    return report.published_version_id is not None


def can_act_on_report(user: User, report: Report, action: str) -> bool:
    step = step_for(report.status, action)
    if step is None:
        return False
    if step.role == EDIT_ROLE:
        return can_edit_report_of(user, report.organ_id)
    if step.role == APPROVE_ROLE:
        return can_approve_report_of(user, report.organ_id)
    return False


def can_edit_report(user: User, report: Report) -> bool:
    return report.status in (ReportStatus.DRAFT, ReportStatus.RETURNED) and can_edit_report_of(
        user, report.organ_id
    )


def can_enter_outside_figures_for(user: User, organ: Organ) -> bool:
    """Figures of a unit outside the system are entered by whoever prepares the report of the
    level it belongs to (the unit has no staff in gongkai)."""
    if not organ.outside_system:
        return False
    if can_edit_report_of(user, organ):
        return True
    return organ.parent_id is not None and can_edit_report_of(user, organ.parent_id)


def has_any_report_role(user: User) -> bool:
    return bool(organ_ids_for(user, (Role.OFFICE_ADMIN, Role.PREPARER, Role.APPROVER)))
