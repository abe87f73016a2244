from django.urls import path

from . import views

app_name = "feedback"

urlpatterns = [
    path("", views.round_list, name="round_list"),
    path("open-reacties/", views.open_feedback, name="open_feedback"),
    path("nieuw/<slug:edition_slug>/", views.round_create, name="round_create"),
    path("nieuw/<slug:edition_slug>/<slug:chapter_slug>/", views.round_create, name="round_create_chapter"),
    path("<int:pk>/", views.round_detail, name="round_detail"),
    path("<int:pk>/reageren/", views.remark_create, name="remark_create"),
    path("<int:pk>/reacties/<int:remark_pk>/beantwoorden/", views.remark_answer, name="remark_answer"),
    path("<int:pk>/reacties/<int:remark_pk>/bericht/", views.remark_message, name="remark_message"),
    path("<int:pk>/sluiten/", views.round_close, name="round_close"),
    path("<int:pk>/reactienota/", views.reactienota_page, name="reactienota"),
    path("<int:pk>/reactienota.xlsx", views.reactienota_xlsx, name="reactienota_xlsx"),
    path("<int:pk>/reactienota.pdf", views.reactienota_pdf, name="reactienota_pdf"),
]
