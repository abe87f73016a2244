"""Error pages are Dutch and in the site's layout, with DEBUG off as in production."""

import json

import pytest
from django.core.cache import cache
from django.core.files.storage import default_storage
from django.db import OperationalError, connection
from django.test import Client
from django.urls import reverse

from netwerkagenda import views


@pytest.fixture(autouse=True)
def production(settings):
    settings.DEBUG = False


def assert_dutch_page_in_layout(response, status, heading):
    assert response.status_code == status
    assert response["Content-Type"].startswith("text/html")
    html = response.content.decode()
    assert '<html lang="nl">' in html
    assert f"<h1>{heading}</h1>" in html
    assert f"Foutcode: {status}" in html
    # The layout: skip link, header with the main navigation, footer.
    assert 'class="skip-link"' in html and 'class="site-header"' in html and 'class="site-footer"' in html
    assert "Not Found" not in html and "Server Error" not in html and "Forbidden" not in html


def test_an_unknown_address_gets_the_dutch_404(client, db):
    assert_dutch_page_in_layout(client.get("/bestaat-niet/"), 404, "Pagina niet gevonden")


def test_a_page_the_user_may_not_see_gets_the_dutch_403(client_for, world):
    response = client_for("reader").get(
        reverse("opgaven:chapter_edit", args=[world.edition.slug, world.chapter.slug])
    )
    assert_dutch_page_in_layout(response, 403, "Geen toegang")


def test_a_bad_request_gets_the_dutch_400(db):
    response = Client().get("/", HTTP_HOST="niet-toegestaan.example")
    assert_dutch_page_in_layout(response, 400, "Ongeldig verzoek")


def test_a_wrong_method_gets_the_dutch_405_with_its_allow_header(client, db):
    response = client.get(reverse("logout"))
    assert_dutch_page_in_layout(response, 405, "Handeling niet toegestaan")
    assert "POST" in response["Allow"]


def test_a_form_without_its_csrf_token_gets_a_dutch_403(db):
    response = Client(enforce_csrf_checks=True).post(reverse("login"), {"username": "x", "password": "y"})
    assert_dutch_page_in_layout(response, 403, "Formulier verlopen")


def test_the_500_page_renders_while_the_database_is_down(django_db_blocker):
    """No `db` fixture: every query raises, in the view and, were it to try, in the 500 page."""
    with django_db_blocker.block():
        response = Client(raise_request_exception=False).get("/")
        direct = views.server_error(None)

    assert_dutch_page_in_layout(response, 500, "Er ging iets mis")
    assert direct.content == response.content
    # The page names no account: it does not know who asked.
    assert "Ingelogd als" not in response.content.decode()


def test_health_reports_every_service_ok(client, db):
    response = client.get(reverse("health"))

    assert response.status_code == 200
    body = json.loads(response.content)
    assert body == {"status": "ok", "checks": {"database": "ok", "cache": "ok", "storage": "ok"}, "down": []}


def test_health_says_what_is_down_with_503(client, db, monkeypatch):
    def broken(*args, **kwargs):
        raise OSError("schijf vol")

    monkeypatch.setattr(default_storage, "save", broken)
    monkeypatch.setattr(cache, "get", lambda *args, **kwargs: None)

    response = client.get(reverse("health"))

    assert response.status_code == 503
    body = json.loads(response.content)
    assert body["down"] == ["cache", "storage"]
    assert body["checks"]["database"] == "ok"
    assert "schijf vol" not in response.content.decode()  # reasons go to the log only


def test_health_reports_a_database_that_is_down(client, db, monkeypatch):
    def unreachable(*args, **kwargs):
        raise OperationalError("connection refused")

    with monkeypatch.context() as patch:
        patch.setattr(connection, "cursor", unreachable)
        response = client.get(reverse("health"))

    assert response.status_code == 503
    assert json.loads(response.content)["down"] == ["database"]


def test_health_checks_the_broker_when_one_is_configured(client, db, settings):
    settings.CELERY_BROKER_URL = "redis://127.0.0.1:1/0"  # nothing listens on port 1
    settings.CELERY_TASK_ALWAYS_EAGER = False

    response = client.get(reverse("health"))

    assert response.status_code == 503
    assert json.loads(response.content)["down"] == ["broker"]
