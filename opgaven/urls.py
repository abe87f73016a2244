from django.urls import path

from . import views

app_name = "opgaven"

urlpatterns = [
    path("", views.home, name="home"),
]
