from django.urls import path

from .views import public

app_name = "opgaven"

urlpatterns = [
    path("", public.home, name="home"),
    path("agenda/<slug:edition_slug>/<slug:chapter_slug>/", public.chapter_detail, name="chapter_detail"),
    path("totstandkoming/", public.participants, name="participants"),
]
