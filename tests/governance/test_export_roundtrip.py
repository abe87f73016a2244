"""The portal's own participant export imports again as "nothing changed"."""

from pathlib import Path

import pytest
from django.conf import settings

from governance.imports.exports import export_participants
from governance.imports.services import import_participants
from tests import factories as f

FIXTURES = Path(settings.BASE_DIR) / "fixtures"
FORMATS = ["csv", "xlsx"]


def reimport(file_format):
    result = import_participants(file=export_participants(file_format=file_format), filename=f"export.{file_format}")
    assert result.is_valid, result.plan.errors
    return result.plan


def assert_nothing_changes(plan, people):
    assert [(entry.name, entry.changes) for entry in plan.changed] == []
    assert (len(plan.new), len(plan.unchanged)) == (0, people)
    assert not plan.unknown_organisations
    assert not (plan.memberships_added or plan.memberships_changed or plan.memberships_removed)


@pytest.mark.parametrize("file_format", FORMATS)
def test_the_real_list_exported_imports_as_nothing_changed(organisations, file_format):
    data = (FIXTURES / "deelnemers-netwerkagenda-2021.xlsx").read_bytes()
    assert import_participants(file=data, filename="lijst.xlsx", dry_run=False).saved

    assert_nothing_changes(reimport(file_format), people=127)


@pytest.mark.parametrize("file_format", FORMATS)
def test_values_the_export_escaped_import_without_the_quote(db, file_format):
    organisation = f.OrganisationFactory(name="-Bibliotheek Min")
    people = [
        ("-Jan de Vries", "jan@example.org"),
        ("+31 Groep", "groep@example.org"),
        ("=Som Persoon", "som@example.org"),
        ("@Lid Mention", "lid@example.org"),
        ("Gewoon Mens", "-mens@example.org"),
        ("'s-Hertogenbosch Deelnemer", "bosch@example.org"),  # a quote of its own stays
    ]
    for name, email in people:
        f.PersonFactory(name=name, email=email, organisations=[organisation])

    assert_nothing_changes(reimport(file_format), people=len(people))
