"""Fixtures shared by the opgaven tests: a small agenda and an exporter (the broker that is down
is in tests/conftest.py)."""

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
