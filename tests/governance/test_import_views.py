import pytest
from django.contrib.auth.models import Permission
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse

from governance.models import Organisation, OrganisationType, Person
from tests import factories as f
from tests.governance.spreadsheets import csv_bytes, xlsx_bytes

IMPORT_URL = reverse("governance:participant_import")


def upload(client, data, name="lijst.csv", **extra):
    return client.post(IMPORT_URL, {"file": SimpleUploadedFile(name, data), **extra})


@pytest.mark.parametrize(("persona", "status"), [
    ("anonymous", 302), ("ob_staff", 403), ("kb_staff", 403), ("writer", 403), ("netwerkoverleg", 403), ("admin", 200),
])
def test_only_administrators_may_import(client_for, persona, status):
    assert client_for(persona).get(IMPORT_URL).status_code == status


@pytest.mark.parametrize(("persona", "status"), [("anonymous", 302), ("kb_staff", 403), ("admin", 200)])
@pytest.mark.parametrize("fmt", ["csv", "xlsx"])
def test_only_staff_may_export(client_for, persona, status, fmt):
    response = client_for(persona).get(reverse("governance:participant_export", args=[fmt]))

    assert response.status_code == status


def test_staff_without_the_add_person_permission_may_not_import(client, world):
    staff = f.UserFactory(username="medewerker", is_staff=True)
    client.force_login(staff)
    assert client.get(IMPORT_URL).status_code == 403

    staff.user_permissions.add(Permission.objects.get(codename="add_person"))
    assert client.get(IMPORT_URL).status_code == 200


def test_upload_preview_confirm(client_for, world, django_capture_on_commit_callbacks):
    client = client_for("admin")
    data = csv_bytes([["Naam", "Organisatie", "E-mail"], ["Nieuw Mens", "KB en Fonds X", "nieuw@example.org"],
                      ["kb", "KB", ""]])

    response = upload(client, data, edition=world.edition.pk)
    preview_url = response["Location"]
    page = client.get(preview_url)

    assert response.status_code == 302
    assert "Fonds X" in page.text and "Nieuw Mens" in page.text
    assert not Person.objects.filter(name="Nieuw Mens").exists()
    response = client.post(preview_url, {"type_0": OrganisationType.EXTERNAL})
    assert response.status_code == 302
    assert Organisation.objects.get(name="Fonds X").type == OrganisationType.EXTERNAL
    person = Person.objects.get(name="Nieuw Mens")
    assert person in world.edition.participants.all()
    assert person.history.get().history_user == world["admin"]
    assert client.get(preview_url).status_code == 404


def test_an_invalid_file_cannot_be_confirmed(client_for, world):
    client = client_for("admin")
    preview_url = upload(client, csv_bytes([["Naam", "E-mail"], ["A", "a@"]]))["Location"]

    page = client.get(preview_url)
    response = client.post(preview_url, {})

    assert "Rij 2, kolom E-mail: ‘a@’ is geen geldig e-mailadres." in page.text
    assert "Importeren bevestigen" not in page.text
    assert response.status_code == 200
    assert not Person.objects.filter(name="A").exists()


def test_a_tampered_organisation_type_is_refused(client_for, world):
    client = client_for("admin")
    preview_url = upload(client, csv_bytes([["Naam", "Organisatie"], ["A", "Fonds X"]]))["Location"]

    response = client.post(preview_url, {"type_0": "HACKER"})

    assert response.status_code == 200
    assert not Organisation.objects.filter(name="Fonds X").exists()


@pytest.mark.parametrize(("data", "name"), [
    (b"\x00\x01binary", "lijst.csv"), (b"not a zip", "lijst.xlsx"), (b"PK\x03\x04xx", "lijst.ods"),
    (b"Naam\n", "lijst.exe"), (b"", "lijst.csv"),
])
def test_a_bad_upload_shows_a_dutch_error_not_a_500(client_for, world, data, name):
    response = upload(client_for("admin"), data, name)

    assert response.status_code == 200
    assert 'class="errorlist"' in response.text


def test_a_preview_of_another_session_is_not_found(client_for, world, client):
    preview_url = upload(client_for("admin"), csv_bytes([["Naam"], ["A"]]))["Location"]
    client.logout()
    client.force_login(world["admin"])

    assert client.get(preview_url).status_code == 404
    assert client.get(IMPORT_URL + "onzin/").status_code == 404


@pytest.mark.parametrize("rows", [5, 60])
def test_preview_query_count_does_not_grow_with_the_file(client_for, world, django_assert_num_queries, rows):
    body = f.BodyFactory(name="Koersgroep Z")
    for index in range(rows):
        f.PersonFactory(name=f"Bestaand {index}", email=f"b{index}@example.org", organisations=[world.kb])
    data = xlsx_bytes([["Naam", "Organisatie", "E-mail", "Rol", "Koersgroep"]]
                      + [[f"Persoon {i}", "KB", f"p{i}@example.org", "lid", body.name] for i in range(rows)]
                      + [[f"Bestaand {i}", "KB", f"b{i}@example.org", "", ""] for i in range(rows)])
    client = client_for("admin")
    preview_url = upload(client, data, "lijst.xlsx", edition=world.edition.pk)["Location"]

    # The file was read and planned at the upload: the preview reads the stored plan.
    with django_assert_num_queries(8):
        page = client.get(preview_url)
    assert page.status_code == 200

    # One more than the writes: looking up the accounts whose grants to re-derive (none here);
    # and one for the audit log's entry.
    with django_assert_num_queries(23):
        response = client.post(preview_url, {})
    assert response.status_code == 302, response.context["result"].errors
    assert Person.objects.filter(name__startswith="Persoon").count() == rows


def test_the_person_admin_links_to_the_import_and_exports(client_for, world):
    client = client_for("admin")

    page = client.get(reverse("admin:governance_person_changelist"))

    assert IMPORT_URL in page.text
    assert client.get(reverse("admin:governance_person_export")).status_code == 200
