"""Malformed and hostile files: the import never crashes, never saves part of a file, and
every row error names its row."""

import re
from contextlib import contextmanager

import pytest
from django.db import transaction
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from openpyxl.cell.cell import ILLEGAL_CHARACTERS_RE

from governance.imports.services import import_participants
from governance.models import Membership, Organisation, OrganisationType, Person
from tests import factories as f
from tests.governance.spreadsheets import csv_bytes, make, xlsx_bytes

FAST = settings(max_examples=40, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
HOSTILE_TEXT = st.lists(
    st.sampled_from(list("abcXYZ éëü–;,\"'\n\r\t=+-@&/") + ["KB", " en ", "@example.org", "\x00", "\u202e"]),
    max_size=12,
).map("".join)
HEADERS = st.sampled_from(["Naam", "naam ", "E-mail", "Organisatie", "Rol", "Koersgroep", "Onzin", ""])


@contextmanager
def rolled_back():
    """Each example starts from the same database."""
    with transaction.atomic():
        yield
        transaction.set_rollback(True)


def snapshot():
    return (Person.objects.count(), Organisation.objects.count(), Membership.objects.count(),
            Person.history.count())


@pytest.fixture
def known(db):
    f.OrganisationFactory(key="kb", name="Koninklijke Bibliotheek", short_name="KB", type=OrganisationType.KB)
    f.BodyFactory(name="Koersgroep A")
    f.PersonFactory(name="Bestaand", email="bestaand@example.org")


def check(result, before, row_numbers):
    if not result.saved:
        assert snapshot() == before
    if result.file_error:
        assert isinstance(result.file_error, str) and result.file_error
        return
    for error in result.plan.errors:
        match = re.match(r"Rij (\d+)(, kolom [\w-]+)?: ", str(error))
        assert match, str(error)
        assert int(match.group(1)) in row_numbers
    assert result.saved == (not result.errors)


@FAST
@given(data=st.binary(max_size=400), extension=st.sampled_from(["csv", "xlsx", "ods", "txt"]))
def test_random_bytes_never_crash(known, data, extension):
    before = snapshot()
    with rolled_back():
        result = import_participants(file=data, filename=f"x.{extension}", dry_run=False)
        check(result, before, set())
        assert not result.saved or extension in ("csv", "txt")


@FAST
@given(header=st.lists(HEADERS, min_size=1, max_size=5),
       rows=st.lists(st.lists(HOSTILE_TEXT, max_size=6), max_size=8),
       delimiter=st.sampled_from([",", ";"]))
def test_hostile_csv_rows_are_all_or_nothing(known, header, rows, delimiter):
    before = snapshot()
    with rolled_back():
        result = import_participants(file=csv_bytes([header, *rows], delimiter=delimiter), filename="x.csv",
                                     dry_run=False, create_organisations=True)
        # csv record numbers: a quoted newline keeps a record on one spreadsheet row
        check(result, before, set(range(1, len(rows) + 3)))


@FAST
@given(rows=st.lists(st.tuples(HOSTILE_TEXT, HOSTILE_TEXT, HOSTILE_TEXT, HOSTILE_TEXT), max_size=8))
def test_hostile_xlsx_rows_are_all_or_nothing(known, rows):
    clean = [[ILLEGAL_CHARACTERS_RE.sub("", v) for v in row] for row in rows]
    before = snapshot()
    with rolled_back():
        result = import_participants(file=xlsx_bytes([["Naam", "Organisatie", "E-mail", "Koersgroep"], *clean]),
                                     filename="x.xlsx", dry_run=False)
        check(result, before, set(range(2, len(rows) + 2)))


@pytest.fixture(scope="module")
def valid_files():
    rows = [["Naam", "Organisatie", "E-mail"], ["A", "KB", "a@example.org"], ["B", "KB en Fonds", ""]]
    return {fmt: make(rows, fmt) for fmt in ["xlsx", "ods", "csv-cp1252"]}


@FAST
@given(
    fmt=st.sampled_from(["xlsx", "ods", "csv-cp1252"]),
    position=st.floats(0, 1),
    junk=st.binary(min_size=1, max_size=8),
)
def test_corrupted_files_never_crash(known, valid_files, fmt, position, junk):
    data, name = valid_files[fmt]
    at = int(position * (len(data) - 1))
    corrupted = data[:at] + junk + data[at + len(junk):]
    before = snapshot()
    with rolled_back():
        result = import_participants(file=corrupted, filename=name, dry_run=False, create_organisations=True)
        # Junk with a line break adds a row to a CSV, as it would in any spreadsheet program.
        extra = corrupted.count(b"\n") + corrupted.count(b"\r") if fmt.startswith("csv") else 0
        check(result, before, set(range(2, 4 + extra)))
