from django.urls import path

from gongkai.appeals import views

app_name = "appeals"
urlpatterns = [
    path("office/appeals/", views.appeal_list, name="list"),
    path("office/appeals/new/", views.appeal_new, name="new"),
    path("office/appeals/<int:pk>/", views.appeal_detail, name="detail"),
]
