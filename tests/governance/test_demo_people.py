"""The demo accounts (load_demo_accounts) are marked as demo people and never shown in public:
not on the body pages, the participant page, the organisation pages or in the public API."""

import pytest
from django.core.management import call_command
from django.urls import reverse

from governance.models import Body, Person

pytestmark = pytest.mark.django_db


@pytest.fixture
def agenda(module_agenda, db):
    # Loaded once for the module; what a test changes rolls back with it.
    return module_agenda

DEMO_NAMES = ["Demo Netwerkoverleg", "Demo Schrijver", "Demo Meelezer", "Demo KB-medewerker",
              "Demo SPN-medewerker", "Demo POI-medewerker", "Demo OB-medewerker", "Demo Externe partner",
              "Demo Beheerder"]


@pytest.fixture
def demo(agenda):
    call_command("load_demo_accounts", "--force", verbosity=0)
    return agenda


def public_urls():
    yield reverse("governance:body_list")
    for body in Body.objects.filter(memberships__person__is_demo=True).distinct():
        yield body.get_absolute_url()
    yield reverse("opgaven:participants")
    yield reverse("governance:organisation_list")
    for key in ("vob", "kb", "spn", "rijnbrink", "bibliotheek-eindhoven", "stichting-lezen"):
        yield reverse("governance:organisation_detail", args=[key])
    yield "/api/v1/gremia/"


def test_the_demo_accounts_people_are_marked_and_loading_them_again_keeps_it(demo):
    assert set(Person.objects.filter(is_demo=True).values_list("name", flat=True)) == set(DEMO_NAMES)
    call_command("load_demo_accounts", "--force", verbosity=0)
    assert Person.objects.filter(is_demo=True).count() == len(DEMO_NAMES)
    assert not Person.objects.filter(is_demo=True, editions__isnull=False).exists()


def test_public_pages_never_list_a_demo_account(client, demo):
    pages = list(public_urls())
    assert len(pages) > 10  # the demo people are members of the netwerkoverleg and a koersgroep
    for url in pages:
        response = client.get(url)
        assert response.status_code == 200, url
        html = response.content.decode()
        assert not [name for name in DEMO_NAMES if name in html], url
        assert "Demo " not in html, url


def test_member_counts_leave_the_demo_people_out(client, demo):
    html = client.get(reverse("governance:body_list")).content.decode()
    netwerkoverleg = html[html.index('href="/gremia/netwerkoverleg/"'):]
    assert netwerkoverleg[:netwerkoverleg.index("</li>")].count("4 leden") == 1  # the four named in the sources


def test_staff_pages_still_know_the_demo_people(admin_client, demo):
    """Marked, not hidden from those who manage accounts: the admin lists them as demo."""
    response = admin_client.get(reverse("admin:governance_person_changelist"), {"q": "Demo"})
    assert "Demo Schrijver" in response.content.decode()
