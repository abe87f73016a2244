from django.urls import path

from . import views

app_name = "jaarprogramma"

urlpatterns = [
    path("jaarprogramma/<slug:edition_slug>/<slug:chapter_slug>/nieuw/", views.jaarprogramma_create,
         name="jaarprogramma_create"),
    path("jaarprogramma/<slug:edition_slug>/<slug:chapter_slug>/jaar-op-jaar/", views.year_on_year,
         name="year_on_year"),
    # The document's own numbering: /agenda/2021-2023/collectie/2021/acties/2-3/ (Action.number_path).
    path("agenda/<slug:edition_slug>/<slug:chapter_slug>/<int:year>/acties/<slug:number_path>/",
         views.action_detail, name="action_detail"),
]
