"""The audit log for administrators, under /beheer/ (before the admin's own URLs)."""

from django.urls import path

from . import views

app_name = "audit"

urlpatterns = [
    path("beheer/auditlog/", views.audit_log, name="log"),
]
