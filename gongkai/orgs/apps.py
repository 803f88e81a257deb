from django.apps import AppConfig


class OrgsConfig(AppConfig):
    name = "gongkai.orgs"
    label = "orgs"
    verbose_name = "机关与人员"

    def ready(self) -> None:
        from gongkai.core.office import OfficeLink, register_office_link
        from gongkai.orgs import permissions

        register_office_link(
            OfficeLink(
                label="机关与人员管理",
                url="/admin/orgs/organ/",
                visible=lambda request: permissions.can_manage_any_organ(request.user),
                order=800,
            )
        )
        register_office_link(
            OfficeLink(
                label="两步验证与密码",
                url="/accounts/two-factor/",
                visible=lambda request: request.user.is_authenticated,
                order=990,
            )
        )
        register_office_link(
            OfficeLink(
                label="登录审计记录",
                url="/admin/orgs/authevent/",
                visible=lambda request: permissions.can_view_auth_log(request.user),
                order=910,
            )
        )
