"""/privacy/ for everyone; the AVG tools under /beheer/avg/ (before the admin's own URLs)."""

from django.urls import path

from . import views

app_name = "privacy"

urlpatterns = [
    path("privacy/", views.privacy_statement, name="statement"),
    path("beheer/avg/personen/<int:pk>/inzage/", views.person_inzage, name="person_inzage"),
    path("beheer/avg/personen/<int:pk>/inzage.json", views.person_inzage_json, name="person_inzage_json"),
    path("beheer/avg/personen/<int:pk>/anonimiseren/", views.person_anonymise, name="person_anonymise"),
]
