"""Inzage: everything the portal holds about a person, as a page and as JSON, for administrators."""

import json

import pytest
from django.urls import reverse

from tests.privacy.conftest import EMAIL, NAME, USERNAME

pytestmark = pytest.mark.django_db


def sections(data):
    return {section["titel"]: section["rijen"] for section in data["onderdelen"]}


def test_the_json_holds_their_record_account_memberships_writing_and_sign_ins(participant, client_for, world):
    response = client_for("admin").get(reverse("privacy:person_inzage_json", args=[participant.person.pk]))

    assert response["Content-Type"].startswith("application/json")
    assert "attachment" in response["Content-Disposition"]
    data = json.loads(response.content)
    found = sections(data)
    assert found["Persoon"][0]["naam"] == NAME and found["Persoon"][0]["e-mail"] == EMAIL
    assert found["Persoon"][0]["organisaties"] == "Rijnbrink"
    assert found["Account"][0]["gebruikersnaam"] == USERNAME
    assert "wachtwoord" not in found["Account"][0]
    text = json.dumps(data, ensure_ascii=False)
    for expected in ["Koersgroep A", "Mijn commentaar: de ambitie mag scherper.", "de pilot loopt",
                     "192.0.2.7", "Spelling van", "Koersgroep"]:
        assert expected in text
    assert any(row["soort"] == "ambitie" for row in found["Wijzigingen die u maakte"])
    assert found["Aanmeldingen"] and found["Mislukte aanmeldingen"]
    assert len(found["Geschiedenis van uw gegevens"]) >= 2
    assert found["Beheerlog over u"]
    assert data["geanonimiseerd"] is False


def test_the_page_shows_the_same_sections_readably(participant, client_for):
    client = client_for("admin")
    data = json.loads(client.get(reverse("privacy:person_inzage_json", args=[participant.person.pk])).content)

    page = client.get(reverse("privacy:person_inzage", args=[participant.person.pk]))

    html = page.content.decode()
    assert page.status_code == 200
    assert NAME in html and "Mijn commentaar" in html
    for section in data["onderdelen"]:
        assert section["titel"] in html


def test_mentions_in_agenda_text_are_listed_but_not_shown(participant, client_for, world):
    from tests import factories as f

    f.SectionFactory(chapter=world.chapter, title="Context", body=f"Met dank aan {NAME} voor haar inzet.")

    data = json.loads(client_for("admin").get(
        reverse("privacy:person_inzage_json", args=[participant.person.pk])).content)

    mentions = sections(data)["Vermeldingen in teksten"]
    assert any({"soort": "paragraaf", "veld": "tekst"}.items() <= mention.items() for mention in mentions)


@pytest.mark.parametrize("persona", ["writer", "netwerkoverleg", "kb_staff"])
def test_only_administrators_see_it(participant, client_for, persona):
    client = client_for(persona)
    for name in ("privacy:person_inzage", "privacy:person_inzage_json", "privacy:person_anonymise"):
        assert client.get(reverse(name, args=[participant.person.pk])).status_code == 403


def test_staff_without_the_right_to_view_people_get_no_inzage(participant, client_for, world):
    from tests import factories as f

    staff = f.UserFactory(username="medewerker", is_staff=True)
    client = client_for("anonymous")
    client.force_login(staff)

    assert client.get(reverse("privacy:person_inzage", args=[participant.person.pk])).status_code == 403


def test_the_person_admin_links_to_inzage_and_anonymising(participant, client_for):
    page = client_for("admin").get(reverse("admin:governance_person_change", args=[participant.person.pk]))

    html = page.content.decode()
    assert reverse("privacy:person_inzage", args=[participant.person.pk]) in html
    assert reverse("privacy:person_anonymise", args=[participant.person.pk]) in html
