"""A portal with something in every kind of table, and ways to compare two states of it."""

import hashlib
from pathlib import Path

import pytest
from axes.models import AccessLog
from django.core.files.base import ContentFile
from django.core.files.storage import default_storage
from django.db import connection

from audit.models import AuditEntry, Kind
from monitoring.models import ProgressUpdate
from opgaven.models import ExportJob, ExportStatus
from tests import factories as f


@pytest.fixture
def storage_dirs(settings, tmp_path):
    """MEDIA_ROOT and BACKUP_DIR of this test alone."""
    settings.MEDIA_ROOT = str(tmp_path / "media")
    settings.BACKUP_DIR = str(tmp_path / "backups")
    Path(settings.MEDIA_ROOT).mkdir()
    return tmp_path


def snapshot() -> dict:
    """Every row of every table (history, sessions and migrations included), order-free."""
    data = {}
    with connection.cursor() as cursor:
        for table in connection.introspection.table_names():
            cursor.execute(f"SELECT * FROM {connection.ops.quote_name(table)}")  # noqa: S608 - our own table names
            data[table] = sorted(repr(row) for row in cursor.fetchall())
    return data


def stored_files(root) -> dict:
    root = Path(root)
    return {p.relative_to(root).as_posix(): hashlib.sha256(p.read_bytes()).hexdigest()
            for p in sorted(root.rglob("*")) if p.is_file()}


@pytest.fixture
def filled(world, storage_dirs):
    """The world with edits (history), a comment, a progress update, a sign-in log, an audit log
    entry, an export with its PDF and an uploaded file in a subfolder."""
    ambition = f.AmbitionFactory(chapter=world.chapter, text="Eerste versie.")
    ambition.text = "Tweede versie, met ‘aanhalingstekens’ en een é."
    ambition.save()
    world.chapter.comments.create(author=world["reader"], text="Graag scherper.")
    action = f.ActionFactory(jaarprogramma=f.JaarprogrammaFactory(chapter=world.chapter))
    f.ActionCarrierFactory(action=action, organisation=world.kb)
    ProgressUpdate.objects.create(action=action, author=world["kb_staff"], organisation=world.kb,
                                  date="2021-06-01", text="Gestart.")
    AccessLog.objects.create(username="kb", ip_address="192.0.2.1", user_agent="test", http_accept="*/*",
                             path_info="/account/login/")
    AuditEntry.objects.create(kind=Kind.SIGNIN_FAILED, description="Aanmelding mislukt als ‘kb’", target="kb",
                              ip_address="192.0.2.1", user_agent="test", details={"wachttijd": False})
    job = ExportJob.objects.create(edition=world.edition, year=2021, requested_by=world["admin"],
                                   status=ExportStatus.DONE, progress=100)
    job.file.save("netwerkagenda-2021.pdf", ContentFile(b"%PDF-1.7 test\n" + bytes(range(256))))
    default_storage.save("vergaderstukken/2021/notulen.txt", ContentFile(b"Notulen van de vergadering."))
    return world
