"""What a backup says about itself, and whether this portal can restore it."""

import json
import re
import tomllib
from dataclasses import asdict, dataclass, field
from functools import cache

from django.conf import settings
from django.db.migrations.loader import MigrationLoader
from django.db.migrations.recorder import MigrationRecorder
from django.utils import timezone

from . import BackupError

FORMAT = 1
PORTAL = "netwerkagenda"
MANIFEST_NAME = "manifest.json"
CHUNK = 1024 * 1024


@cache
def portal_version() -> str:
    """The version in pyproject.toml: the release this code is."""
    with open(settings.BASE_DIR / "pyproject.toml", "rb") as handle:
        return tomllib.load(handle)["project"]["version"]


def version_key(version: str) -> tuple:
    """'0.10.1' → (0, 10, 1): compared as numbers, so 0.10 is newer than 0.9."""
    return tuple(int(part) for part in re.findall(r"\d+", version))


def applied_migrations(connection) -> dict:
    """{app label: [migration names]} as recorded in this database."""
    applied = {}
    for app, name in sorted(MigrationRecorder(connection).applied_migrations()):
        applied.setdefault(app, []).append(name)
    return applied


@dataclass
class Member:
    """One file in the archive: its name there, its size and its SHA-256."""

    name: str
    size: int
    sha256: str


@dataclass
class Manifest:
    portal_version: str
    created_at: str
    database_vendor: str
    database: Member
    migrations: dict
    files: list = field(default_factory=list)  # Members under media/
    format: int = FORMAT
    portal: str = PORTAL

    def to_json(self) -> bytes:
        return json.dumps(asdict(self), indent=2, ensure_ascii=False).encode()

    @classmethod
    def new(cls, *, connection, database: Member, files: list):
        return cls(
            portal_version=portal_version(), created_at=timezone.now().isoformat(),
            database_vendor=connection.vendor, database=database,
            migrations=applied_migrations(connection), files=files,
        )

    @classmethod
    def from_json(cls, data: bytes):
        try:
            raw = json.loads(data)
            if raw.get("portal") != PORTAL:
                raise ValueError("not ours")
            return cls(
                portal_version=str(raw["portal_version"]), created_at=str(raw["created_at"]),
                database_vendor=str(raw["database_vendor"]), database=Member(**raw["database"]),
                migrations={str(app): [str(n) for n in names] for app, names in raw["migrations"].items()},
                files=[Member(**item) for item in raw["files"]], format=int(raw["format"]),
            )
        except (ValueError, KeyError, TypeError, AttributeError) as error:
            raise BackupError(
                "Dit bestand is geen leesbare back-up van het Netwerkagenda-portaal (het manifest ontbreekt of "
                "is beschadigd). Er is niets hersteld; de huidige gegevens zijn ongewijzigd."
            ) from error

    @property
    def members(self) -> list:
        return [self.database, *self.files]

    def check_restorable(self, connection):
        """Refuse a backup this portal cannot take: newer, of another database, or unknown."""
        untouched = "Er is niets hersteld; de huidige gegevens zijn ongewijzigd."
        if self.format > FORMAT:
            raise BackupError(f"Deze back-up heeft een nieuwer formaat ({self.format}) dan dit portaal kent. "
                              f"{untouched}")
        if version_key(self.portal_version) > version_key(portal_version()):
            raise BackupError(
                f"Deze back-up komt van een nieuwere versie van het portaal ({self.portal_version}) dan deze "
                f"({portal_version()}). Installeer eerst die versie (of een nieuwere) en herstel dan. {untouched}")
        known = MigrationLoader(None, ignore_no_migrations=True).disk_migrations.keys()
        unknown = sorted(f"{app}.{name}" for app, names in self.migrations.items() for name in names
                         if (app, name) not in known)
        if unknown:
            raise BackupError(
                "Deze back-up komt van een nieuwere versie van het portaal: de database bevat migraties die deze "
                f"versie niet kent ({', '.join(unknown[:5])}{' …' if len(unknown) > 5 else ''}). "
                f"Installeer eerst die versie en herstel dan. {untouched}")
        if self.database_vendor != connection.vendor:
            raise BackupError(
                f"Deze back-up is van een {_vendor(self.database_vendor)}-database; dit portaal gebruikt "
                f"{_vendor(connection.vendor)}. Herstellen kan alleen naar hetzelfde soort database. {untouched}")


def _vendor(vendor):
    return {"postgresql": "PostgreSQL", "sqlite": "SQLite"}.get(vendor, vendor)
