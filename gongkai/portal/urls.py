from django.urls import path

from gongkai.portal import feeds, views

app_name = "portal"
urlpatterns = [
    path("", views.home, name="home"),
    path("guide/", views.guide, name="guide"),
    path("guide/<int:organ_id>/", views.guide, name="guide-organ"),
    path("rules/", views.rules, name="rules"),
    path("rules/<int:organ_id>/", views.rules, name="rules-organ"),
    path("catalogue/", views.catalogue, name="catalogue"),
    path("catalogue/<int:pk>/", views.item, name="item"),
    path("catalogue/<int:pk>/files/<int:attachment_id>/", views.attachment, name="attachment"),
    path("search/", views.search, name="search"),
    path("organs/", views.organs, name="organs"),
    path("feeds/rss.xml", feeds.AllRss(), name="feed-rss"),
    path("feeds/atom.xml", feeds.AllAtom(), name="feed-atom"),
    path("feeds/organ/<int:organ_id>/rss.xml", feeds.OrganRss(), name="feed-organ-rss"),
    path("feeds/organ/<int:organ_id>/atom.xml", feeds.OrganAtom(), name="feed-organ-atom"),
    path("feeds/topic/<int:topic_id>/rss.xml", feeds.TopicRss(), name="feed-topic-rss"),
    path("feeds/topic/<int:topic_id>/atom.xml", feeds.TopicAtom(), name="feed-topic-atom"),
    path("sitemap.xml", feeds.sitemap_index, name="sitemap"),
    path("sitemap-pages.xml", feeds.sitemap_pages, name="sitemap-pages"),
    path("sitemap-items-<int:n>.xml", feeds.sitemap_items, name="sitemap-items"),
]
