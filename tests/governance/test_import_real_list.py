"""The real participant list of the Netwerkagenda 2021-2023 (fixtures/, copied from shared/data)."""

from pathlib import Path

import pytest
from django.conf import settings

from governance.imports.services import import_participants
from governance.models import Organisation, Person

FIXTURES = Path(settings.BASE_DIR) / "fixtures"


@pytest.mark.parametrize("name", ["deelnemers-netwerkagenda-2021.xlsx", "deelnemers-netwerkagenda-2021.csv"])
def test_the_real_list_imports_as_127_people_with_their_organisations(organisations, name):
    organisation_count = Organisation.objects.count()

    result = import_participants(file=(FIXTURES / name).read_bytes(), filename=name, dry_run=False)

    assert result.saved, result.errors
    assert Person.objects.count() == 127
    assert Organisation.objects.count() == organisation_count
    assert not Person.objects.filter(organisations=None).exists()
    adriaan = Person.objects.get(name="Adriaan Langendonk")
    assert sorted(o.key for o in adriaan.organisations.all()) == ["kb", "stichting-lezen"]
    anke = Person.objects.get(name="Anke Bruggeman")
    assert anke.organisations.count() == 2


def test_reimporting_the_real_list_changes_nothing(organisations):
    data = (FIXTURES / "deelnemers-netwerkagenda-2021.xlsx").read_bytes()
    import_participants(file=data, filename="lijst.xlsx", dry_run=False)

    result = import_participants(file=data, filename="lijst.xlsx", dry_run=False)

    assert (len(result.plan.new), len(result.plan.changed), len(result.plan.unchanged)) == (0, 0, 127)


def test_without_known_organisations_the_preview_lists_them_and_can_create_them(db):
    data = (FIXTURES / "deelnemers-netwerkagenda-2021.csv").read_bytes()

    preview = import_participants(file=data, filename="lijst.csv")
    result = import_participants(file=data, filename="lijst.csv", dry_run=False, create_organisations=True)

    assert preview.is_valid and preview.missing_organisations
    assert result.saved and Person.objects.count() == 127
    assert Organisation.objects.count() == len(preview.plan.unknown_organisations)
