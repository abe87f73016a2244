"""Downloads for every reader (mounted by netwerkagenda/urls.py, without a namespace)."""

from django.urls import path

from .views import documents

urlpatterns = [
    path("agenda/<slug:edition_slug>/pdf/<int:year>/", documents.agenda_pdf, name="agenda_pdf"),
    path("agenda/<slug:edition_slug>/<slug:chapter_slug>/pdf/<int:year>/", documents.chapter_pdf,
         name="chapter_pdf"),
]
