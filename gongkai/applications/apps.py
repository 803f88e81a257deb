from django.apps import AppConfig


class ApplicationsConfig(AppConfig):
    name = "gongkai.applications"
    label = "applications"
    verbose_name = "依申请公开"

    def ready(self) -> None:
        from django.http import HttpRequest

        from gongkai.core.office import OfficeLink, register_office_link
        from gongkai.orgs.permissions import case_organ_ids_visible

        def visible(request: HttpRequest) -> bool:
            return bool(case_organ_ids_visible(request.user))

        register_office_link(
            OfficeLink("依申请公开 · 办件队列", "/office/applications/", visible, order=20)
        )
