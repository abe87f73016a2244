import pytest

from governance.models import Organisation, OrganisationType, Person
from tests import factories as f
from tests.browser.conftest import serious_violations
from tests.governance.spreadsheets import csv_bytes

pytestmark = pytest.mark.django_db(transaction=True)


def test_an_administrator_uploads_previews_and_confirms_by_keyboard(page, login, tmp_path):
    f.EditionFactory()
    f.OrganisationFactory(key="kb", name="Koninklijke Bibliotheek", short_name="KB", type=OrganisationType.KB)
    f.PersonFactory(name="Oud Naam", email="oud@example.org")
    f.UserFactory(username="beheerder", is_staff=True, is_superuser=True)
    path = tmp_path / "deelnemers.csv"
    path.write_bytes(csv_bytes([["Naam", "Organisatie", "E-mail"], ["Nieuw Mens", "KB en Fonds X", ""],
                                ["Nieuwe Naam", "KB", "oud@example.org"]], delimiter=";"))
    login("beheerder")

    page.goto("/deelnemers/importeren/")
    assert page.locator("h1").inner_text() == "Deelnemers importeren"
    assert serious_violations(page) == []
    page.get_by_label("Bestand").set_input_files(str(path))
    page.get_by_role("button", name="Voorbeeld bekijken").click()
    page.wait_for_load_state()

    assert page.locator("h1").inner_text() == "Voorbeeld van de import"
    assert page.get_by_role("heading", name="Nieuw (1)").is_visible()
    assert page.get_by_role("heading", name="Gewijzigd (1)").is_visible()
    assert serious_violations(page) == []
    page.get_by_label("Fonds X").select_option(OrganisationType.EXTERNAL)
    page.get_by_role("button", name="Importeren bevestigen").focus()
    page.keyboard.press("Enter")
    page.wait_for_load_state()

    assert "is geïmporteerd: 1 nieuw, 1 gewijzigd" in page.locator(".messages").inner_text()
    assert Person.objects.filter(name__in=["Nieuw Mens", "Nieuwe Naam"]).count() == 2
    assert Organisation.objects.get(name="Fonds X").type == OrganisationType.EXTERNAL


def test_a_broken_file_shows_the_error_next_to_the_field(page, login, tmp_path):
    f.UserFactory(username="beheerder", is_staff=True, is_superuser=True)
    path = tmp_path / "deelnemers.xlsx"
    path.write_bytes(b"dit is geen spreadsheet")
    login("beheerder")

    page.goto("/deelnemers/importeren/")
    page.get_by_label("Bestand").set_input_files(str(path))
    page.get_by_role("button", name="Voorbeeld bekijken").click()
    page.wait_for_load_state()

    assert "Dit is geen geldig XLSX-bestand." in page.locator(".errorlist").inner_text()
    assert page.get_by_label("Bestand").get_attribute("aria-invalid") == "true"
    assert serious_violations(page) == []
