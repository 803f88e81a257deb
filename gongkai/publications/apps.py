from django.apps import AppConfig


class PublicationsConfig(AppConfig):
    name = "gongkai.publications"
    label = "publications"
    verbose_name = "主动公开"

    def ready(self) -> None:
        from django.db.models.signals import post_migrate
        from django.http import HttpRequest

        post_migrate.connect(_after_migrate, sender=self)

        from gongkai.core.office import OfficeLink, register_office_link
        from gongkai.publications import permissions as perms

        def catalogue(request: HttpRequest) -> bool:
            return bool(perms.catalogue_organ_ids(request.user))

        def statistics(request: HttpRequest) -> bool:
            return bool(perms.statistics_organ_ids(request.user))

        register_office_link(
            OfficeLink(
                "主动公开目录（登记、保密审查、发布）", "/office/publications/", catalogue, 20
            )
        )
        register_office_link(
            OfficeLink(
                "第二十条统计与规范性文件", "/office/publications/statistics/", statistics, 21
            )
        )
        register_office_link(
            OfficeLink("公开时限（第二十六条）", "/office/publications/art26/", catalogue, 22)
        )

        def office_admin(request: HttpRequest) -> bool:
            from gongkai.orgs.models import Role
            from gongkai.orgs.selectors import organ_ids_for

            return bool(organ_ids_for(request.user, (Role.OFFICE_ADMIN,)))

        register_office_link(
            OfficeLink(
                "公开指南和公开制度（专栏页面）", "/office/publications/pages/", office_admin, 23
            )
        )


def _after_migrate(sender: object, using: str = "default", **kwargs: object) -> None:
    """After migrate and after every flush (transactional tests, `gongkai flush`): re-create the
    default classifications that are missing and drop index rows of items that are gone, so the
    search index never counts what the catalogue does not hold."""
    from django.db import connections

    from gongkai.publications.defaults import ensure_defaults
    from gongkai.publications.search import prune_index

    tables = set(connections[using].introspection.table_names())
    needed = {"publications_category", "publications_topic", "publications_publication"}
    if not needed <= tables or not tables & {"publications_fts", "publications_searchvec"}:
        return  # migrated to a state before these tables exist
    ensure_defaults(using=using)
    prune_index(using=using)
