"""The scheduled backup: a new file in BACKUP_DIR, then the rotation."""

from dataclasses import dataclass, field
from pathlib import Path

from django.conf import settings
from django.utils import timezone

from .archive import write_backup
from .manifest import Manifest
from .rotation import backup_name, rotate


@dataclass
class ScheduledBackup:
    path: Path
    manifest: Manifest
    removed: list = field(default_factory=list)


def make_backup(out=None) -> tuple[Path, Manifest]:
    """One backup file: `out`, or a new time-stamped file in BACKUP_DIR."""
    path = Path(out) if out else Path(settings.BACKUP_DIR) / backup_name(timezone.now())
    return path, write_backup(path)


def scheduled_backup() -> ScheduledBackup:
    path, manifest = make_backup()
    return ScheduledBackup(path=path, manifest=manifest, removed=rotate(path.parent))
