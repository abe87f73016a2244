from django.urls import path

from .views import imports, meetings, notifications, public

app_name = "governance"

urlpatterns = [
    path("organisaties/", public.organisation_list, name="organisation_list"),
    path("organisaties/<slug:key>/", public.organisation_detail, name="organisation_detail"),
    path("gremia/", public.body_list, name="body_list"),
    path("gremia/<slug:slug>/", public.body_detail, name="body_detail"),
    path("gremia/<slug:slug>/vergaderingen/<int:pk>/", meetings.meeting_detail, name="meeting_detail"),
    path("gremia/<slug:slug>/vergaderingen/<int:pk>/stukken/<int:document_pk>/", meetings.meeting_document,
         name="meeting_document"),
    path("deelnemers/importeren/", imports.participant_import, name="participant_import"),
    path("deelnemers/importeren/<str:token>/", imports.participant_import_preview, name="participant_import_preview"),
    path("deelnemers/export.<str:file_format>", imports.participant_export, name="participant_export"),
    path("meldingen/", notifications.notification_list, name="notification_list"),
    path("meldingen/<int:pk>/gelezen/", notifications.notification_read, name="notification_read"),
    path("meldingen/alles-gelezen/", notifications.notification_read_all, name="notification_read_all"),
    path("meldingen/voorkeuren/", notifications.notification_preferences, name="notification_preferences"),
    path("meldingen/afmelden/<str:token>/", notifications.notification_unsubscribe, name="notification_unsubscribe"),
]
