"""Who may see and record reconsideration and litigation cases: the organ's disclosure office,
handlers and approvers see them; the office and handlers record them."""

from __future__ import annotations

from django.contrib.auth.models import AbstractBaseUser, AnonymousUser

from gongkai.appeals.models import Appeal
from gongkai.orgs.models import Organ
from gongkai.orgs.permissions import can_handle_cases_of, can_view_cases_of, case_organ_ids_visible

User = AbstractBaseUser | AnonymousUser


def appeal_organ_ids_visible(user: User) -> set[int]:
    return case_organ_ids_visible(user)


def can_view_appeal(user: User, appeal: Appeal) -> bool:
    return can_view_cases_of(user, appeal.organ_id)


def can_register_appeal_for(user: User, organ: Organ | int) -> bool:
    return can_handle_cases_of(user, organ)


def can_edit_appeal(user: User, appeal: Appeal) -> bool:
    return can_handle_cases_of(user, appeal.organ_id)
