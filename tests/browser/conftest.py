"""Playwright for Python driving Debian's Chromium against pytest-django's live server."""

import os

import pytest

# Playwright's sync API runs an event loop in this thread; the ORM calls in fixtures are
# still synchronous and safe here.
os.environ.setdefault("DJANGO_ALLOW_ASYNC_UNSAFE", "true")

CHROMIUM_ARGS = ["--headless", "--no-sandbox", "--disable-gpu", "--disable-background-networking"]
SERIOUS = {"serious", "critical"}


def pytest_collection_modifyitems(items):
    for item in items:
        if "tests/browser/" in str(item.fspath):
            item.add_marker(pytest.mark.browser)


@pytest.fixture(scope="session")
def browser(chromium_path):
    from playwright.sync_api import sync_playwright

    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=chromium_path, args=CHROMIUM_ARGS)
        yield browser
        browser.close()


@pytest.fixture
def page(browser, live_server):
    context = browser.new_context(base_url=live_server.url, locale="nl-NL")
    page = context.new_page()
    page.set_default_timeout(15_000)
    yield page
    context.close()


def sign_in(page, username, password="correct horse battery"):
    """Sign in through the login page; an account that must use two factors gets an authenticator
    app (tests/accounts/helpers.py) if it has none, and gives its code after the password."""
    secret = _second_factor(username)
    page.goto("/account/login/")
    page.get_by_label("Gebruikersnaam").fill(username)
    page.get_by_label("Wachtwoord").fill(password)
    page.get_by_role("button", name="Inloggen").click()
    page.wait_for_load_state()
    if secret:
        from tests.accounts.helpers import totp_code

        page.get_by_label("Code").fill(totp_code(secret))
        page.get_by_role("button", name="Inloggen").click()
        page.wait_for_load_state()


@pytest.fixture
def login(page):
    def do_login(username, password="correct horse battery"):
        sign_in(page, username, password)

    return do_login


@pytest.fixture
def as_user(browser, live_server):
    """Opens a page of its own for each person signed in at once (None: the public)."""
    contexts = []

    def open_as(username):
        context = browser.new_context(base_url=live_server.url, locale="nl-NL", accept_downloads=True)
        contexts.append(context)
        page = context.new_page()
        page.set_default_timeout(20_000)
        if username:
            sign_in(page, username)
        return page

    yield open_as
    for context in contexts:
        context.close()


def _second_factor(username):
    from allauth.mfa.models import Authenticator
    from django.contrib.auth import get_user_model

    from governance.access import needs_two_factor
    from tests.accounts.helpers import SECRET, set_up_app

    user = get_user_model().objects.filter(username=username).first()
    app = Authenticator.objects.filter(user=user, type=Authenticator.Type.TOTP).first() if user else None
    if app is not None:
        return app.data["secret"]
    if user is not None and needs_two_factor(user):
        set_up_app(user)
        return SECRET
    return None


def serious_violations(page):
    """axe-core's serious and critical findings on the current page, as readable strings."""
    from axe_playwright_python.sync_playwright import Axe

    results = Axe().run(page)
    return [
        f"{v['id']} ({v['impact']}): {v['help']} – {[n['target'] for n in v['nodes']][:3]}"
        for v in results.response["violations"]
        if v["impact"] in SERIOUS
    ]
