"""The sign-in pages the permission matrix cannot reach (they need a half-finished sign-in or an
authenticator app) are valid HTML too (the Nu Html Checker, as tests/test_valid_html.py runs it)."""

import json
import subprocess

import pytest
from django.test import Client
from django.urls import reverse

from tests import factories as f
from tests.accounts.helpers import PASSWORD, set_up_app, totp_code
from tests.accounts.webauthn import HOST, add_key
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

    # Security keys: the second step with a key alone and with the app too, a refused key, the
    # key pages, and confirming with the key.
    keyed = f.UserFactory(username="sleutelhouder")
    key = add_key(keyed, "YubiKey")
    with_key = Client(HTTP_HOST=HOST)
    with_key.post(reverse("login"), {"username": "sleutelhouder", "password": PASSWORD})
    page = with_key.get(reverse("mfa_authenticate"))
    keep("second step with a key", page)
    refused = with_key.post(reverse("mfa_authenticate"),
                            {"credential": key.sign(page.context["js_data"]["request_options"], tamper=True)})
    keep("a refused key", refused)
    wrong = with_key.post(reverse("mfa_authenticate"), {"code": "00000000"})
    keep("a wrong recovery code", wrong)
    with_key.post(reverse("mfa_authenticate"), {"credential": key.sign(wrong.context["js_data"]["request_options"])})
    stored = keyed.authenticator_set.get(type="webauthn")
    keep("overview with a key", with_key.get(reverse("mfa_index")))
    keep("add a key", with_key.get(reverse("mfa_add_webauthn")))
    keep("rename a key", with_key.get(reverse("mfa_edit_webauthn", args=[stored.pk])))
    keep("remove a key", with_key.get(reverse("mfa_remove_webauthn", args=[stored.pk])))
    keep("confirm with the key", with_key.get(reverse("mfa_reauthenticate_webauthn")))
    keep("confirm with a code, or the key", with_key.get(reverse("mfa_reauthenticate")))
    add_key(writer)
    both = Client(HTTP_HOST=HOST)
    both.post(reverse("login"), {"username": "schrijver", "password": PASSWORD})
    keep("second step with the app or a key", both.get(reverse("mfa_authenticate")))
    only_key = f.UserFactory(username="beheerder2", is_staff=True)
    last = add_key(only_key)
    admin_key = Client(HTTP_HOST=HOST)
    admin_key.post(reverse("login"), {"username": "beheerder2", "password": PASSWORD})
    second = admin_key.get(reverse("mfa_authenticate"))
    admin_key.post(reverse("mfa_authenticate"), {"credential": last.sign(second.context["js_data"]["request_options"])})
    keep("remove the last key (refused)",
         admin_key.get(reverse("mfa_remove_webauthn", args=[only_key.authenticator_set.get(type="webauthn").pk])))

    result = subprocess.run([*vnu, "--format", "json", "--errors-only", "--exit-zero-always", "--stdout", *pages],
                            capture_output=True, check=True, timeout=600)
    errors = [f"{pages.get(m.get('url', '').removeprefix('file:'), m.get('url'))} line {m.get('lastLine')}: "
              f"{m['message']}" for m in json.loads(result.stdout)["messages"]]
    assert errors == [], "\n".join(errors)
