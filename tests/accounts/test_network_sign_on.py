"""Sign-on with the network's accounts, against a real OpenID Connect provider
(django-oauth-toolkit on the live server), over HTTP as a browser would: the provider's
verified e-mail address signs in the person the participant import knows, nobody else."""

from urllib.parse import urlsplit

import pytest
import requests
from allauth.socialaccount.models import SocialAccount
from django.contrib.auth import get_user_model

from governance.models import Person, UserSession
from tests import factories as f
from tests.accounts.helpers import set_up_app, totp_code
from tests.oidc_provider import PASSWORD, add_identity

pytestmark = pytest.mark.django_db(transaction=True)


def sign_on(base, identity, next_url="/zoeken/"):
    """Click "Inloggen met Netwerkaccount" and sign in at the provider; the last response."""
    browser = requests.Session()
    login_page = browser.get(f"{base}/account/login/?next={next_url}")
    assert "Inloggen met Netwerkaccount" in login_page.text
    at_provider = browser.post(f"{base}/account/oidc/netwerk/login/",
                               data={"csrfmiddlewaretoken": browser.cookies["csrftoken"], "next": next_url})
    assert urlsplit(at_provider.url).path == "/idp/inloggen/"
    back = browser.post(at_provider.url, data={"username": identity, "password": PASSWORD})
    return browser, back


def portal_accounts():
    return get_user_model().objects.exclude(username__startswith="idp-").count()  # not the provider's own


def sessions_of(user):
    return UserSession.objects.filter(user_id=user.pk).count()


def test_a_verified_address_signs_in_the_person_the_import_knows(network_provider):
    account = f.UserFactory(username="jan", email="")
    f.PersonFactory(name="Jan Jansen", email="Jan.Jansen@bibliotheek.example", user=account)
    accounts = portal_accounts()

    browser, landed = sign_on(network_provider, add_identity("jan", "jan.jansen@bibliotheek.example"))
    assert landed.status_code == 200 and urlsplit(landed.url).path == "/zoeken/"
    assert sessions_of(account) == 1
    assert SocialAccount.objects.get(provider="netwerk").user == account
    assert portal_accounts() == accounts  # no second account

    sign_on(network_provider, "idp-jan")  # the second time through the link
    assert sessions_of(account) == 2
    assert SocialAccount.objects.count() == 1


def test_a_known_person_without_an_account_gets_exactly_one(network_provider):
    person = f.PersonFactory(name="Piet Pieters", email="piet@poi.example")
    sign_on(network_provider, add_identity("piet", "PIET@poi.example"))
    person.refresh_from_db()
    assert person.user is not None and person.user.email == "piet@poi.example"
    assert not person.user.has_usable_password()
    assert sessions_of(person.user) == 1

    sign_on(network_provider, "idp-piet")
    assert get_user_model().objects.filter(email__iexact="piet@poi.example").count() == 1


def test_an_account_known_only_by_its_address_is_used(network_provider):
    account = f.UserFactory(username="kees", email="kees@kb.example")
    sign_on(network_provider, add_identity("kees", "kees@kb.example"))
    assert sessions_of(account) == 1


def test_an_unverified_address_is_refused(network_provider):
    account = f.UserFactory(username="anna", email="anna@ob.example")
    _, refused = sign_on(network_provider, add_identity("anna", "anna@ob.example", verified=False))
    assert refused.status_code == 403
    assert "geen bevestigd e-mailadres" in refused.text
    assert sessions_of(account) == 0 and not SocialAccount.objects.exists()


def test_an_unknown_address_is_refused_and_gets_no_account(network_provider):
    accounts = portal_accounts()
    _, refused = sign_on(network_provider, add_identity("vreemd", "niemand@elders.example"))
    assert refused.status_code == 403
    assert "Er is geen deelnemer van de Netwerkagenda met dit e-mailadres bekend" in refused.text
    assert portal_accounts() == accounts
    assert not Person.objects.filter(email__iexact="niemand@elders.example").exists()


def test_an_administrator_still_gives_the_code_after_signing_on(network_provider):
    admin = f.UserFactory(username="beheer", email="beheer@kb.example", is_staff=True, is_superuser=True)
    set_up_app(admin)
    browser, asked = sign_on(network_provider, add_identity("beheer", "beheer@kb.example"), next_url="/beheer/")
    assert urlsplit(asked.url).path == "/account/tweestapsverificatie/code/"
    assert sessions_of(admin) == 0

    done = browser.post(asked.url, data={"csrfmiddlewaretoken": browser.cookies["csrftoken"], "code": totp_code()})
    assert urlsplit(done.url).path == "/beheer/" and done.status_code == 200
    assert sessions_of(admin) == 1
