from django.contrib import admin
from django.urls import include, path
from django.views.generic import RedirectView

from gongkai.api.main import api
from gongkai.core import views as core_views

admin.site.site_header = "gongkai 政府信息公开 管理"
admin.site.site_title = "gongkai 管理"

urlpatterns = [
    path("admin/", admin.site.urls),
    path("api/v1/", api.urls),
    path("api/docs", RedirectView.as_view(url="/api/v1/docs", permanent=False)),
    path("healthz", core_views.healthz, name="healthz"),
    path("display-mode/", core_views.display_mode, name="display-mode"),
    path("office/", core_views.office_home, name="office-home"),
    path("", include("gongkai.orgs.urls")),
    path("", include("gongkai.workdays.urls")),
    path("", include("gongkai.publications.urls")),
    path("", include("gongkai.applications.urls")),
    path("", include("gongkai.appeals.urls")),
    path("", include("gongkai.reporting.urls")),
    path("", include("gongkai.portal.urls")),
]
