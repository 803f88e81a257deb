from django.apps import AppConfig


class AppealsConfig(AppConfig):
    name = "gongkai.appeals"
    label = "appeals"
    verbose_name = "行政复议与诉讼"

    def ready(self) -> None:
        from django.http import HttpRequest

        from gongkai.appeals.permissions import appeal_organ_ids_visible
        from gongkai.core.office import OfficeLink, register_office_link

        def visible(request: HttpRequest) -> bool:
            return bool(appeal_organ_ids_visible(request.user))

        register_office_link(OfficeLink("行政复议与行政诉讼", "/office/appeals/", visible, 40))
