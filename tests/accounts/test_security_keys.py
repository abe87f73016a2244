"""Security keys and passkeys (WebAuthn) as the second factor: added, named, listed and removed
on the two-factor page, and used at sign-in instead of the code. The key is a key in software
(tests/accounts/webauthn.py) that answers the portal's challenges as a real one does."""

import re

import pytest
from allauth.mfa.models import Authenticator
from django.test import Client
from django.urls import reverse

from tests.accounts.helpers import PASSWORD, has_app, set_up_app, totp_code, without_second_step
from tests.accounts.webauthn import HOST, SoftKey, add_key

pytestmark = pytest.mark.django_db

# What allauth's own templates and messages say, which none of our pages may.
ENGLISH = re.compile(r"Security Keys?\b|security key\b|Use a security key|Alternative options|Are you sure|"
                     r"Not used|Added on|Last used|Master key|Backup key|Key nr\.|requires JavaScript|"
                     r"Incorrect code|Passwordless|>\s*(Add|Remove|Edit|Save|Cancel|Sign In|Manage)\s*<")


def english_on(response):
    text = re.sub(r"<script.*?</script>", "", response.content.decode(), flags=re.S)
    return ENGLISH.findall(text)


def client():
    return Client(HTTP_HOST=HOST)  # WebAuthn needs a secure context: https, or http on localhost


def sign_in(browser, user, next_url="/"):
    return browser.post(reverse("login") + f"?next={next_url}", {"username": user.username, "password": PASSWORD})


def signed_in(browser):
    return "_auth_user_id" in browser.session


def keys_of(user):
    return list(Authenticator.objects.filter(user=user, type=Authenticator.Type.WEBAUTHN))


def through_the_second_step(user, key, next_url="/"):
    """A browser signed in as people do, with the password and then the key (so changing the
    second factor needs no confirming again)."""
    browser = client()
    sign_in(browser, user, next_url)
    page = browser.get(reverse("mfa_authenticate"))
    response = browser.post(reverse("mfa_authenticate"),
                            {"credential": key.sign(page.context["js_data"]["request_options"])})
    assert response.status_code == 302 and signed_in(browser)
    return browser


def add_through_the_page(browser, name):
    page = browser.get(reverse("mfa_add_webauthn"))
    assert page.status_code == 200 and english_on(page) == []
    key = SoftKey()
    response = browser.post(reverse("mfa_add_webauthn"),
                            {"name": name, "credential": key.register(page.context["js_data"]["creation_options"])})
    assert response.status_code == 302, response.context["form"].errors
    return key, response


def test_a_key_is_added_with_a_name_listed_renamed_and_removed(world):
    writer = world["writer"]
    browser = client()
    sign_in(browser, writer)

    overview = browser.get(reverse("mfa_index"))
    assert "Nog geen sleutels toegevoegd." in overview.content.decode() and english_on(overview) == []
    without_key = browser.post(reverse("mfa_add_webauthn"), {"name": "YubiKey"})  # Enter in the name field
    assert "Kies ‘Sleutel toevoegen’" in without_key.content.decode() and keys_of(writer) == []
    key, response = add_through_the_page(browser, "YubiKey van Sanne")
    # The first factor comes with recovery codes, shown at once.
    assert response["Location"] == reverse("mfa_view_recovery_codes")
    [stored] = keys_of(writer)
    assert stored.wrap().name == "YubiKey van Sanne"

    overview = browser.get(reverse("mfa_index"))
    html = overview.content.decode()
    assert "De beveiligingssleutel is toegevoegd." in html
    assert "YubiKey van Sanne" in html and "nog niet gebruikt" in html and english_on(overview) == []

    edit = browser.get(reverse("mfa_edit_webauthn", args=[stored.pk]))
    assert edit.status_code == 200 and english_on(edit) == []
    assert browser.post(reverse("mfa_edit_webauthn", args=[stored.pk]), {"name": "Sleutel op kantoor"})["Location"] \
        == reverse("mfa_list_webauthn")
    assert "Sleutel op kantoor" in browser.get(reverse("mfa_list_webauthn"), follow=True).content.decode()

    confirm = browser.get(reverse("mfa_remove_webauthn", args=[stored.pk]))
    assert "Wilt u ‘Sleutel op kantoor’ verwijderen?" in confirm.content.decode() and english_on(confirm) == []
    browser.post(reverse("mfa_remove_webauthn", args=[stored.pk]))
    assert keys_of(writer) == []
    after = browser.get(reverse("mfa_index")).content.decode()
    assert "De beveiligingssleutel is verwijderd." in after and "Nog geen sleutels toegevoegd." in after


def test_nobody_renames_or_removes_anothers_key(world):
    add_key(world["admin"])
    [stored] = keys_of(world["admin"])
    browser = client()
    sign_in(browser, world["writer"])
    assert browser.get(reverse("mfa_edit_webauthn", args=[stored.pk])).status_code == 404
    assert browser.post(reverse("mfa_remove_webauthn", args=[stored.pk])).status_code == 404
    assert len(keys_of(world["admin"])) == 1


def test_the_key_is_the_second_step_at_sign_in(world):
    writer = world["writer"]
    key = add_key(writer, "YubiKey")
    browser = client()
    response = sign_in(browser, writer, "/zoeken/")
    assert response["Location"] == reverse("mfa_authenticate") and not signed_in(browser)

    page = browser.get(reverse("mfa_authenticate"))
    html = page.content.decode()
    assert "Een beveiligingssleutel gebruiken" in html and "Herstelcode" in html and english_on(page) == []
    assert 'src="/static/mfa/js/webauthn.js"' in html and "<script>" not in html  # nothing inline (CSP)

    response = browser.post(reverse("mfa_authenticate"),
                            {"credential": key.sign(page.context["js_data"]["request_options"])})
    assert response.status_code == 302 and response["Location"] == "/zoeken/"
    assert signed_in(browser)
    assert keys_of(writer)[0].last_used_at is not None


def test_with_the_app_and_a_key_either_signs_in(world):
    writer = world["writer"]
    set_up_app(writer)
    key = add_key(writer)
    browser = client()
    sign_in(browser, writer)
    page = browser.get(reverse("mfa_authenticate"))
    html = page.content.decode()
    assert "Vul de code van zes cijfers" in html and "Een beveiligingssleutel gebruiken" in html
    assert english_on(page) == []
    assert browser.post(reverse("mfa_authenticate"),
                        {"credential": key.sign(page.context["js_data"]["request_options"])}).status_code == 302
    assert signed_in(browser)

    by_code = client()
    sign_in(by_code, writer)
    assert by_code.post(reverse("mfa_authenticate"), {"code": totp_code()}).status_code == 302
    assert signed_in(by_code)


def test_a_key_that_does_not_answer_rightly_is_refused_in_dutch(world):
    writer = world["writer"]
    key = add_key(writer)
    browser = client()
    sign_in(browser, writer)
    page = browser.get(reverse("mfa_authenticate"))
    refused = browser.post(reverse("mfa_authenticate"),
                           {"credential": key.sign(page.context["js_data"]["request_options"], tamper=True)})
    assert refused.status_code == 200 and "Deze beveiligingssleutel is niet aanvaard" in refused.content.decode()
    assert english_on(refused) == [] and not signed_in(browser)

    stranger = SoftKey()  # a key never added to this account
    stranger.credential_id, stranger.user_handle = key.credential_id, key.user_handle
    forged = browser.post(reverse("mfa_authenticate"),
                          {"credential": stranger.sign(refused.context["js_data"]["request_options"])})
    assert "niet aanvaard" in forged.content.decode() and not signed_in(browser)


def test_who_must_use_two_factors_may_use_a_key_alone(world):
    admin = world["admin"]
    browser = client()
    sign_in(browser, admin)
    assert browser.get("/beheer/")["Location"] == reverse("mfa_activate_totp")
    offer = browser.get(reverse("mfa_activate_totp")).content.decode()
    assert reverse("mfa_add_webauthn") in offer
    key, _ = add_through_the_page(browser, "Sleutel van de beheerder")
    assert not has_app(admin)
    assert browser.get("/beheer/").status_code == 200  # adding the key proved it for this session

    again = client()
    sign_in(again, admin, "/beheer/")
    page = again.get(reverse("mfa_authenticate"))
    response = again.post(reverse("mfa_authenticate"),
                          {"credential": key.sign(page.context["js_data"]["request_options"])})
    assert response["Location"] == "/beheer/"
    assert again.get("/beheer/").status_code == 200


def test_a_session_without_the_second_step_confirms_it_with_the_key(world):
    admin = world["admin"]
    key = add_key(admin)
    browser = without_second_step(client(), admin)

    response = browser.get("/beheer/")
    assert response["Location"].startswith(reverse("mfa_reauthenticate_webauthn"))
    page = browser.get(response["Location"])
    assert "Bevestig met uw beveiligingssleutel" in page.content.decode() and english_on(page) == []
    response = browser.post(reverse("mfa_reauthenticate_webauthn") + "?next=/beheer/",
                            {"credential": key.sign(page.context["js_data"]["request_options"])})
    assert response.status_code == 302
    assert browser.get("/beheer/").status_code == 200


def test_who_must_use_two_factors_keeps_the_last_one(world):
    admin = world["admin"]
    key = add_key(admin, "Eerste")
    add_key(admin, "Tweede")
    first, second = keys_of(admin)
    browser = through_the_second_step(admin, key)

    browser.post(reverse("mfa_remove_webauthn", args=[first.pk]))  # one of two: fine
    assert keys_of(admin) == [second]

    confirm = browser.get(reverse("mfa_remove_webauthn", args=[second.pk]))
    html = confirm.content.decode()
    assert "‘Tweede’ is uw enige tweede stap" in html
    assert f'action="{reverse("mfa_remove_webauthn", args=[second.pk])}"' not in html  # no button to try
    refused = browser.post(reverse("mfa_remove_webauthn", args=[second.pk]))
    assert "u kunt die niet uitschakelen" in refused.content.decode()
    assert keys_of(admin) == [second]


def test_the_app_and_a_key_stand_in_for_each_other(world):
    admin = world["admin"]
    set_up_app(admin)
    key = add_key(admin)
    [stored] = keys_of(admin)
    browser = through_the_second_step(admin, key)

    browser.post(reverse("mfa_deactivate_totp"))  # the key stays: the app may go
    assert not has_app(admin)
    assert browser.post(reverse("mfa_remove_webauthn", args=[stored.pk])).status_code == 200  # refused: the last
    assert keys_of(admin) == [stored]
    # Recovery codes stay with the key (they go only with the last factor).
    assert Authenticator.objects.filter(user=admin, type=Authenticator.Type.RECOVERY_CODES).exists()


def test_everyone_else_may_remove_their_last_key(world):
    writer = world["writer"]
    key = add_key(writer)
    [stored] = keys_of(writer)
    browser = through_the_second_step(writer, key)
    browser.post(reverse("mfa_remove_webauthn", args=[stored.pk]))
    assert not Authenticator.objects.filter(user=writer).exists()  # recovery codes went with it
