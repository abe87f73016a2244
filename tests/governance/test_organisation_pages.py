"""The public pages of organisations and bodies: what they carry, and their people a page at a
time. Which actions are established is read from the frozen content (jaarprogramma.pages)."""

import pytest
from django.urls import reverse

from governance.views.public import PEOPLE_PER_PAGE
from tests import factories as f

pytestmark = pytest.mark.django_db


@pytest.fixture
def carried(world):
    """Two established actions (KB and a body carry one, KB and the POI the other) and one the
    draft added after the establishment."""
    programme = f.JaarprogrammaFactory(chapter=world.chapter, year=2022)
    body = world.chapter.koersgroepen.first()
    first = f.ActionFactory(jaarprogramma=programme, number="1", title="Vastgestelde actie één")
    f.ActionCarrierFactory(action=first, organisation=world.kb)
    f.ActionCarrierFactory(action=first, organisation=None, body=body)
    second = f.ActionFactory(jaarprogramma=programme, number="2", title="Vastgestelde actie twee")
    f.ActionCarrierFactory(action=second, organisation=world.kb)
    f.ActionCarrierFactory(action=second, organisation=world.poi)
    f.establish(world.chapter)
    draft = f.ActionFactory(jaarprogramma=programme, number="3", title="Conceptactie")
    f.ActionCarrierFactory(action=draft, organisation=world.kb)
    f.ActionCarrierFactory(action=draft, organisation=None, body=body)
    return body


def test_the_organisation_list_counts_the_established_actions_each_carries(world, carried, client):
    response = client.get(reverse("governance:organisation_list"))
    counts = {org.key: org.action_count for _value, _label, members in response.context["groups"]
              for org in members}
    assert counts[world.kb.key] == 2 and counts[world.poi.key] == 1


def test_a_body_page_lists_the_established_actions_it_carries_with_its_own_part(carried, client):
    response = client.get(reverse("governance:body_detail", args=[carried.slug]))
    actions = response.context["carried_actions"]
    assert [action.title for action in actions] == ["Vastgestelde actie één"]
    assert [part.body_id for part in actions[0].own_parts] == [carried.pk]
    assert "Conceptactie" not in response.content.decode()


def test_the_organisation_page_names_its_people_a_page_at_a_time(world, client):
    large = f.OrganisationFactory(key="grote-organisatie", name="Grote organisatie")
    for i in range(PEOPLE_PER_PAGE + 3):
        f.PersonFactory(name=f"Medewerker {i:03d}", organisations=[large])
    url = reverse("governance:organisation_detail", args=[large.key])
    first = client.get(url).content.decode()
    assert "Medewerker 000" in first and f"Medewerker {PEOPLE_PER_PAGE:03d}" not in first
    assert f"({PEOPLE_PER_PAGE + 3})" in first and "pagina=2" in first
    second = client.get(url, {"pagina": 2, "jaar": "alle"}).content.decode()
    assert f"Medewerker {PEOPLE_PER_PAGE + 2:03d}" in second and "Medewerker 000" not in second
    assert "?pagina=1&amp;jaar=alle" in second  # the year chosen travels with the page links
