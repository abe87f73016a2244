"""The sign-in pages the permission matrix cannot reach (they need a half-finished sign-in or an
authenticator app) are valid HTML too (the Nu Html Checker, as tests/test_valid_html.py runs it)."""

import json
import subprocess

import pytest
from django.test import Client
from django.urls import reverse

from tests import factories as f
from tests.accounts.helpers import PASSWORD, set_up_app, totp_code
from tests.test_valid_html import vnu  # noqa: F401 (a fixture)

pytestmark = pytest.mark.django_db


def test_the_sign_in_pages_are_valid_html(vnu, settings, tmp_path):  # noqa: F811
    settings.SOCIALACCOUNT_PROVIDERS = {"openid_connect": {"APPS": [{
        "provider_id": "netwerk", "name": "Netwerkaccount", "client_id": "portaal", "secret": "geheim",
        "settings": {"server_url": "https://login.netwerk.example"},
    }]}}
    writer = f.UserFactory(username="schrijver")
    set_up_app(writer)
    f.UserFactory(username="beheerder", is_staff=True, is_superuser=True)
    pages = {}

    def keep(name, response):
        assert response.status_code == 200, name
        path = tmp_path / f"{len(pages):02d}.html"
        path.write_bytes(response.content)
        pages[str(path)] = name

    client = Client()
    keep("login with sign-on", client.get(reverse("login")))
    keep("sign-on confirmation", client.get(reverse("openid_connect_login", args=["netwerk"])))
    client.post(reverse("login"), {"username": "schrijver", "password": PASSWORD})
    keep("the code", client.get(reverse("mfa_authenticate")))
    keep("a wrong code", client.post(reverse("mfa_authenticate"), {"code": "000000"}))
    client.post(reverse("mfa_authenticate"), {"code": totp_code()})
    keep("overview", client.get(reverse("mfa_index")))
    keep("switch off", client.get(reverse("mfa_deactivate_totp")))
    keep("confirm with the code", client.get(reverse("mfa_reauthenticate")))

    admin = Client()
    admin.post(reverse("login"), {"username": "beheerder", "password": PASSWORD})
    page = admin.get(reverse("mfa_activate_totp"))
    keep("set up", page)
    keep("set up, wrong code", admin.post(reverse("mfa_activate_totp"), {"code": "000000"}))
    admin.post(reverse("mfa_activate_totp"), {"code": totp_code(page.context["form"].secret)})
    keep("recovery codes", admin.get(reverse("mfa_view_recovery_codes")))
    keep("new recovery codes", admin.get(reverse("mfa_generate_recovery_codes")))

    result = subprocess.run([*vnu, "--format", "json", "--errors-only", "--exit-zero-always", "--stdout", *pages],
                            capture_output=True, check=True, timeout=600)
    errors = [f"{pages.get(m.get('url', '').removeprefix('file:'), m.get('url'))} line {m.get('lastLine')}: "
              f"{m['message']}" for m in json.loads(result.stdout)["messages"]]
    assert errors == [], "\n".join(errors)
