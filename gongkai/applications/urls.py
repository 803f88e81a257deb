from django.urls import path

from gongkai.applications import views_office, views_public

app_name = "applications"
urlpatterns = [
    path("apply/", views_public.apply, name="apply"),
    path("apply/receipt/<str:query_code>/", views_public.receipt, name="receipt"),
    path(
        "apply/receipt/<str:query_code>/letter.<str:fmt>",
        views_public.receipt_letter,
        name="receipt-letter",
    ),
    path("apply/status/", views_public.status, name="status"),
    path("office/applications/", views_office.queue, name="queue"),
    path("office/applications/new/", views_office.register, name="register"),
    path("office/applications/export.<str:fmt>", views_office.export, name="export"),
    path("office/applications/letters/", views_office.letter_templates, name="letter-templates"),
    path(
        "office/applications/letters/<int:organ_id>/<str:kind>/",
        views_office.letter_template_edit,
        name="letter-template-edit",
    ),
    path("office/applications/<int:pk>/", views_office.case, name="case"),
    path("office/applications/<int:pk>/act/<str:action>/", views_office.act, name="act"),
    path(
        "office/applications/<int:pk>/letters/<str:kind>.<str:fmt>",
        views_office.letter,
        name="letter",
    ),
    path(
        "office/applications/<int:pk>/attachments/<int:att>/",
        views_office.attachment,
        name="attachment",
    ),
]
