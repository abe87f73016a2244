"""Two-factor sign-in: required for administrators, the netwerkoverleg and importers, optional
for everyone else; a password alone never signs such an account in."""

import pytest
from django.core.management import call_command
from django.test import Client
from django.urls import reverse

from governance.access import needs_two_factor
from tests import factories as f
from tests.accounts.helpers import PASSWORD, has_app, set_up_app, totp_code, without_second_step

pytestmark = pytest.mark.django_db


def sign_in(client, user, next_url="/"):
    return client.post(reverse("login") + f"?next={next_url}", {"username": user.username, "password": PASSWORD})


def signed_in(client):
    return "_auth_user_id" in client.session


def test_who_must_use_two_factors(world):
    must = {name for name in world.users if needs_two_factor(world[name])}
    assert must == {"admin", "netwerkoverleg"}

    importer = f.UserFactory(username="importeur", is_staff=True)
    assert needs_two_factor(importer)  # staff may be given the import permission


def test_without_a_second_factor_set_up_the_password_signs_in(world):
    client = Client()
    response = sign_in(client, world["writer"], "/zoeken/")
    assert response.status_code == 302 and response["Location"] == "/zoeken/"
    assert signed_in(client)
    assert client.get("/").status_code == 200


def test_with_the_app_set_up_the_password_alone_does_not_sign_in(world):
    set_up_app(world["writer"])  # optional for a writer, but once set up it is asked for
    client = Client()
    response = sign_in(client, world["writer"], "/zoeken/")
    assert response.status_code == 302 and response["Location"] == reverse("mfa_authenticate")
    assert not signed_in(client)

    page = client.get(reverse("mfa_authenticate"))
    assert "Inloggen: tweede stap" in page.content.decode()
    wrong = client.post(reverse("mfa_authenticate"), {"code": "000000"})
    assert "Deze code klopt niet" in wrong.content.decode()
    assert not signed_in(client)

    response = client.post(reverse("mfa_authenticate"), {"code": totp_code()})
    assert response.status_code == 302 and response["Location"] == "/zoeken/"
    assert signed_in(client)


def test_guessing_codes_is_stopped(world):
    set_up_app(world["writer"])
    client = Client()
    sign_in(client, world["writer"])
    for _ in range(5):
        client.post(reverse("mfa_authenticate"), {"code": "000000"})
    refused = client.post(reverse("mfa_authenticate"), {"code": totp_code()})
    assert "Te veel onjuiste codes" in refused.content.decode()
    assert not signed_in(client)


def test_a_recovery_code_signs_in_once(world):
    codes = set_up_app(world["admin"])
    client = Client()
    sign_in(client, world["admin"])
    assert client.post(reverse("mfa_authenticate"), {"code": codes[0]}).status_code == 302
    assert signed_in(client)
    assert client.get("/").status_code == 200

    again = Client()
    sign_in(again, world["admin"])
    assert "Deze code klopt niet" in again.post(reverse("mfa_authenticate"), {"code": codes[0]}).content.decode()
    assert not signed_in(again)


def test_an_administrator_without_the_app_is_sent_to_set_it_up_first(world):
    admin = world["admin"]
    client = Client()
    assert sign_in(client, admin).status_code == 302
    response = client.get("/beheer/")
    assert response.status_code == 302 and response["Location"] == reverse("mfa_activate_totp")
    page = client.get(reverse("mfa_activate_totp"))
    assert "tweestapsverificatie verplicht" in page.content.decode()
    assert client.get(reverse("governance:participant_import"))["Location"] == reverse("mfa_activate_totp")
    secret = page.context["form"].secret
    response = client.post(reverse("mfa_activate_totp"), {"code": totp_code(secret)})
    assert response.status_code == 302 and response["Location"] == reverse("mfa_view_recovery_codes")
    assert has_app(admin)
    assert len(client.get(reverse("mfa_view_recovery_codes")).context["unused_codes"]) == 10

    assert client.get("/beheer/").status_code == 200  # the code entered while setting up counts


def test_the_netwerkoverleg_is_sent_to_set_it_up_too(world):
    client = Client()
    sign_in(client, world["netwerkoverleg"])
    assert client.get("/monitoring/")["Location"] == reverse("mfa_activate_totp")


def test_a_session_signed_in_without_the_code_must_still_give_it(world):
    """However a session was signed in (the admin's own login form, say): no use without the code."""
    admin = world["admin"]
    set_up_app(admin)
    client = without_second_step(Client(), admin)

    response = client.get("/beheer/")
    assert response.status_code == 302 and response["Location"].startswith(reverse("mfa_reauthenticate"))
    response = client.post(reverse("mfa_reauthenticate") + "?next=/beheer/", {"code": totp_code()})
    assert response.status_code == 302
    assert client.get("/beheer/").status_code == 200


def test_the_admin_login_form_leads_to_the_portals_login(world):
    response = Client().get("/beheer/login/?next=/beheer/")
    assert response.status_code == 302 and response["Location"] == reverse("login") + "?next=/beheer/"


def test_who_must_use_two_factors_cannot_switch_them_off(world):
    set_up_app(world["admin"])
    set_up_app(world["writer"])
    for name, kept in [("admin", True), ("writer", False)]:
        client = Client()
        sign_in(client, world[name])
        client.post(reverse("mfa_authenticate"), {"code": totp_code()})
        response = client.post(reverse("mfa_deactivate_totp"))
        assert has_app(world[name]) is kept
        if kept:
            assert "u kunt die niet uitschakelen" in response.content.decode()
        from django.core.cache import cache

        cache.clear()  # the same code again, for the next account: the app's code is used once per account


def test_everyone_finds_the_set_up_page_in_the_account_area(world, client_for):
    page = client_for("reader").get(reverse("profile"))
    assert reverse("mfa_index") in page.content.decode()
    overview = client_for("reader").get(reverse("mfa_index")).content.decode()
    assert "Authenticator-app instellen" in overview and "verplicht" not in overview
    assert "is tweestapsverificatie verplicht" in client_for("admin").get(reverse("mfa_index")).content.decode()


def test_the_demo_accounts_sign_in_with_the_published_key_and_code(agenda):
    from governance.management.commands.load_demo_accounts import DEMO_PASSWORD, DEMO_TOTP_SECRET

    call_command("load_demo_accounts", "--force", verbosity=0)
    readme = (__import__("pathlib").Path(__file__).resolve().parents[2] / "README.md").read_text()
    assert DEMO_TOTP_SECRET in readme and "51567620" in readme

    client = Client()
    client.post(reverse("login"), {"username": "beheerder", "password": DEMO_PASSWORD})
    assert client.post(reverse("mfa_authenticate"), {"code": totp_code(DEMO_TOTP_SECRET)}).status_code == 302
    assert client.get("/beheer/").status_code == 200

    other = Client()
    other.post(reverse("login"), {"username": "netwerkoverleg", "password": DEMO_PASSWORD})
    assert other.post(reverse("mfa_authenticate"), {"code": "51567620"}).status_code == 302
    assert signed_in(other)

    call_command("load_demo_accounts", "--force", verbosity=0)  # the demo codes work again
    again = Client()
    again.post(reverse("login"), {"username": "netwerkoverleg", "password": DEMO_PASSWORD})
    assert again.post(reverse("mfa_authenticate"), {"code": "51567620"}).status_code == 302

    plain = Client()
    assert plain.post(reverse("login"), {"username": "schrijver", "password": DEMO_PASSWORD}).status_code == 302
    assert signed_in(plain)  # optional for a schrijver: the password signs in
