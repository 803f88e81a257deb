"""Access decisions for the catalogue, the statistics and the portal pages. Organ-level answers
come from gongkai.orgs.permissions; this module names the questions this app asks."""

from __future__ import annotations

from gongkai.orgs import permissions as org_perms
from gongkai.orgs.models import Organ
from gongkai.orgs.permissions import User
from gongkai.orgs.selectors import organ_ids_for
from gongkai.publications.models import Publication, Status


def can_edit_catalogue_of(user: User, organ: Organ | int) -> bool:
    """Register and edit items, attach files, submit for review, publish an approved item."""
    return org_perms.can_edit_publications_of(user, organ)


def can_review_catalogue_of(user: User, organ: Organ | int) -> bool:
    """保密审查 (Art. 17), withdrawal."""
    return org_perms.can_review_publications_of(user, organ)


def can_enter_statistics_of(user: User, organ: Organ | int) -> bool:
    """Art. 20 (5)(6)(8) figures and normative documents: the catalogue editors and the annual
    report's preparers."""
    return org_perms.can_edit_publications_of(user, organ) or org_perms.can_edit_report_of(
        user, organ
    )


def can_edit_portal_pages_of(user: User, organ: Organ | int) -> bool:
    """指南 and 制度 pages: the disclosure office (Art. 12)."""
    from gongkai.orgs.models import Role

    oid = organ if isinstance(organ, int) else organ.pk
    return oid in organ_ids_for(user, (Role.OFFICE_ADMIN,))


def catalogue_organ_ids(user: User) -> set[int]:
    """Organs whose catalogue `user` works on (edit or review)."""
    return organ_ids_for(
        user, org_perms.PUBLICATION_EDIT_ROLES + org_perms.PUBLICATION_REVIEW_ROLES
    )


def statistics_organ_ids(user: User) -> set[int]:
    return organ_ids_for(user, org_perms.PUBLICATION_EDIT_ROLES + org_perms.REPORT_EDIT_ROLES)


def can_view_publication(user: User, publication: Publication) -> bool:
    """The public sees published items; staff of the organ see every state."""
    if publication.status == Status.PUBLISHED:
        return True
    return publication.organ_id in catalogue_organ_ids(user)
