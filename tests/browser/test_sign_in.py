"""Signing in as people do: password and the code from the app, a recovery code, setting up the
app when it is required, a passkey (Chromium's virtual authenticator) instead of the code, and
the network's account through a real OpenID Connect provider."""

import re

import pytest
from playwright.sync_api import expect

from tests import factories as f
from tests.accounts.conftest import network_provider  # noqa: F401  (the provider on the live server)
from tests.accounts.helpers import set_up_app, totp_code
from tests.browser.conftest import serious_violations
from tests.oidc_provider import PASSWORD as IDP_PASSWORD
from tests.oidc_provider import add_identity

pytestmark = pytest.mark.django_db(transaction=True)


def password_step(page, username, next_url="/zoeken/"):
    page.goto(f"/account/login/?next={next_url}")
    page.get_by_label("Gebruikersnaam").fill(username)
    page.get_by_label("Wachtwoord").fill("correct horse battery")
    page.get_by_role("button", name="Inloggen").click()
    page.wait_for_load_state()


def test_password_then_the_code_from_the_app(page):
    user = f.UserFactory(username="schrijver", first_name="Sanne", last_name="Schrijver")
    set_up_app(user)
    password_step(page, "schrijver")

    expect(page.locator("h1")).to_have_text("Inloggen: tweede stap")
    expect(page.get_by_text("Ingelogd als")).to_have_count(0)
    assert serious_violations(page) == []
    page.get_by_label("Code").fill("000000")
    page.get_by_role("button", name="Inloggen").click()
    expect(page.get_by_role("alert")).to_contain_text("Deze code klopt niet")

    page.get_by_label("Code").fill(totp_code())
    page.get_by_role("button", name="Inloggen").click()
    expect(page).to_have_url(re.compile(r"/zoeken/$"))
    expect(page.get_by_text("Ingelogd als Sanne Schrijver", exact=True)).to_be_visible()


def test_a_recovery_code_instead_of_the_phone(page):
    admin = f.UserFactory(username="beheerder", first_name="Bea", last_name="Beheer", is_staff=True,
                          is_superuser=True)
    codes = set_up_app(admin)
    password_step(page, "beheerder", next_url="/beheer/")
    page.get_by_label("Code").fill(codes[3])
    page.get_by_role("button", name="Inloggen").click()
    expect(page).to_have_url(re.compile(r"/beheer/$"))

    page.goto("/account/tweestapsverificatie/")
    expect(page.get_by_text("U hebt nog 9 ongebruikte herstelcodes.")).to_be_visible()
    expect(page.get_by_text("is tweestapsverificatie verplicht")).to_be_visible()
    assert serious_violations(page) == []


def test_an_administrator_sets_up_the_app_before_anything_else(page):
    f.UserFactory(username="beheerder", is_staff=True, is_superuser=True)
    password_step(page, "beheerder", next_url="/beheer/")

    expect(page.locator("h1")).to_have_text("Authenticator-app instellen")
    expect(page.get_by_text("tweestapsverificatie verplicht")).to_be_visible()
    assert serious_violations(page) == []
    secret = page.locator("#totp-sleutel").inner_text()
    page.get_by_label("Code uit de app").fill(totp_code(secret))
    page.get_by_role("button", name="Instellen").click()

    expect(page.locator("h1")).to_have_text("Herstelcodes")
    expect(page.locator(".recovery-codes li")).to_have_count(10)
    assert serious_violations(page) == []
    page.goto("/beheer/")
    expect(page).to_have_url(re.compile(r"/beheer/$"))


def virtual_authenticator(page):
    """A passkey on this device, as Chromium's DevTools protocol offers one to tests: it answers
    every WebAuthn request at once, as a person touching their key or finger would."""
    cdp = page.context.new_cdp_session(page)
    cdp.send("WebAuthn.enable")
    found = cdp.send("WebAuthn.addVirtualAuthenticator", {"options": {
        "protocol": "ctap2", "transport": "internal", "hasResidentKey": True, "hasUserVerification": True,
        "isUserVerified": True}})
    return cdp, found["authenticatorId"]


def test_a_passkey_is_added_and_then_is_the_second_step(page):
    f.UserFactory(username="schrijver", first_name="Sanne", last_name="Schrijver")
    cdp, authenticator = virtual_authenticator(page)
    refused = []  # what the Content-Security-Policy blocked: nothing (allauth's scripts are static files)
    page.on("console", lambda message: "Content Security Policy" in message.text and refused.append(message.text))
    password_step(page, "schrijver", next_url="/account/tweestapsverificatie/")

    expect(page.locator("h1")).to_have_text("Tweestapsverificatie")
    page.get_by_role("link", name="Beveiligingssleutel of passkey toevoegen").click()
    expect(page.locator("h1")).to_have_text("Beveiligingssleutel of passkey toevoegen")
    assert serious_violations(page) == []
    page.get_by_label("Naam van de sleutel").fill("Laptop van het werk")
    page.get_by_role("button", name="Sleutel toevoegen").click()
    expect(page.locator("h1")).to_have_text("Herstelcodes")  # the first factor brings them
    expect(page.get_by_text("De beveiligingssleutel is toegevoegd.")).to_be_visible()

    page.goto("/account/tweestapsverificatie/")
    expect(page.locator(".security-keys li")).to_contain_text("Laptop van het werk")
    assert serious_violations(page) == []
    page.get_by_role("button", name="Uitloggen").click()
    page.wait_for_load_state()

    password_step(page, "schrijver")
    expect(page.locator("h1")).to_have_text("Inloggen: tweede stap")
    expect(page.get_by_text("Ingelogd als")).to_have_count(0)
    assert serious_violations(page) == []
    page.get_by_role("button", name="Een beveiligingssleutel gebruiken").click()
    expect(page).to_have_url(re.compile(r"/zoeken/$"))
    expect(page.get_by_text("Ingelogd als Sanne Schrijver", exact=True)).to_be_visible()
    credentials = cdp.send("WebAuthn.getCredentials", {"authenticatorId": authenticator})["credentials"]
    assert len(credentials) == 1 and credentials[0]["signCount"] >= 1
    assert refused == []


def test_a_key_that_does_not_answer_says_so_in_dutch(page):
    from tests.accounts.webauthn import add_key

    admin = f.UserFactory(username="beheerder", is_staff=True, is_superuser=True)
    add_key(admin, "Sleutel thuis")  # not the one this browser has
    virtual_authenticator(page)
    password_step(page, "beheerder", next_url="/beheer/")

    expect(page.locator("h1")).to_have_text("Inloggen: tweede stap")
    expect(page.get_by_role("textbox", name="Herstelcode")).to_be_visible()
    page.get_by_role("button", name="Een beveiligingssleutel gebruiken").click()
    expect(page.locator("[data-webauthn-error]")).to_contain_text("niet gelukt")
    assert serious_violations(page) == []
    expect(page).to_have_url(re.compile(r"/tweestapsverificatie/code/$"))


def test_sign_on_with_the_network_account(page, network_provider):  # noqa: F811
    person = f.PersonFactory(name="Jan Jansen", email="jan@bibliotheek.example",
                             user=f.UserFactory(username="jan", first_name="Jan", last_name="Jansen", email=""))
    add_identity("jan", "jan@bibliotheek.example")
    add_identity("vreemd", "niemand@elders.example")

    page.goto("/account/login/?next=/zoeken/")
    assert serious_violations(page) == []
    page.get_by_role("button", name="Inloggen met Netwerkaccount").click()
    page.get_by_label("Netwerknaam").fill("idp-jan")
    page.get_by_label("Netwerkwachtwoord").fill(IDP_PASSWORD)
    page.get_by_role("button", name="Verder").click()
    expect(page).to_have_url(re.compile(r"/zoeken/$"))
    expect(page.get_by_text(f"Ingelogd als {person.user.get_full_name()}", exact=True)).to_be_visible()

    page.context.clear_cookies()  # out of the portal and the provider; someone else tries
    page.goto("/account/login/")
    page.get_by_role("button", name="Inloggen met Netwerkaccount").click()
    page.get_by_label("Netwerknaam").fill("idp-vreemd")
    page.get_by_label("Netwerkwachtwoord").fill(IDP_PASSWORD)
    page.get_by_role("button", name="Verder").click()
    expect(page.locator("h1")).to_have_text("Inloggen met netwerkaccount lukt niet")
    expect(page.get_by_role("alert")).to_contain_text("geen deelnemer van de Netwerkagenda met dit e-mailadres")
    assert serious_violations(page) == []
