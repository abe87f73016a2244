from django.urls import path

from .views import imports, public

app_name = "governance"

urlpatterns = [
    path("organisaties/", public.organisation_list, name="organisation_list"),
    path("organisaties/<slug:key>/", public.organisation_detail, name="organisation_detail"),
    path("gremia/", public.body_list, name="body_list"),
    path("gremia/<slug:slug>/", public.body_detail, name="body_detail"),
    path("deelnemers/importeren/", imports.participant_import, name="participant_import"),
    path("deelnemers/importeren/<str:token>/", imports.participant_import_preview, name="participant_import_preview"),
    path("deelnemers/export.<str:file_format>", imports.participant_export, name="participant_export"),
]
