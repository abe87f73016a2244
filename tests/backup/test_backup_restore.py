"""Backup, wipe, restore: the same data in every table and the same stored files.

Runs on the configured database: SQLite by default, PostgreSQL in CI (the `postgres` tests
below fail there when it is missing)."""

import io
import json
import tarfile
from pathlib import Path

import pytest
from django.conf import settings
from django.core.management import CommandError, call_command
from django.db import connection

from audit.models import AuditEntry, Kind
from governance.models import Person
from netwerkagenda.backup import BackupError
from netwerkagenda.backup.archive import BackupFile
from netwerkagenda.backup.manifest import portal_version
from netwerkagenda.backup.restore import restore_backup
from opgaven.models import Ambition
from tests.backup.conftest import snapshot, stored_files

pytestmark = pytest.mark.django_db(transaction=True)


def wipe():
    call_command("flush", interactive=False, verbosity=0)
    for path in Path(settings.MEDIA_ROOT).rglob("*"):
        if path.is_file():
            path.unlink()
    (Path(settings.MEDIA_ROOT) / "nieuw.txt").write_text("na de back-up gemaakt")


def backup_restore_wipe(tmp_path):
    before, files_before = snapshot(), stored_files(settings.MEDIA_ROOT)
    out = tmp_path / "portaal.tar"
    call_command("backup", "--out", str(out), verbosity=0)
    wipe()
    assert snapshot() != before
    call_command("restore", str(out), "--noinput", verbosity=0)
    return before, files_before


def test_it_restores_every_table_and_every_stored_file(filled, tmp_path):
    before, files_before = backup_restore_wipe(tmp_path)

    assert snapshot() == before
    assert stored_files(settings.MEDIA_ROOT) == files_before
    assert "nieuw.txt" not in files_before
    assert AuditEntry.objects.filter(kind=Kind.SIGNIN_FAILED, ip_address="192.0.2.1").exists()  # the audit log too


@pytest.mark.usefixtures("postgres")
def test_it_restores_every_table_and_every_stored_file_on_postgresql(filled, tmp_path):
    before, files_before = backup_restore_wipe(tmp_path)

    assert snapshot() == before
    assert stored_files(settings.MEDIA_ROOT) == files_before
    # The sequences came back too: the next row gets a new id.
    ambition = Ambition.objects.create(chapter=filled.chapter, number=99, text="Na het herstel.")
    assert ambition.pk > max(Ambition.objects.exclude(pk=ambition.pk).values_list("pk", flat=True))
    assert Ambition.history.filter(id=ambition.pk).exists()


def test_the_backup_holds_a_manifest_with_version_migrations_time_and_checksums(filled, tmp_path):
    out = tmp_path / "portaal.tar"
    call_command("backup", "--out", str(out), verbosity=0)

    with tarfile.open(out) as tar:
        manifest = json.loads(tar.extractfile("manifest.json").read())
        names = tar.getnames()
    assert manifest["portal_version"] == portal_version()
    assert manifest["database_vendor"] == connection.vendor
    assert "0001_initial" in manifest["migrations"]["governance"]
    assert manifest["created_at"]
    assert manifest["database"]["name"] in names and len(manifest["database"]["sha256"]) == 64
    assert {item["name"] for item in manifest["files"]} == {"media/" + p for p in stored_files(settings.MEDIA_ROOT)}


def test_a_scheduled_backup_goes_into_backup_dir(filled):
    from netwerkagenda.backup.services import scheduled_backup

    result = scheduled_backup()

    assert result.path.parent == Path(settings.BACKUP_DIR)
    assert result.path.name.startswith("netwerkagenda-") and result.path.suffix == ".tar"
    assert BackupFile(result.path).manifest.files


def _rewrite(source, target, change):
    """Copy a backup, letting `change(name, data)` alter members (None: leave one out)."""
    with tarfile.open(source) as old, tarfile.open(target, "w") as new:
        for member in old.getmembers():
            data = change(member.name, old.extractfile(member).read())
            if data is None:
                continue
            member.size = len(data)
            new.addfile(member, io.BytesIO(data))


def _refused(path, message):
    before, files_before = snapshot(), stored_files(settings.MEDIA_ROOT)
    with pytest.raises(CommandError, match=message) as error:
        call_command("restore", str(path), "--noinput", verbosity=0)
    assert "Er is niets hersteld; de huidige gegevens zijn ongewijzigd." in str(error.value)
    assert snapshot() == before
    assert stored_files(settings.MEDIA_ROOT) == files_before
    assert not [p for p in Path(settings.MEDIA_ROOT).iterdir() if p.name.startswith(".")]


@pytest.fixture
def backup_then_change(filled, tmp_path):
    """A backup, and a portal that changed since (so a restore would show)."""
    out = tmp_path / "portaal.tar"
    call_command("backup", "--out", str(out), verbosity=0)
    Person.objects.create(name="Na de back-up")
    (Path(settings.MEDIA_ROOT) / "later.txt").write_text("later")
    return out


def test_a_damaged_database_is_refused_and_nothing_changes(backup_then_change, tmp_path):
    damaged = tmp_path / "beschadigd.tar"

    def flip(name, data):
        if name.startswith("database/"):
            middle = len(data) // 2
            return data[:middle] + bytes([data[middle] ^ 0xFF]) + data[middle + 1:]
        return data

    _rewrite(backup_then_change, damaged, flip)
    _refused(damaged, "beschadigd")


def test_a_damaged_file_is_refused_and_nothing_changes(backup_then_change, tmp_path):
    damaged = tmp_path / "beschadigd.tar"
    _rewrite(backup_then_change, damaged,
             lambda name, data: data.replace(b"Notulen", b"Notulex") if name.startswith("media/") else data)
    _refused(damaged, "controlesom van media/vergaderstukken/2021/notulen.txt klopt niet")


def test_a_missing_file_is_refused(backup_then_change, tmp_path):
    damaged = tmp_path / "onvolledig.tar"
    _rewrite(backup_then_change, damaged, lambda name, data: None if name.endswith("notulen.txt") else data)
    _refused(damaged, "ontbreekt")


def test_a_truncated_file_is_refused(backup_then_change, tmp_path):
    truncated = tmp_path / "afgebroken.tar"
    data = backup_then_change.read_bytes()
    truncated.write_bytes(data[: len(data) // 2])
    _refused(truncated, "beschadigd")


def test_something_else_is_refused(backup_then_change, tmp_path):
    other = tmp_path / "iets.tar"
    other.write_bytes(b"dit is geen back-up")
    _refused(other, "beschadigd")


def _manifest_change(source, target, **changes):
    def change(name, data):
        if name != "manifest.json":
            return data
        manifest = json.loads(data)
        for key, value in changes.items():
            if key == "migrations":
                manifest["migrations"].setdefault("governance", []).append(value)
            else:
                manifest[key] = value
        return json.dumps(manifest).encode()

    _rewrite(source, target, change)


def test_a_backup_of_a_newer_portal_is_refused(backup_then_change, tmp_path):
    newer = tmp_path / "nieuwer.tar"
    _manifest_change(backup_then_change, newer, portal_version="999.0.0")
    _refused(newer, r"nieuwere versie van het portaal \(999\.0\.0\)")


def test_a_backup_with_migrations_this_portal_does_not_know_is_refused(backup_then_change, tmp_path):
    newer = tmp_path / "nieuwer.tar"
    _manifest_change(backup_then_change, newer, migrations="9999_uit_de_toekomst")
    _refused(newer, r"migraties die deze versie niet kent \(governance\.9999_uit_de_toekomst\)")


def test_a_backup_of_another_kind_of_database_is_refused(backup_then_change, tmp_path):
    other = tmp_path / "ander.tar"
    _manifest_change(backup_then_change, other,
                     database_vendor="postgresql" if connection.vendor == "sqlite" else "sqlite")
    _refused(other, "Herstellen kan alleen naar hetzelfde soort database")


def test_check_only_reads_the_backup(backup_then_change):
    before = snapshot()
    call_command("restore", str(backup_then_change), "--check", verbosity=0)
    assert snapshot() == before


def test_a_failed_switch_leaves_the_running_data_and_files(backup_then_change, monkeypatch):
    from netwerkagenda.backup import databases

    engine = databases.for_connection(connection)

    def broken_switch(self, staged, keep_previous=False):
        raise BackupError("de database kon niet worden omgezet")

    monkeypatch.setattr(type(engine), "switch", broken_switch)
    before, files_before = snapshot(), stored_files(settings.MEDIA_ROOT)

    with pytest.raises(BackupError):
        restore_backup(backup_then_change)

    assert snapshot() == before
    assert stored_files(settings.MEDIA_ROOT) == files_before
    assert not [p for p in Path(settings.MEDIA_ROOT).iterdir() if p.name.startswith(".")]


def test_a_failed_migration_leaves_the_running_data(backup_then_change, monkeypatch):
    from netwerkagenda.backup import restore

    def broken_migrate(alias):
        raise RuntimeError("migratie 0042 faalt")

    monkeypatch.setattr(restore, "migrate", broken_migrate)
    before = snapshot()

    with pytest.raises(BackupError, match="De migraties op de herstelde database zijn mislukt"):
        restore_backup(backup_then_change)

    assert snapshot() == before


def test_a_portal_without_stored_files_is_restored_too(world, storage_dirs, tmp_path):
    before = snapshot()
    out = tmp_path / "leeg.tar"
    call_command("backup", "--out", str(out), verbosity=0)
    wipe()

    call_command("restore", str(out), "--noinput", verbosity=0)

    assert snapshot() == before
    assert stored_files(settings.MEDIA_ROOT) == {}


@pytest.mark.usefixtures("postgres")
def test_keep_previous_keeps_the_replaced_database_and_files(backup_then_change):
    import psycopg

    result = restore_backup(backup_then_change, keep_previous=True)

    settings_dict = connection.settings_dict
    params = {"dbname": "postgres", "autocommit": True, "user": settings_dict["USER"],
              "host": settings_dict["HOST"] or "127.0.0.1", "port": settings_dict["PORT"] or 5432}
    with psycopg.connect(**params) as db:
        try:
            assert db.execute("SELECT count(*) FROM pg_database WHERE datname = %s",
                              [result.previous_database]).fetchone()[0] == 1
        finally:
            db.execute(f'DROP DATABASE IF EXISTS "{result.previous_database}"')
    assert (result.previous_media / "later.txt").read_text() == "later"
    assert not Person.objects.filter(name="Na de back-up").exists()
