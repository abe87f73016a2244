"""Fixtures shared by the opgaven tests: a small agenda, an exporter and a broker that is down."""

import pytest
from django.contrib.auth.models import Permission

from tests import factories as f
from tests.opgaven.builders import build_agenda


@pytest.fixture
def small_agenda(db):
    edition = f.EditionFactory()
    build_agenda(edition)
    return edition


@pytest.fixture
def exporter(db):
    user = f.UserFactory(username="exporteur")
    user.user_permissions.add(Permission.objects.get(codename="export_agenda"))
    return user


@pytest.fixture
def broker_down(monkeypatch):
    """Celery for real (not eager) with a broker on a port nobody listens on.

    Celery reads CELERY_BROKER_URL from the environment before its configuration, so both
    are set."""
    from netwerkagenda.celery import app

    url = "redis://127.0.0.1:1/0"
    monkeypatch.setenv("CELERY_BROKER_URL", url)
    monkeypatch.setitem(app.conf, "task_always_eager", False)
    monkeypatch.setitem(app.conf, "broker_url", url)
    return url
