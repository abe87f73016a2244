"""Editing and review URLs of one chapter, included under agenda/<edition>/<chapter>/."""

from django.urls import path

from .views import edit, review, signoff, suggestions, writing

ITEM = "bewerken/<slug:kind>/<int:pk>/"
# Items of a year's programme (jaarprogramma.editables registers their kinds).
PROGRAMME_ITEM = "bewerken/<int:year>/<slug:kind>/<int:pk>/"

urlpatterns = [
    path("bewerken/", edit.chapter_edit, name="chapter_edit"),
    path("bewerken/voorbeeld/", writing.preview, name="chapter_preview"),
    path("bewerken/aanwezig/", writing.heartbeat, name="chapter_presence"),
    path("bewerken/<slug:kind>/nieuw/", edit.item_create, name="item_create"),
    path(ITEM, edit.item_edit, name="item_edit"),
    path(ITEM + "tonen/", edit.item_show, name="item_show"),
    path(ITEM + "verwijderen/", edit.item_delete, name="item_delete"),
    path(ITEM + "verplaatsen/", edit.item_move, name="item_move"),
    path(ITEM + "geschiedenis/", edit.item_history, name="item_history"),
    path(ITEM + "geschiedenis/<int:history_id>/herstellen/", edit.item_restore, name="item_restore"),
    path("bewerken/<int:year>/<slug:kind>/nieuw/", edit.item_create, name="programme_item_create"),
    path(PROGRAMME_ITEM, edit.item_edit, name="programme_item_edit"),
    path(PROGRAMME_ITEM + "tonen/", edit.item_show, name="programme_item_show"),
    path(PROGRAMME_ITEM + "verwijderen/", edit.item_delete, name="programme_item_delete"),
    path(PROGRAMME_ITEM + "verplaatsen/", edit.item_move, name="programme_item_move"),
    path(PROGRAMME_ITEM + "geschiedenis/", edit.item_history, name="programme_item_history"),
    path(PROGRAMME_ITEM + "geschiedenis/<int:history_id>/herstellen/", edit.item_restore,
         name="programme_item_restore"),
    # Proposals of new text by those who comment (url names follow opgaven.editables.url_for).
    path("voorstellen/", suggestions.suggestion_list, name="suggestion_list"),
    path("voorstellen/nieuw/<slug:kind>/<int:pk>/", suggestions.suggestion_create, name="item_suggest"),
    path("voorstellen/nieuw/<int:year>/<slug:kind>/<int:pk>/", suggestions.suggestion_create,
         name="programme_item_suggest"),
    path("voorstellen/<int:pk>/", suggestions.suggestion_detail, name="suggestion_detail"),
    path("voorstellen/<int:pk>/overnemen/", suggestions.suggestion_accept, name="suggestion_accept"),
    path("voorstellen/<int:pk>/afwijzen/", suggestions.suggestion_decline, name="suggestion_decline"),
    path("commentaar/", review.chapter_comments, name="chapter_comments"),
    path("commentaar/<int:pk>/afhandelen/", review.comment_handle, name="comment_handle"),
    path("besluitvorming/", signoff.chapter_route, name="chapter_route"),
]
