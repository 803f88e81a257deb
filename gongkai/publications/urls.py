from django.urls import path

from gongkai.publications import views

app_name = "publications"
urlpatterns = [
    path("office/publications/", views.catalogue, name="catalogue"),
    path("office/publications/new/", views.create, name="create"),
    path("office/publications/<int:pk>/", views.detail, name="detail"),
    path("office/publications/<int:pk>/edit/", views.edit, name="edit"),
    path("office/publications/<int:pk>/submit/", views.submit, name="submit"),
    path("office/publications/<int:pk>/review/", views.review, name="review"),
    path("office/publications/<int:pk>/publish/", views.publish, name="publish"),
    path("office/publications/<int:pk>/withdraw/", views.withdraw, name="withdraw"),
    path("office/publications/<int:pk>/attach/", views.attach, name="attach"),
    path("office/publications/statistics/", views.statistics, name="statistics"),
    path("office/publications/normative/<int:pk>/repeal/", views.repeal, name="repeal"),
    path("office/publications/art26/", views.art26, name="art26"),
    path("office/publications/pages/", views.pages, name="pages"),
]
