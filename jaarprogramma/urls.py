from django.urls import path

from . import views

app_name = "jaarprogramma"

ITEM = "<slug:edition_slug>/<slug:chapter_slug>/<int:year>/<slug:kind>/<int:pk>/"

urlpatterns = [
    path("acties/<int:pk>/voortgang/", views.action_progress, name="action_progress"),
    path("<slug:edition_slug>/<slug:chapter_slug>/nieuw/", views.jaarprogramma_create, name="jaarprogramma_create"),
    path("<slug:edition_slug>/<slug:chapter_slug>/<int:year>/<slug:kind>/nieuw/", views.item_create, name="item_create"),
    path(ITEM, views.item_edit, name="item_edit"),
    path(ITEM + "verwijderen/", views.item_delete, name="item_delete"),
    path(ITEM + "verplaatsen/", views.item_move, name="item_move"),
    path(ITEM + "geschiedenis/", views.item_history, name="item_history"),
    path(ITEM + "geschiedenis/<int:history_id>/herstellen/", views.item_restore, name="item_restore"),
]
