"""Restoring a backup made before an erasure anonymises that person again."""

import json
from pathlib import Path

import pytest
from django.core.management import call_command

from governance.models import ERASED_NAME, Erasure, Person
from netwerkagenda.privacy.erasure import erase_person
from netwerkagenda.privacy.journal import journal_path
from tests.privacy.conftest import EMAIL, NAME, NEEDLES, tables_mentioning

pytestmark = pytest.mark.django_db(transaction=True)


@pytest.fixture
def storage_dirs(settings, tmp_path):
    settings.MEDIA_ROOT = str(tmp_path / "media")
    settings.BACKUP_DIR = str(tmp_path / "backups")
    Path(settings.MEDIA_ROOT).mkdir()


@pytest.mark.usefixtures("storage_dirs")
def test_a_restore_of_an_older_backup_anonymises_them_again(participant, world, tmp_path):
    backup = tmp_path / "voor.tar"
    call_command("backup", "--out", str(backup), verbosity=0)
    erase_person(person=participant.person, by=world["admin"])

    line = json.loads(journal_path().read_text().splitlines()[0])
    assert line["person"] == participant.person.pk
    assert NAME not in journal_path().read_text() and EMAIL not in journal_path().read_text()

    call_command("restore", str(backup), "--noinput", verbosity=0)

    person = Person.objects.get(pk=participant.person.pk)
    assert person.name == ERASED_NAME
    assert Erasure.objects.filter(person=person).exists()
    assert tables_mentioning(NEEDLES) == {}
