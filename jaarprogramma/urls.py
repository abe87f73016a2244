from django.urls import path

from . import views

app_name = "jaarprogramma"

urlpatterns = [
    path("<slug:edition_slug>/<slug:chapter_slug>/nieuw/", views.jaarprogramma_create, name="jaarprogramma_create"),
    path("<slug:edition_slug>/<slug:chapter_slug>/jaar-op-jaar/", views.year_on_year, name="year_on_year"),
]
