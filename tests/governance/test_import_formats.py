import io
import zipfile

import openpyxl
import pytest

from governance.imports.readers import read_sheet
from governance.imports.services import import_participants
from governance.models import OrganisationType, Person
from tests import factories as f
from tests.governance.spreadsheets import FORMATS, make, xlsx_bytes

ROWS = [
    ["  naam ", "ORGANISATIE", " E-mail", "Opmerking"],
    ["Adriaan Langendonk", "KB en Stichting Lezen", "adriaan@example.org", "x"],
    [],
    ["Renée Dubois", "Bibliotheek Eindhoven", "", ""],
    ["", "", "", ""],
    ["Zoë de Vries", "kb", "ZOE@example.org", ""],
]


@pytest.fixture
def orgs(db):
    return {
        "kb": f.OrganisationFactory(
            key="kb", name="Koninklijke Bibliotheek", short_name="KB", type=OrganisationType.KB
        ),
        "lezen": f.OrganisationFactory(key="stichting-lezen", name="Stichting Lezen", type=OrganisationType.EXTERNAL),
        "eindhoven": f.OrganisationFactory(key="eindhoven", name="Bibliotheek Eindhoven"),
    }


@pytest.mark.parametrize("fmt", FORMATS)
def test_it_imports_every_format_with_messy_headers_and_blank_rows(orgs, fmt):
    data, filename = make(ROWS, fmt)

    result = import_participants(file=data, filename=filename, dry_run=False)

    assert result.saved, result.errors
    people = {p.name: p for p in Person.objects.prefetch_related("organisations")}
    assert set(people) == {"Adriaan Langendonk", "Renée Dubois", "Zoë de Vries"}
    assert {o.key for o in people["Adriaan Langendonk"].organisations.all()} == {"kb", "stichting-lezen"}
    assert people["Zoë de Vries"].email == "ZOE@example.org"
    assert [e.rows for e in result.plan.new] == [[2], [4], [6]]


@pytest.mark.parametrize("header", ["Name", "NAAM", " naam  ", "Naam\u00a0"])
@pytest.mark.parametrize("org_header", ["Organisation", "organisatie", "Instelling"])
def test_it_maps_dutch_and_english_headers(db, header, org_header):
    sheet = read_sheet(make([[header, org_header, "Mail", "Rol", "Groep"], ["A", "B", "", "", ""]], "csv")[0], "x.csv")

    assert sheet.columns == ["name", "organisation", "email", "role", "body"]
    assert sheet.rows[0].values["organisation"] == "B"


@pytest.mark.parametrize("header", ["Koersgroep", "Groep", "Gremium"])
def test_it_knows_every_body_header(db, header):
    sheet = read_sheet(make([["Naam", header], ["A", "B"]], "csv")[0], "x.csv")

    assert sheet.columns == ["name", "body"]


def test_it_reads_windows_1252_accents(db):
    data, _name = make([["Naam"], ["Renée Müller–Smit"]], "csv-cp1252")

    assert read_sheet(data, "x.csv").rows[0].values["name"] == "Renée Müller–Smit"


def test_it_picks_the_semicolon_when_names_contain_commas(db):
    data = b"Naam;Organisatie\n\"Vries, Jan de\";KB, SPN\n"

    sheet = read_sheet(data, "x.csv")

    assert sheet.rows[0].values == {"name": "Vries, Jan de", "organisation": "KB, SPN"}


def test_row_numbers_are_the_spreadsheet_rows(db):
    data = xlsx_bytes([[], ["Naam", "E-mail"], [], ["A", "fout@"]])

    result = import_participants(file=data, filename="x.xlsx")

    assert [str(e) for e in result.plan.errors] == ["Rij 4, kolom E-mail: ‘fout@’ is geen geldig e-mailadres."]


@pytest.mark.parametrize(("data", "filename", "message"), [
    (b"Naam\nA\n", "lijst.xlsx", "geen geldig XLSX-bestand"),
    (b"PK\x03\x04 rommel", "lijst.xlsx", "geen geldig XLSX-bestand"),
    (b"\x00\x01\x02\x03binary\x00", "lijst.csv", "geen leesbare tekst"),
    (b"", "lijst.csv", "leeg"),
    (b"Naam\nA\n", "lijst.pdf", "XLSX, ODS of CSV"),
    (b"Organisatie\nKB\n", "lijst.csv", "‘Naam’ ontbreekt"),
    (b"Naam,naam\nA,B\n", "lijst.csv", "twee keer"),
])
def test_it_rejects_a_file_that_is_not_what_its_name_says(db, data, filename, message):
    result = import_participants(file=data, filename=filename)

    assert message in result.file_error
    assert not result.saved


def test_it_recognises_an_ods_named_xlsx_and_the_other_way_round(db):
    ods, _ = make([["Naam"], ["A"]], "ods")
    xlsx, _ = make([["Naam"], ["A"]], "xlsx")

    assert "lijkt een ODS" in import_participants(file=ods, filename="x.xlsx").file_error
    assert "lijkt een XLSX" in import_participants(file=xlsx, filename="x.ods").file_error


def test_it_rejects_a_csv_that_is_really_a_spreadsheet(db):
    xlsx, _ = make([["Naam"], ["A"]], "xlsx")

    assert "geen CSV-bestand" in import_participants(file=xlsx, filename="x.csv").file_error


def test_openpyxl_parses_with_defusedxml():
    assert openpyxl.DEFUSEDXML is True


def _with_member(data: bytes, member: str, content: bytes) -> bytes:
    source = zipfile.ZipFile(io.BytesIO(data))
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w") as target:
        for info in source.infolist():
            target.writestr(info, content if info.filename == member else source.read(info))
    return out.getvalue()


BOMB = b"""<?xml version="1.0"?>
<!DOCTYPE lolz [<!ENTITY lol "lol"><!ENTITY lol2 "&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;">
<!ENTITY lol3 "&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;">]>
<worksheet xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main"><sheetData>
<row r="1"><c r="A1" t="inlineStr"><is><t>&lol3;</t></is></c></row></sheetData></worksheet>"""


def test_an_xml_bomb_in_an_xlsx_is_refused(db):
    data = _with_member(xlsx_bytes([["Naam"], ["A"]]), "xl/worksheets/sheet1.xml", BOMB)

    result = import_participants(file=data, filename="bom.xlsx")

    assert "beschadigd" in result.file_error


def test_an_xml_bomb_in_an_ods_is_refused(db):
    ods, _ = make([["Naam"], ["A"]], "ods")
    data = _with_member(ods, "content.xml", BOMB.replace(b"worksheet", b"office:document-content"))

    assert "beschadigd" in import_participants(file=ods and data, filename="bom.ods").file_error


def test_a_zip_bomb_is_refused(db, settings):
    data = _with_member(xlsx_bytes([["Naam"], ["A"]]), "xl/worksheets/sheet1.xml", b" " * (61 * 2**20))

    assert "uitgepakt te groot" in import_participants(file=data, filename="x.xlsx").file_error


def test_it_limits_size_and_rows(db, monkeypatch):
    from governance.imports import readers

    monkeypatch.setattr(readers, "MAX_ROWS", 3)
    data, _ = make([["Naam"], *[[f"P{i}"] for i in range(4)]], "csv")

    assert "meer dan 3 rijen" in import_participants(file=data, filename="x.csv").file_error
    assert "groter dan 5 MB" in import_participants(file=b"a" * (5 * 2**20 + 1), filename="x.csv").file_error


def test_an_ods_padded_with_empty_rows_is_fine(db):
    from governance.imports import readers

    sheet = readers.read_sheet(make([["Naam"], ["A"], [""] * 3, ["B"]], "ods")[0], "x.ods")

    assert [r.values["name"] for r in sheet.rows] == ["A", "B"]
