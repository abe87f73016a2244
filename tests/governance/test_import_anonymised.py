"""An import never brings back someone who was anonymised at their request, unless asked."""

import io

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.core.management import call_command
from django.urls import reverse

from governance import services
from governance.imports.services import import_participants
from governance.models import ERASED_NAME, Person
from tests import factories as f
from tests.governance.spreadsheets import csv_bytes

pytestmark = pytest.mark.django_db

NAME, EMAIL = "Wendelien van Oordt", "wendelien@bieb.example.nl"


@pytest.fixture
def anonymised(kb):
    person = f.PersonFactory(name=NAME, email=EMAIL, organisations=[kb])
    services.anonymise_person(person=person)
    return person


def rows(*extra):
    return csv_bytes([["Naam", "Organisatie", "E-mail"], [NAME, "KB", EMAIL], ["Nieuwe Collega", "KB", ""], *extra])


def test_their_row_is_skipped_and_counted(anonymised):
    result = import_participants(file=rows(), filename="lijst.csv", dry_run=False)

    assert result.saved
    assert result.plan.skipped_anonymised == [2]
    assert [e.name for e in result.plan.new] == ["Nieuwe Collega"]
    assert not Person.objects.filter(name=NAME).exists()
    assert Person.objects.get(pk=anonymised.pk).name == ERASED_NAME


@pytest.mark.parametrize("row", [[NAME.upper(), "KB", ""], ["W. van Oordt", "KB", EMAIL.upper()]])
def test_the_name_or_the_address_alone_is_enough(anonymised, row):
    result = import_participants(file=csv_bytes([["Naam", "Organisatie", "E-mail"], row]), filename="l.csv",
                                 dry_run=False)

    assert result.plan.skipped_anonymised == [2]
    assert Person.objects.count() == 1


def test_asked_explicitly_they_come_back_as_a_new_person(anonymised):
    result = import_participants(file=rows(), filename="lijst.csv", dry_run=False, include_anonymised=True)

    assert result.plan.skipped_anonymised == []
    returned = Person.objects.get(name=NAME)
    assert returned.pk != anonymised.pk and returned.email == EMAIL


def test_the_tombstone_is_matched_by_nobody(anonymised):
    result = import_participants(file=csv_bytes([["Naam", "Organisatie"], [ERASED_NAME, "KB"]]), filename="l.csv",
                                 dry_run=True)

    assert len(result.plan.new) == 1  # a new person of that name, not the anonymised one


def test_the_export_leaves_them_out(anonymised, kb):
    from governance.imports.exports import export_participants

    f.PersonFactory(name="Iemand Anders", organisations=[kb])

    text = export_participants(file_format="csv").decode("utf-8-sig")

    assert "Iemand Anders" in text and ERASED_NAME not in text


def test_the_command_skips_them_unless_asked(anonymised, tmp_path):
    path = tmp_path / "lijst.csv"
    path.write_bytes(rows())
    out = io.StringIO()

    call_command("import_participants", str(path), "--no-edition", stdout=out)
    assert "Overgeslagen, op hun verzoek geanonimiseerd (AVG): rij 2." in out.getvalue()
    assert not Person.objects.filter(name=NAME).exists()

    call_command("import_participants", str(path), "--no-edition", "--include-anonymised", stdout=io.StringIO())
    assert Person.objects.filter(name=NAME).exists()


def test_the_upload_page_skips_them_unless_the_box_is_ticked(anonymised, client_for):
    client = client_for("admin")
    url = reverse("governance:participant_import")

    preview = client.post(url, {"file": SimpleUploadedFile("lijst.csv", rows())}, follow=True)
    assert "1 rij overgeslagen (rij 2)" in preview.content.decode()
    client.post(preview.redirect_chain[-1][0], {})
    assert not Person.objects.filter(name=NAME).exists()

    preview = client.post(url, {"file": SimpleUploadedFile("lijst.csv", rows()), "include_anonymised": "on"},
                          follow=True)
    assert "overgeslagen" not in preview.content.decode()
    client.post(preview.redirect_chain[-1][0], {})
    assert Person.objects.filter(name=NAME).exists()
