from django.urls import path

from .views import public

app_name = "opgaven"

urlpatterns = [
    path("", public.home, name="home"),
]
