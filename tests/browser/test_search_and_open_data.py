"""A reader searches from the header and lands on the item; the API documentation runs under
the portal's strict CSP; the profile page makes a key. axe on each page."""

import pytest

from tests.browser.conftest import serious_violations

pytestmark = pytest.mark.django_db(transaction=True)


def test_a_reader_searches_from_the_header_and_lands_on_the_item(agenda, page):
    page.goto("/")
    field = page.get_by_role("search", name="Zoeken in de Netwerkagenda").get_by_label("Zoek in de Netwerkagenda")
    field.fill("Leesoffensief")
    field.press("Enter")
    page.wait_for_load_state()
    assert page.locator("h1").inner_text() == "Zoeken"
    heading = page.locator("#resultaten-kop").inner_text()
    assert "resultaten voor ‘Leesoffensief’" in heading
    assert page.locator(".hit mark").first.inner_text().lower() == "leesoffensief"
    assert serious_violations(page) == []

    page.get_by_label("Soort").select_option("tekst")
    page.get_by_role("button", name="Zoeken", exact=True).click()
    page.wait_for_load_state()
    first = page.locator(".hit h3 a").first
    href = first.get_attribute("href")
    first.click()
    page.wait_for_load_state()
    anchor = href.split("#", 1)[1]
    assert page.locator(f"#{anchor}").is_visible()
    assert page.locator("h1").inner_text().endswith("Geletterde samenleving")


def test_the_api_documentation_runs_without_csp_violations(agenda, page):
    errors = []
    page.on("console", lambda message: errors.append(message.text) if message.type == "error" else None)
    page.goto("/api/docs/")
    page.locator(".swagger-ui .info .title").wait_for()
    assert "Netwerkagenda API" in page.locator(".swagger-ui .info .title").inner_text()
    assert page.locator(".opblock-tag", has_text="acties").count() >= 1
    assert not [e for e in errors if "Content Security Policy" in e], errors


def test_a_person_makes_an_api_key_on_the_profile_page(agenda, page, login, django_user_model):
    from tests import factories as f

    user = f.UserFactory(username="lezer")
    user.set_password("correct horse battery")
    user.save()
    login("lezer")
    page.goto("/account/profiel/")
    assert serious_violations(page) == []
    page.get_by_label("Naam van de sleutel").fill("Eigen planning")
    page.get_by_role("button", name="Maak een sleutel").click()
    page.wait_for_load_state()
    assert page.locator("code.api-key").inner_text().startswith("na_")
    page.get_by_role("button", name="Trek ‘Eigen planning’ in").click()
    page.wait_for_load_state()
    assert "ingetrokken" in page.locator("main").inner_text()
    assert serious_violations(page) == []
