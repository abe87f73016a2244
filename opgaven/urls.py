from django.urls import include, path

from .views import export, public

app_name = "opgaven"

urlpatterns = [
    path("", public.home, name="home"),
    path("agenda/<slug:edition_slug>/<slug:chapter_slug>/", public.chapter_detail, name="chapter_detail"),
    path("totstandkoming/", public.participants, name="participants"),
    path("export/", export.export_list, name="export_list"),
    path("export/<int:pk>/", export.export_status, name="export_status"),
    path("export/<int:pk>/opnieuw/", export.export_requeue, name="export_requeue"),
    path("export/<int:pk>/download/", export.export_download, name="export_download"),
    path("agenda/<slug:edition_slug>/<slug:chapter_slug>/", include("opgaven.urls_edit")),
]
