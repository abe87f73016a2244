from django.urls import path

from . import views

app_name = "zoeken"

urlpatterns = [
    path("", views.search_page, name="search"),
]
