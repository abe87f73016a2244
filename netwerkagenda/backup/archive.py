"""Write a backup file, and read one back only after every checksum in it matched.

Layout of the (uncompressed) tar: `database/<vendor>` (pg_dump's custom format is compressed
already; SQLite's file is what the backup API wrote), `media/<path>` for every stored file,
and `manifest.json` last, because it holds the checksums computed while the rest was written.
"""

import hashlib
import io
import tarfile
import tempfile
from pathlib import Path, PurePosixPath

from django.conf import settings
from django.db import connection as default_connection

from . import BackupError
from .databases import for_connection
from .manifest import CHUNK, MANIFEST_NAME, Manifest, Member

DATABASE_MEMBER = "database/{vendor}"
MEDIA_PREFIX = "media/"
# Folders a restore makes inside MEDIA_ROOT while it works (see restore.py); never backed up.
RESTORE_DIR_PREFIXES = (".herstel-", ".voor-herstel-")
DAMAGED = "Het back-upbestand is beschadigd of onvolledig ({detail}). Er is niets hersteld; de huidige gegevens " \
          "zijn ongewijzigd."


class _Hashing:
    """A file object that hashes what tarfile reads from it."""

    def __init__(self, handle):
        self.handle = handle
        self.digest = hashlib.sha256()

    def read(self, size=-1):
        data = self.handle.read(size)
        self.digest.update(data)
        return data


def _add(tar, path: Path, name: str) -> Member:
    info = tar.gettarinfo(str(path), arcname=name)
    info.uid = info.gid = 0
    info.uname = info.gname = ""
    with open(path, "rb") as handle:
        hashing = _Hashing(handle)
        tar.addfile(info, hashing)
    return Member(name=name, size=info.size, sha256=hashing.digest.hexdigest())


def media_files(root: Path):
    """Every stored file under MEDIA_ROOT, except a restore's own working folders."""
    if not root.is_dir():
        return
    for path in sorted(root.rglob("*")):
        relative = path.relative_to(root)
        if relative.parts[0].startswith(RESTORE_DIR_PREFIXES) or not path.is_file() or path.is_symlink():
            continue
        yield path, relative.as_posix()


def write_backup(out: Path, *, using=None, media_root=None) -> Manifest:
    """The database and MEDIA_ROOT into `out`, written beside it first and renamed when complete.

    `using` (a connection) and `media_root` back up another portal's database and files."""
    connection = using or default_connection
    out = Path(out)
    out.parent.mkdir(parents=True, exist_ok=True)
    partial = out.with_name(out.name + ".partial")
    engine = for_connection(connection)
    with tempfile.TemporaryDirectory(prefix="netwerkagenda-backup-") as work:
        dump = Path(work) / "database"
        engine.dump(dump)
        try:
            with tarfile.open(partial, "w", format=tarfile.PAX_FORMAT) as tar:
                database = _add(tar, dump, DATABASE_MEMBER.format(vendor=connection.vendor))
                dump.unlink()
                root = Path(media_root or settings.MEDIA_ROOT)
                files = [_add(tar, path, MEDIA_PREFIX + name) for path, name in media_files(root)]
                manifest = Manifest.new(connection=connection, database=database, files=files)
                data = manifest.to_json()
                info = tarfile.TarInfo(MANIFEST_NAME)
                info.size = len(data)
                info.mtime = int(Path(work).stat().st_mtime)
                tar.addfile(info, io.BytesIO(data))
        except BaseException:
            partial.unlink(missing_ok=True)
            raise
    partial.replace(out)
    return manifest


def _safe_media_name(name: str) -> str:
    """The path under MEDIA_ROOT of a media member; refuses anything that could leave it."""
    relative = PurePosixPath(name[len(MEDIA_PREFIX):])
    if not name.startswith(MEDIA_PREFIX) or relative.is_absolute() or ".." in relative.parts or not relative.parts:
        raise BackupError(DAMAGED.format(detail=f"ongeldige bestandsnaam {name!r}"))
    if relative.parts[0].startswith(RESTORE_DIR_PREFIXES):
        raise BackupError(DAMAGED.format(detail=f"ongeldige bestandsnaam {name!r}"))
    return relative.as_posix()


class BackupFile:
    """An opened backup file: `manifest` read, `verify()` checks every member's checksum."""

    def __init__(self, path):
        self.path = Path(path)
        if not self.path.is_file():
            raise BackupError(f"Het bestand {self.path} bestaat niet.")
        try:
            self.tar = tarfile.open(self.path, "r:")
            self.members = {m.name: m for m in self.tar.getmembers()}
            manifest_member = self.members.get(MANIFEST_NAME)
            data = self.tar.extractfile(manifest_member).read() if manifest_member else b""
        except (tarfile.TarError, OSError, EOFError) as error:
            raise BackupError(DAMAGED.format(detail=f"geen leesbaar tar-bestand: {error}")) from error
        self.manifest = Manifest.from_json(data)

    def close(self):
        self.tar.close()

    def __enter__(self):
        return self

    def __exit__(self, *exc):
        self.close()

    def _open(self, member: Member):
        info = self.members.get(member.name)
        if info is None or not info.isfile():
            raise BackupError(DAMAGED.format(detail=f"{member.name} ontbreekt"))
        if info.size != member.size:
            raise BackupError(DAMAGED.format(detail=f"{member.name} heeft een andere grootte"))
        return self.tar.extractfile(info)

    def verify(self):
        """Read every member once and compare its checksum with the manifest's."""
        for member in self.manifest.members:
            if member is not self.manifest.database:
                _safe_media_name(member.name)
            try:
                digest = _digest(self._open(member))
            except (tarfile.TarError, OSError, EOFError) as error:
                raise BackupError(DAMAGED.format(detail=f"{member.name}: {error}")) from error
            if digest != member.sha256:
                raise BackupError(DAMAGED.format(detail=f"de controlesom van {member.name} klopt niet"))

    def extract_database(self, target: Path):
        self._extract(self.manifest.database, Path(target))

    def extract_media(self, root: Path):
        for member in self.manifest.files:
            target = Path(root) / _safe_media_name(member.name)
            target.parent.mkdir(parents=True, exist_ok=True)
            self._extract(member, target)

    def _extract(self, member: Member, target: Path):
        """Copy one member out, checking its checksum again (the file may have changed since)."""
        source = self._open(member)
        digest = hashlib.sha256()
        with open(target, "wb") as handle:
            for chunk in iter(lambda: source.read(CHUNK), b""):
                digest.update(chunk)
                handle.write(chunk)
        if digest.hexdigest() != member.sha256:
            raise BackupError(DAMAGED.format(detail=f"de controlesom van {member.name} klopt niet"))


def _digest(handle) -> str:
    digest = hashlib.sha256()
    for chunk in iter(lambda: handle.read(CHUNK), b""):
        digest.update(chunk)
    return digest.hexdigest()

