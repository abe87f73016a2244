"""Editing and review URLs of one chapter, included under agenda/<edition>/<chapter>/."""

from django.urls import path

from .views import edit, review

ITEM = "bewerken/<slug:kind>/<int:pk>/"

urlpatterns = [
    path("bewerken/", edit.chapter_edit, name="chapter_edit"),
    path("bewerken/<slug:kind>/nieuw/", edit.item_create, name="item_create"),
    path(ITEM, edit.item_edit, name="item_edit"),
    path(ITEM + "verwijderen/", edit.item_delete, name="item_delete"),
    path(ITEM + "verplaatsen/", edit.item_move, name="item_move"),
    path(ITEM + "geschiedenis/", edit.item_history, name="item_history"),
    path(ITEM + "geschiedenis/<int:history_id>/herstellen/", edit.item_restore, name="item_restore"),
    path("commentaar/", review.chapter_comments, name="chapter_comments"),
    path("commentaar/<int:pk>/afhandelen/", review.comment_handle, name="comment_handle"),
    path("status/", review.chapter_status, name="chapter_status"),
]
