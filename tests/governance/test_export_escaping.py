import csv
import io

import openpyxl
import pytest

from governance.imports.exports import escape_formula, export_participants
from governance.imports.readers import read_sheet
from tests import factories as f

HOSTILE = ["=HYPERLINK(\"http://evil\",\"klik\")", "+31 6 1234", "-2+3", "@SUM(A1)", "\tTab", "\x00nul", "\rCR"]


@pytest.mark.parametrize("value", HOSTILE)
def test_values_that_start_a_formula_are_escaped(value):
    assert escape_formula(value) == "'" + value


@pytest.mark.parametrize("value", ["Anja", "", "Jan-Willem", "a=b", None, 3])
def test_ordinary_values_are_left_alone(value):
    assert escape_formula(value) == value


@pytest.fixture
def hostile_people(db):
    org = f.OrganisationFactory(name="=cmd|' /C calc'!A0")
    body = f.BodyFactory(name="@Koersgroep")
    for index, name in enumerate(HOSTILE[:4]):
        person = f.PersonFactory(name=name, email=f"p{index}@example.org", organisations=[org])
        f.MembershipFactory(body=body, person=person)
    f.PersonFactory(name="Gewoon Mens", email="-mens@example.org")


def test_the_csv_export_has_no_formulas(hostile_people):
    text = export_participants(file_format="csv").decode("utf-8-sig")

    rows = list(csv.reader(io.StringIO(text)))
    assert rows[0] == ["Naam", "Organisatie", "E-mail", "Gremia"]
    cells = [cell for row in rows[1:] for cell in row if cell]
    assert all(not cell.startswith(("=", "+", "-", "@", "\t", "\r", "\0")) for cell in cells)
    assert ["Gewoon Mens", "", "'-mens@example.org", ""] in rows


def test_the_xlsx_export_has_no_formula_cells(hostile_people):
    workbook = openpyxl.load_workbook(io.BytesIO(export_participants(file_format="xlsx")))

    cells = [cell for row in workbook.active.iter_rows() for cell in row]
    assert [c.value for c in cells[:4]] == ["Naam", "Organisatie", "E-mail", "Gremia"]
    assert not [c.coordinate for c in cells if c.data_type == "f"]
    assert "'=HYPERLINK(\"http://evil\",\"klik\")" in [c.value for c in cells]


def test_an_export_imports_again(db, django_assert_num_queries):
    org = f.OrganisationFactory(name="Bibliotheek Eindhoven")
    for index in range(5):
        f.PersonFactory(name=f"Persoon {index}", email=f"p{index}@example.org", organisations=[org])

    with django_assert_num_queries(4):
        data = export_participants(file_format="xlsx")

    sheet = read_sheet(data, "export.xlsx")
    assert [r.values["name"] for r in sheet.rows] == [f"Persoon {i}" for i in range(5)]
    assert sheet.rows[0].values["organisation"] == "Bibliotheek Eindhoven"
