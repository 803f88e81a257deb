from django.urls import path

from gongkai.reporting import public_views, views, views_outside

app_name = "reporting"
urlpatterns = [
    path("office/reports/", views.report_list, name="list"),
    path("office/reports/outside/", views_outside.outside_figures, name="outside"),
    path("office/reports/<int:pk>/", views.report_detail, name="detail"),
    path("office/reports/<int:pk>/edit/", views.report_edit, name="edit"),
    path("office/reports/<int:pk>/submit/", views.report_submit, name="submit"),
    path("office/reports/<int:pk>/reset/", views.report_reset_section, name="reset-section"),
    path("office/reports/<int:pk>/step/", views.report_step, name="step"),
    path("office/reports/<int:pk>/recompute/", views.report_recompute, name="recompute"),
    path("office/reports/<int:pk>/versions/", views.report_versions, name="versions"),
    path("office/reports/<int:pk>/export.json", views.report_export, name="export"),
    path("office/reports/<int:pk>/cells/<str:key>/", views.report_cell, name="cell"),
    path("office/reports/<int:pk>/subordinates/", views.subordinate_upload, name="subordinates"),
    path(
        "office/reports/<int:pk>/subordinates/<int:sid>/",
        views.subordinate_toggle,
        name="subordinate-toggle",
    ),
    path("reports/", public_views.published_list, name="public-list"),
    path("reports/<int:pk>/", public_views.published_detail, name="public-detail"),
    path(
        "reports/<int:pk>/report.<str:ext>",
        public_views.published_download,
        name="public-download",
    ),
]
