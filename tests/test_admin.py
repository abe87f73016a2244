"""The Django admin manages every model of the portal."""

import pytest
from django.apps import apps
from django.contrib import admin
from django.urls import reverse

pytestmark = pytest.mark.django_db

PORTAL_APPS = ["governance", "opgaven", "jaarprogramma", "monitoring"]
INLINE_ONLY = {"introsection", "principle", "subitem", "actioncarrier", "measurement"}


def portal_models():
    for app in PORTAL_APPS:
        for model in apps.get_app_config(app).get_models():
            name = model._meta.model_name
            if name.startswith("historical") or name.endswith("objectpermission"):
                continue
            yield model


def test_every_portal_model_is_in_the_admin():
    inline_models = {
        inline.model._meta.model_name
        for model_admin in admin.site._registry.values()
        for inline in model_admin.inlines
    }
    missing = [
        m._meta.label for m in portal_models()
        if m not in admin.site._registry and m._meta.model_name not in inline_models
    ]
    assert missing == []
    assert INLINE_ONLY <= inline_models | {m._meta.model_name for m in admin.site._registry}


def test_admin_pages_open_for_an_administrator(client, agenda):
    from tests.factories import UserFactory

    client.force_login(UserFactory(is_staff=True, is_superuser=True))
    for model in admin.site._registry:
        if model._meta.app_label not in PORTAL_APPS:
            continue
        changelist = reverse(f"admin:{model._meta.app_label}_{model._meta.model_name}_changelist")
        assert client.get(changelist).status_code == 200, changelist
        obj = model.objects.first()
        if obj is not None:
            change = reverse(f"admin:{model._meta.app_label}_{model._meta.model_name}_change", args=[obj.pk])
            assert client.get(change).status_code == 200, change
