import io

import pytest
from django.core.management import CommandError, call_command

from governance.models import Person
from tests import factories as f
from tests.governance.spreadsheets import csv_bytes, xlsx_bytes


def write(tmp_path, name, data):
    path = tmp_path / name
    path.write_bytes(data)
    return str(path)


def test_dry_run_prints_the_preview_and_saves_nothing(kb, tmp_path):
    path = write(tmp_path, "lijst.xlsx", xlsx_bytes([["Naam", "Organisatie"], ["Anja", "KB"]]))
    out = io.StringIO()

    call_command("import_participants", path, "--dry-run", stdout=out)

    assert "1 rijen: 1 nieuw, 0 gewijzigd, 0 ongewijzigd, 0 ongeldig." in out.getvalue()
    assert "+ Anja (KB)" in out.getvalue()
    assert not Person.objects.exists()


def test_an_invalid_row_exits_non_zero_and_saves_nothing(kb, tmp_path):
    path = write(tmp_path, "lijst.csv", csv_bytes([["Naam", "E-mail"], ["A", "a@example.org"], ["B", "b@"]]))
    out = io.StringIO()

    with pytest.raises(CommandError, match="niets opgeslagen"):
        call_command("import_participants", path, stdout=out)

    assert "Rij 3, kolom E-mail: ‘b@’ is geen geldig e-mailadres." in out.getvalue()
    assert not Person.objects.exists()


def test_it_imports_and_adds_people_to_the_newest_edition(kb, tmp_path):
    f.EditionFactory(slug="2018-2020", start_year=2018, end_year=2020)
    newest = f.EditionFactory(slug="2021-2023", start_year=2021, end_year=2023)
    path = write(tmp_path, "lijst.csv", csv_bytes([["Naam", "Organisatie"], ["A", "KB en Nieuw Fonds"]]))

    call_command("import_participants", path, "--create-organisations", stdout=io.StringIO())

    assert list(newest.participants.values_list("name", flat=True)) == ["A"]
    assert Person.objects.get().organisations.count() == 2


def test_a_missing_or_broken_file_is_a_clear_error(db, tmp_path):
    with pytest.raises(CommandError, match="niet gevonden"):
        call_command("import_participants", str(tmp_path / "weg.csv"))
    with pytest.raises(CommandError):
        call_command("import_participants", write(tmp_path, "x.xlsx", b"geen zip"), stdout=io.StringIO())


def test_export_writes_csv_and_xlsx(kb, tmp_path):
    f.PersonFactory(name="=1+1", organisations=[kb])
    out = io.StringIO()

    call_command("export_participants", "--format", "csv", stdout=out)
    call_command("export_participants", "--format", "xlsx", "--output", str(tmp_path / "d.xlsx"))

    assert out.getvalue().splitlines() == ["Naam,Organisatie,E-mail,Gremia", "'=1+1,Koninklijke Bibliotheek,,"]
    assert (tmp_path / "d.xlsx").read_bytes().startswith(b"PK\x03\x04")
