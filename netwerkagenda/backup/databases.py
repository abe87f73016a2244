"""Dump a database into a file, restore one next to the running database, and switch to it.

One class per database engine with the same three steps, so `restore` never asks which
engine it runs on:
- `dump(path)`: the running database into a file (consistent: one snapshot);
- `stage(path)`: that file into a *new* database beside the running one, returned as the
  settings of an extra connection (`migrate` runs there, not on the running data);
- `switch(staged, keep_previous)`: make the staged database the running one in one step;
  on failure the running database is still the one it was; returns where the replaced
  database was kept (with `keep_previous`). `discard(staged)` throws a staged one away.
"""

import glob
import os
import shutil
import sqlite3
import subprocess  # pg_dump and pg_restore: the documented way to copy a PostgreSQL database
import tempfile
import time
from pathlib import Path

from django.db import connections
from django.db.utils import load_backend

from . import BackupError

STAGING_ALIAS = "backup_restore_staging"


def for_connection(connection):
    if connection.vendor == "postgresql":
        return PostgreSQL(connection)
    if connection.vendor == "sqlite":
        return SQLite(connection)
    raise BackupError(f"Back-ups van een {connection.vendor}-database worden niet ondersteund.")


class StagedDatabase:
    """A restored database that is not yet the running one, reachable as STAGING_ALIAS."""

    def __init__(self, settings_dict, name):
        self.settings_dict = settings_dict
        self.name = name

    def __enter__(self):
        # A connection of its own, not a configured database: nothing that walks over the
        # configured databases (request cleanup, test isolation) ever touches it.
        wrapper = load_backend(self.settings_dict["ENGINE"]).DatabaseWrapper(self.settings_dict, STAGING_ALIAS)
        connections[STAGING_ALIAS] = wrapper
        return wrapper

    def __exit__(self, *exc):
        close_alias(STAGING_ALIAS)


def close_alias(alias):
    if hasattr(connections._connections, alias):
        connections[alias].close()
        del connections[alias]


class SQLite:
    """SQLite: the online backup API both ways.

    The restored file replaces the running database's content through the same API, page by
    page inside one write transaction of SQLite's: other processes (gunicorn workers) see
    either the old or the new database, never a mix, and nobody keeps reading a file that was
    renamed away under them."""

    def __init__(self, connection):
        self.connection = connection

    def dump(self, path):
        self.connection.ensure_connection()
        target = sqlite3.connect(path)
        try:
            with self.connection.wrap_database_errors:
                self.connection.connection.backup(target)
        finally:
            target.close()

    def stage(self, path):
        staged_path = Path(tempfile.mkdtemp(prefix="netwerkagenda-herstel-")) / "database.sqlite3"
        shutil.copyfile(path, staged_path)
        try:
            check = sqlite3.connect(staged_path)
            try:
                result = check.execute("PRAGMA integrity_check").fetchone()[0]
            finally:
                check.close()
        except sqlite3.DatabaseError as error:
            self.discard_path(staged_path)
            raise BackupError(f"De database in de back-up is beschadigd ({error}).") from error
        if result != "ok":
            self.discard_path(staged_path)
            raise BackupError(f"De database in de back-up is beschadigd ({result}).")
        settings_dict = {**self.connection.settings_dict, "NAME": str(staged_path), "TEST": {}}
        return StagedDatabase(settings_dict, str(staged_path))

    def switch(self, staged, keep_previous=False):
        if self.connection.in_atomic_block:
            raise BackupError("Herstellen kan niet binnen een transactie.")
        self.connection.close()
        self.connection.ensure_connection()
        previous = None
        if keep_previous and not self.connection.is_in_memory_db():
            previous = f"{self.connection.settings_dict['NAME']}.voor-herstel-{time.strftime('%Y%m%d%H%M%S')}"
            self.dump(previous)
        source = sqlite3.connect(staged.name)
        try:
            with self.connection.wrap_database_errors:
                source.backup(self.connection.connection)
        finally:
            source.close()
            self.connection.close()
        self.discard(staged)
        return previous

    def discard(self, staged):
        self.discard_path(Path(staged.name))

    @staticmethod
    def discard_path(path):
        shutil.rmtree(Path(path).parent, ignore_errors=True)


def postgres_tool(name):
    """pg_dump / pg_restore: from PATH, else the newest PostgreSQL installation (Debian's layout)."""
    found = shutil.which(name)
    if found:
        return found
    candidates = sorted(glob.glob(f"/usr/lib/postgresql/*/bin/{name}"),
                        key=lambda p: int(Path(p).parts[-3]) if Path(p).parts[-3].isdigit() else 0)
    if candidates:
        return candidates[-1]
    raise BackupError(f"{name} ontbreekt; installeer de PostgreSQL-client (apt-get install postgresql-client).")


class PostgreSQL:
    """PostgreSQL: pg_dump's custom format; pg_restore into a new database; then rename.

    The switch renames the running database away and the restored one into its place, after
    refusing new connections to the running one and ending the open ones (web and worker
    reconnect on their next request)."""

    MAINTENANCE_DB = "postgres"

    def __init__(self, connection):
        self.connection = connection
        self.settings_dict = connection.settings_dict
        self.name = self.settings_dict["NAME"]

    def _env(self):
        env = {**os.environ}
        mapping = {"HOST": "PGHOST", "PORT": "PGPORT", "USER": "PGUSER", "PASSWORD": "PGPASSWORD"}
        for key, variable in mapping.items():
            if self.settings_dict.get(key):
                env[variable] = str(self.settings_dict[key])
        options = self.settings_dict.get("OPTIONS") or {}
        if options.get("sslmode"):
            env["PGSSLMODE"] = options["sslmode"]
        return env

    def _run(self, args, what):
        result = subprocess.run(args, env=self._env(), capture_output=True, text=True, check=False)  # noqa: S603
        if result.returncode != 0:
            raise BackupError(f"{what} is mislukt: {result.stderr.strip()[-2000:]}")
        return result

    def _maintenance(self):
        import psycopg

        params = {"dbname": self.MAINTENANCE_DB, "autocommit": True}
        for key, param in {"HOST": "host", "PORT": "port", "USER": "user", "PASSWORD": "password"}.items():
            if self.settings_dict.get(key):
                params[param] = str(self.settings_dict[key])
        return psycopg.connect(**params)

    def dump(self, path):
        self._run([postgres_tool("pg_dump"), "--format=custom", "--no-owner", "--no-privileges",
                   f"--file={path}", f"--dbname={self.name}"], "pg_dump")

    def stage(self, path):
        from psycopg import sql

        staged_name = f"{self.name[:40]}_herstel_{time.strftime('%Y%m%d%H%M%S')}"
        with self._maintenance() as maintenance:
            collate, ctype = maintenance.execute(
                "SELECT datcollate, datctype FROM pg_database WHERE datname = %s", [self.name]).fetchone()
            maintenance.execute(sql.SQL("CREATE DATABASE {} TEMPLATE template0 ENCODING 'UTF8' LC_COLLATE {} "
                                        "LC_CTYPE {}").format(sql.Identifier(staged_name), sql.Literal(collate),
                                                              sql.Literal(ctype)))
        staged = StagedDatabase({**self.settings_dict, "NAME": staged_name, "TEST": {}}, staged_name)
        try:
            self._run([postgres_tool("pg_restore"), "--no-owner", "--no-privileges", "--exit-on-error",
                       "--single-transaction", f"--dbname={staged_name}", str(path)], "pg_restore")
        except BackupError:
            self.discard(staged)
            raise
        return staged

    def switch(self, staged, keep_previous=False):
        from psycopg import sql

        close_alias(STAGING_ALIAS)
        for alias in connections:
            if connections[alias].settings_dict.get("NAME") == self.name:
                connections[alias].close()
        previous = f"{self.name[:40]}_voor_herstel_{time.strftime('%Y%m%d%H%M%S')}"
        live, old, new = (sql.Identifier(n) for n in (self.name, previous, staged.name))
        with self._maintenance() as db:
            db.execute(sql.SQL("ALTER DATABASE {} WITH ALLOW_CONNECTIONS false").format(live))
            try:
                self._end_connections(db, self.name)
                db.execute(sql.SQL("ALTER DATABASE {} RENAME TO {}").format(live, old))
            except Exception:
                db.execute(sql.SQL("ALTER DATABASE {} WITH ALLOW_CONNECTIONS true").format(live))
                raise
            try:
                self._end_connections(db, staged.name)
                db.execute(sql.SQL("ALTER DATABASE {} RENAME TO {}").format(new, live))
            except Exception:
                db.execute(sql.SQL("ALTER DATABASE {} RENAME TO {}").format(old, live))
                db.execute(sql.SQL("ALTER DATABASE {} WITH ALLOW_CONNECTIONS true").format(live))
                raise
            if keep_previous:
                db.execute(sql.SQL("ALTER DATABASE {} WITH ALLOW_CONNECTIONS true").format(old))
            else:
                db.execute(sql.SQL("DROP DATABASE {}").format(old))
        return previous if keep_previous else None

    @staticmethod
    def _end_connections(db, name, attempts=20):
        """Terminate the sessions on database `name`; a rename needs it to have none."""
        for _attempt in range(attempts):
            db.execute("SELECT pg_terminate_backend(pid) FROM pg_stat_activity "
                       "WHERE datname = %s AND pid <> pg_backend_pid()", [name])
            left = db.execute("SELECT count(*) FROM pg_stat_activity WHERE datname = %s", [name]).fetchone()[0]
            if not left:
                return
            time.sleep(0.1)
        raise BackupError(f"Database {name} heeft nog open verbindingen; stop web en worker en probeer het opnieuw.")

    def discard(self, staged):
        from psycopg import sql

        close_alias(STAGING_ALIAS)
        with self._maintenance() as db:
            self._end_connections(db, staged.name)
            db.execute(sql.SQL("DROP DATABASE IF EXISTS {}").format(sql.Identifier(staged.name)))
