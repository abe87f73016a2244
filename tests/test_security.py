import os
import secrets
import subprocess
import sys
from pathlib import Path

import pytest
from django.conf import settings
from django.core import mail
from django.test import Client
from django.urls import reverse

from governance.models import UserSession

pytestmark = pytest.mark.django_db
ROOT = Path(__file__).resolve().parent.parent


def test_check_deploy_is_clean_with_production_settings(tmp_path):
    env = {
        **{
            k: v
            for k, v in os.environ.items()
            if k not in ("DEBUG", "SECURE", "DJANGO_SETTINGS_MODULE", "DJANGO_ALLOW_ASYNC_UNSAFE")
        },
        "DEBUG": "0",
        "SECRET_KEY": secrets.token_urlsafe(50),
        "ALLOWED_HOSTS": "netwerkagenda.example.org",
        "DATABASE_URL": f"sqlite:///{tmp_path / 'deploy.sqlite3'}",
        "DJANGO_SETTINGS_MODULE": "netwerkagenda.settings",
    }
    result = subprocess.run([sys.executable, "manage.py", "check", "--deploy", "--fail-level", "DEBUG"],
                            cwd=ROOT, env=env, capture_output=True, text=True, timeout=120)
    assert result.returncode == 0, result.stdout + result.stderr
    assert "no issues" in result.stdout


def test_production_settings_secure_the_cookies():
    assert settings.SESSION_COOKIE_HTTPONLY and settings.CSRF_COOKIE_HTTPONLY
    assert settings.SESSION_SAVE_EVERY_REQUEST and settings.SESSION_COOKIE_AGE <= 8 * 3600


def test_every_page_has_a_csp_without_unsafe_inline_or_eval(client, world):
    for url in ["/", world.chapter.get_absolute_url(), reverse("login"), reverse("password_reset")]:
        policy = client.get(url)["Content-Security-Policy"]
        assert "script-src 'self'" in policy
        assert "unsafe-inline" not in policy and "unsafe-eval" not in policy


def _login(world, name):
    client = Client()
    response = client.post(reverse("login"), {"username": world[name].username, "password": "correct horse battery"})
    assert response.status_code == 302
    return client


def test_logging_out_ends_every_session_of_the_account(world):
    laptop, phone = _login(world, "writer"), _login(world, "writer")
    other = _login(world, "reader")
    assert UserSession.objects.filter(user_id=world["writer"].pk).count() == 2
    laptop.post(reverse("logout"))
    assert not UserSession.objects.filter(user_id=world["writer"].pk).exists()
    edit = reverse("opgaven:chapter_edit", args=[world.edition.slug, world.chapter.slug])
    assert phone.get(edit).status_code == 302  # back to the login page
    assert other.get("/").wsgi_request.user.is_authenticated


def test_deactivating_an_account_ends_its_sessions(world):
    client = _login(world, "writer")
    user = world["writer"]
    user.is_active = False
    user.save()
    assert not UserSession.objects.filter(user_id=user.pk).exists()
    assert not client.get("/").wsgi_request.user.is_authenticated


def test_repeated_wrong_passwords_lock_the_username_from_that_address(world):
    client = Client()
    for _ in range(settings.AXES_FAILURE_LIMIT):
        client.post(reverse("login"), {"username": "writer", "password": "fout"})
    response = client.post(reverse("login"), {"username": "writer", "password": "correct horse battery"})
    assert response.status_code == 429
    assert "tijdelijk geblokkeerd" in response.content.decode()
    # Another username from the same address is not locked out.
    response = Client().post(reverse("login"), {"username": "reader", "password": "correct horse battery"})
    assert response.status_code == 302


def test_password_reset_sends_a_dutch_email(client, world):
    response = client.post(reverse("password_reset"), {"email": world["writer"].email})
    assert response.status_code == 302
    assert len(mail.outbox) == 1
    assert "Nieuw wachtwoord" in mail.outbox[0].subject
    assert "/account/reset/" in mail.outbox[0].body
