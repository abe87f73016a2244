from django.urls import include, path
from drf_spectacular.views import SpectacularAPIView

from . import feeds, views

urlpatterns = [
    path("api/v1/", include(("opendata.api.urls", "api"), namespace="api")),
    path("api/schema/", SpectacularAPIView.as_view(), name="api_schema"),
    path("api/docs/", views.ApiDocsView.as_view(), name="api_docs"),
    path("account/profiel/", views.profile, name="profile"),
    path("account/profiel/sleutels/<int:pk>/intrekken/", views.revoke_token, name="token_revoke"),
    path("feeds/vaststellingen/", feeds.EstablishedFeed(), name="feed_established"),
    path("feeds/besluiten/", feeds.DecisionFeed(), name="feed_decisions"),
    path("feeds/voortgang/onderdeel/<int:chapter_id>/", feeds.ChapterUpdatesFeed(), name="feed_chapter_updates"),
    path("feeds/voortgang/organisatie/<slug:key>/", feeds.OrganisationUpdatesFeed(),
         name="feed_organisation_updates"),
]
