"""Restore a backup: all of it, or nothing.

1. Read the manifest; refuse a backup of a newer portal (version or unknown migrations), of
   another kind of database, or a damaged one (every checksum is checked first).
2. Build the new state beside the running one: the database restored into a new database
   (SQLite: a new file), migrated to this portal's schema there; the files unpacked into a
   folder inside MEDIA_ROOT (same disk, so moving them in is a rename).
3. Switch: the files are moved in (the old ones aside), then the database is switched in one
   step; when that fails, the old files are moved back. Only then is the old state removed.
4. Erasures (AVG) done after the backup was made are applied again (netwerkagenda.privacy).
"""

import os
import shutil
import subprocess  # manage.py migrate on the staged database, in a process of its own
import sys
import tempfile
from dataclasses import dataclass, field
from pathlib import Path
from urllib.parse import quote

from django.conf import settings
from django.db import connection, connections
from django.db.migrations.executor import MigrationExecutor
from django.utils import timezone

from . import BackupError
from .archive import RESTORE_DIR_PREFIXES, BackupFile
from .databases import for_connection
from .manifest import Manifest


@dataclass
class RestoreResult:
    manifest: Manifest
    migrated: list = field(default_factory=list)  # "app.name" applied on top of the backup
    previous_database: str | None = None  # kept with --keep-previous (PostgreSQL)
    previous_media: Path | None = None
    erasures: list = field(default_factory=list)  # people anonymised again after the restore


def check_backup(path) -> Manifest:
    """Everything `restore_backup` checks before it touches anything; nothing is changed."""
    with BackupFile(path) as backup:
        backup.manifest.check_restorable(connection)
        backup.verify()
        return backup.manifest


def restore_backup(path, *, keep_previous=False) -> RestoreResult:
    stamp = timezone.localtime().strftime("%Y%m%d-%H%M%S")
    media_root = Path(settings.MEDIA_ROOT)
    engine = for_connection(connection)
    with BackupFile(path) as backup, tempfile.TemporaryDirectory(prefix="netwerkagenda-herstel-") as work:
        manifest = backup.manifest
        manifest.check_restorable(connection)
        backup.verify()
        result = RestoreResult(manifest=manifest)

        dump = Path(work) / "database"
        backup.extract_database(dump)
        media_root.mkdir(parents=True, exist_ok=True)
        staging = media_root / f"{RESTORE_DIR_PREFIXES[0]}{stamp}"
        try:
            staging.mkdir()
            backup.extract_media(staging)
            staged = engine.stage(dump)
        except BaseException:
            shutil.rmtree(staging, ignore_errors=True)
            raise
        try:
            with staged as staged_connection:
                result.migrated = migrate(staged_connection.alias)
        except Exception as error:
            engine.discard(staged)
            shutil.rmtree(staging, ignore_errors=True)
            raise BackupError(f"De migraties op de herstelde database zijn mislukt ({error}). Er is niets "
                              "hersteld; de huidige gegevens zijn ongewijzigd.") from error

        previous_media = switch_media(media_root, staging, stamp)
        try:
            result.previous_database = engine.switch(staged, keep_previous)
        except Exception:
            roll_back_media(media_root, previous_media)
            engine.discard(staged)
            raise
    if keep_previous:
        result.previous_media = previous_media
    else:
        shutil.rmtree(previous_media, ignore_errors=True)

    from netwerkagenda.privacy.journal import replay_erasures

    result.erasures = replay_erasures()
    return result


def migrate(alias) -> list:
    """Bring the staged database to this portal's schema; returns the migrations that ran.

    `manage.py migrate` runs in a process of its own whose only database is the staged one,
    exactly as at an upgrade: a data migration that writes through the default connection
    (as most do) then changes the staged database, never the running one."""
    staged = connections[alias]
    executor = MigrationExecutor(staged)
    plan = executor.migration_plan(executor.loader.graph.leaf_nodes())
    staged.close()
    env = {**os.environ, "DATABASE_URL": database_url(staged.settings_dict),
           "DJANGO_SETTINGS_MODULE": os.environ.get("DJANGO_SETTINGS_MODULE") or settings.SETTINGS_MODULE}
    result = subprocess.run(  # noqa: S603 - this portal's own manage.py
        [sys.executable, str(Path(settings.BASE_DIR) / "manage.py"), "migrate", "--noinput", "-v", "1"],
        cwd=settings.BASE_DIR, env=env, capture_output=True, text=True, check=False)
    if result.returncode != 0:
        raise BackupError(f"migrate: {(result.stderr or result.stdout).strip()[-2000:]}")
    return [f"{migration.app_label}.{migration.name}" for migration, backwards in plan if not backwards]


def database_url(settings_dict) -> str:
    """DATABASE_URL (as settings.py reads it) for one database's settings."""
    if settings_dict["ENGINE"].endswith("sqlite3"):
        return f"sqlite:///{settings_dict['NAME']}"
    auth = quote(settings_dict.get("USER") or "", safe="")
    if settings_dict.get("PASSWORD"):
        auth += ":" + quote(settings_dict["PASSWORD"], safe="")
    host = settings_dict.get("HOST") or "localhost"
    port = f":{settings_dict['PORT']}" if settings_dict.get("PORT") else ""
    url = f"postgres://{auth}@{host}{port}/{quote(settings_dict['NAME'], safe='')}"
    sslmode = (settings_dict.get("OPTIONS") or {}).get("sslmode")
    return f"{url}?sslmode={sslmode}" if sslmode else url


def _ours(entry: Path) -> bool:
    return entry.name.startswith(RESTORE_DIR_PREFIXES)


def switch_media(root: Path, staging: Path, stamp: str) -> Path:
    """Move the current files aside and the restored ones in (renames on one disk)."""
    previous = root / f"{RESTORE_DIR_PREFIXES[1]}{stamp}"
    previous.mkdir()
    try:
        for entry in list(root.iterdir()):
            if not _ours(entry):
                entry.rename(previous / entry.name)
        for entry in list(staging.iterdir()):
            entry.rename(root / entry.name)
        staging.rmdir()
    except BaseException:
        roll_back_media(root, previous)
        shutil.rmtree(staging, ignore_errors=True)
        raise
    return previous


def roll_back_media(root: Path, previous: Path):
    for entry in list(root.iterdir()):
        if not _ours(entry):
            if entry.is_dir() and not entry.is_symlink():
                shutil.rmtree(entry)
            else:
                entry.unlink()
    for entry in list(previous.iterdir()):
        entry.rename(root / entry.name)
    previous.rmdir()
