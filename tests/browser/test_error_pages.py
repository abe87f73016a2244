"""Every error page is Dutch, in the layout and clean for axe, as a browser shows it."""

import pytest
from django.test import Client
from django.urls import reverse

from netwerkagenda import views
from tests.browser.conftest import serious_violations

pytestmark = pytest.mark.django_db(transaction=True)


def assert_accessible_error_page(page, response, status, heading):
    assert response.status == status
    assert page.locator("html").get_attribute("lang") == "nl"
    assert page.locator("h1").inner_text() == heading
    assert page.get_by_role("link", name="Naar de startpagina van de Netwerkagenda").is_visible()
    assert page.get_by_role("navigation", name="Hoofdmenu").is_visible()
    assert serious_violations(page) == [], status


def test_the_404_403_and_405_pages_pass_axe(world, page, login):
    assert_accessible_error_page(page, page.goto("/bestaat-niet/"), 404, "Pagina niet gevonden")
    assert_accessible_error_page(page, page.goto(reverse("logout")), 405, "Handeling niet toegestaan")

    login("reader")
    edit = reverse("opgaven:chapter_edit", args=[world.edition.slug, world.chapter.slug])
    assert_accessible_error_page(page, page.goto(edit), 403, "Geen toegang")


@pytest.mark.parametrize("status, heading", [(400, "Ongeldig verzoek"), (500, "Er ging iets mis")])
def test_the_400_and_500_pages_pass_axe(db, page, status, heading):
    # A browser cannot send a wrong Host or break the database on demand: serve the page the
    # portal renders for it, with the portal's own styles and scripts around it.
    if status == 500:
        body = views.server_error(None).content
    else:
        body = Client().get("/", HTTP_HOST="niet-toegestaan.example").content
    page.route("**/fout/", lambda route: route.fulfill(status=status, body=body, content_type="text/html"))

    assert_accessible_error_page(page, page.goto("/fout/"), status, heading)
