from django.apps import AppConfig


class ReportingConfig(AppConfig):
    name = "gongkai.reporting"
    label = "reporting"
    verbose_name = "年度报告"

    def ready(self) -> None:
        from django.http import HttpRequest

        from gongkai.core.office import OfficeLink, register_office_link
        from gongkai.orgs.models import Organ
        from gongkai.reporting.permissions import (
            can_enter_outside_figures_for,
            has_any_report_role,
        )

        def reports_visible(request: HttpRequest) -> bool:
            return has_any_report_role(request.user)

        def outside_visible(request: HttpRequest) -> bool:
            return any(
                can_enter_outside_figures_for(request.user, organ)
                for organ in Organ.objects.filter(outside_system=True)
            )

        register_office_link(
            OfficeLink("政府信息公开工作年度报告", "/office/reports/", reports_visible, 50)
        )
        register_office_link(
            OfficeLink("系统外单位年报数据填报", "/office/reports/outside/", outside_visible, 55)
        )
