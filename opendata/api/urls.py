"""/api/v1/: one router for every resource; each reads only what is public."""

from django.urls import re_path
from rest_framework.routers import SimpleRouter

from . import views

router = SimpleRouter(trailing_slash=True)
router.include_format_suffixes = False
router.register("edities", views.EditionViewSet, basename="edition")
router.register("onderdelen", views.ChapterViewSet, basename="chapter")
router.register("jaarprogrammas", views.ProgrammeViewSet, basename="programme")
router.register("acties", views.ActionViewSet, basename="action")
router.register("voortgang", views.ProgressUpdateViewSet, basename="update")
router.register("indicatoren", views.IndicatorViewSet, basename="indicator")
router.register("gremia", views.BodyViewSet, basename="body")
router.register("organisaties", views.OrganisationViewSet, basename="organisation")
router.register("besluiten", views.DecisionViewSet, basename="decision")

urlpatterns = [
    *router.urls,
    re_path(r"^(?P<rest>.*)$", views.not_found, name="not_found"),
]
