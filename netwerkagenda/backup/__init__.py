"""Backups of the whole portal and their restore (`manage.py backup`, `manage.py restore`).

A backup is one tar file: `manifest.json` (portal version, migration state, time, a checksum
per member), the database (PostgreSQL: `pg_dump` custom format; SQLite: the online backup
API) and the stored files under MEDIA_ROOT. A restore checks all of it before it touches
anything, builds the new database and files next to the running ones and switches only when
both are complete, so a refused or failed restore leaves the portal as it was.

It lives in the project package because it knows every app's data: the whole database and
every stored file (exports, meeting documents, uploads).
"""


class BackupError(Exception):
    """A backup or restore that cannot go on; the message is Dutch and meant for the operator."""
