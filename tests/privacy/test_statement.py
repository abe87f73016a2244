"""The privacy statement: linked from every page, with the terms the portal is configured with."""

import pytest
from django.urls import reverse

pytestmark = pytest.mark.django_db


def test_every_page_links_to_it(client):
    home = client.get(reverse("opgaven:home"))
    assert f'href="{reverse("privacy:statement")}"' in home.content.decode()


def test_it_states_the_configured_terms(client, settings):
    settings.SIGNIN_LOG_RETENTION_DAYS = 123
    settings.AUDIT_LOG_RETENTION_DAYS = 456
    settings.BACKUP_KEEP_MONTHLY = 9

    page = client.get(reverse("privacy:statement")).content.decode()

    assert "123 dagen" in page and "456 dagen" in page and "9 maandelijkse" in page
    for kind in ("Naam, e-mailadres en organisatie", "Aanmeldingen", "Beheerlog", "Back-ups", "verwijderde deelnemer"):
        assert kind in page
