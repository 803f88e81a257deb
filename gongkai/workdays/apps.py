from django.apps import AppConfig


class WorkdaysConfig(AppConfig):
    name = "gongkai.workdays"
    label = "workdays"
    verbose_name = "工作日历"

    def ready(self) -> None:
        from gongkai.core.office import OfficeLink, register_office_link
        from gongkai.orgs.permissions import can_manage_calendar
        from gongkai.workdays import checks  # noqa: F401  (registers the system check)

        register_office_link(
            OfficeLink(
                label="工作日历（节假日与调休）",
                url="/admin/workdays/calendaryear/",
                visible=lambda request: can_manage_calendar(request.user),
                order=900,
            )
        )
