from django.urls import include, path

from .views import export, front_matter, public, signoff

app_name = "opgaven"

urlpatterns = [
    path("", public.home, name="home"),
    path("agenda/<slug:edition_slug>/", public.edition_detail, name="edition_detail"),
    path("agenda/<slug:edition_slug>/voorwerk/bewerken/", front_matter.front_matter_edit, name="front_matter_edit"),
    path("agenda/<slug:edition_slug>/voorwerk/bewerken/<slug:kind>/<int:pk>/", front_matter.front_matter_item,
         name="front_matter_item"),
    path("agenda/<slug:edition_slug>/voorwerk/besluitvorming/", signoff.front_matter_route,
         name="front_matter_route"),
    path("agenda/<slug:edition_slug>/voorwerk/wijzigingen/", signoff.front_matter_changes,
         name="front_matter_changes"),
    path("agenda/<slug:edition_slug>/<slug:chapter_slug>/", public.chapter_detail, name="chapter_detail"),
    path("agenda/<slug:edition_slug>/<slug:chapter_slug>/wijzigingen/", signoff.chapter_changes,
         name="chapter_changes"),
    path("besluiten/", signoff.decision_list, name="decision_list"),
    path("totstandkoming/", public.participants, name="participants"),
    path("export/", export.export_list, name="export_list"),
    path("export/<int:pk>/", export.export_status, name="export_status"),
    path("export/<int:pk>/opnieuw/", export.export_requeue, name="export_requeue"),
    path("export/<int:pk>/download/", export.export_download, name="export_download"),
    path("agenda/<slug:edition_slug>/<slug:chapter_slug>/", include("opgaven.urls_edit")),
]
