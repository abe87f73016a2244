"""An upgrade loses nothing: a database made by the previous release, with the real agenda and
network-scale data, migrated to this schema keeps every row and every value.

The previous release's own code (`git archive` of its commit, kept beside this test) makes the database: its
migrations, its `load_netwerkagenda`, its `seed_scale --factor 2`. This code then runs
`migrate` on it, as docker-compose's `migrate` service does at an upgrade. Every row of every
table of the old schema must still be there with the same values in the columns that still
exist, except where a migration changes data on purpose: those are listed in EXPECTED_CHANGES,
each with its reason. A new data migration that changes or removes rows fails here until it is
listed, so nobody loses data by accident."""

import importlib
import os
import subprocess
import sys
from pathlib import Path

import pytest
from django.conf import settings
from django.db import connection, connections
from django.db.utils import load_backend

from netwerkagenda.backup.archive import write_backup
from netwerkagenda.backup.restore import restore_backup

pytestmark = pytest.mark.django_db(transaction=True)

# The release before this one (before issue 17): its migration leaves were governance 0002,
# opgaven 0002, jaarprogramma 0003 and monitoring 0004.
PREVIOUS_RELEASE = "fd9c244cfeee444a831f812286d13454a606fd7a"
ALIAS = "vorige_release"
ROOT = Path(settings.BASE_DIR)

_outcomes = importlib.import_module("jaarprogramma.migrations.0006_outcomes_are_not_success_criteria").OUTCOMES


def _removed_outcome(row):
    return any(str(row.get("text", "")).startswith(start) for start in _outcomes)


# table: (reason, {column: {old value: new value}}, predicate on an old row that may be removed)
EXPECTED_CHANGES = {
    "opgaven_contribution": (
        "opgaven 0004: a 'financiële bijdrage' of a party is a commitment", {"kind": {"financieel": "toezegging"}},
        None),
    "opgaven_historicalcontribution": (
        "opgaven 0004: the same for the history", {"kind": {"financieel": "toezegging"}}, None),
    "jaarprogramma_successcriterion": (
        "jaarprogramma 0006: 3.4's four outcomes were never success criteria", {}, _removed_outcome),
}
# table: reason it is removed on purpose (its rows live on elsewhere).
REMOVED_TABLES = {
    "monitoring_actionlink": "monitoring 0005: the editorial links become places of the matrix's links "
                             "(monitoring_chapterlink, monitoring_linksource, paragraph empty: 'redactioneel')",
}
# Rows Django itself rewrites on every migrate: the migration log, content types, permissions.
IGNORED_TABLES = {"django_migrations"}


def _clean_env(database_url, media):
    env = {k: v for k, v in os.environ.items()
           if k not in {"CI", "CELERY_BROKER_URL", "REDIS_URL", "DJANGO_SETTINGS_MODULE", "CACHE_URL"}}
    env.update(DATABASE_URL=database_url, SECRET_KEY="vorige-release", DEBUG="false", SECURE="false",
               MEDIA_ROOT=str(media), DJANGO_SETTINGS_MODULE="netwerkagenda.settings")
    return env


# `git archive` of that commit, kept beside this test: a shallow clone (CI's may be one) has no
# history to take it from.
PREVIOUS_RELEASE_ARCHIVE = Path(__file__).with_name(f"previous-release-{PREVIOUS_RELEASE[:7]}.tar.gz")


def _previous_release_code(target: Path):
    target.mkdir()
    subprocess.run(["tar", "-xzf", str(PREVIOUS_RELEASE_ARCHIVE), "-C", str(target)], check=True)


class OldDatabase:
    """A database of its own for the previous release, beside the test database."""

    def __init__(self, tmp_path):
        self.base = dict(connection.settings_dict)
        self.vendor = connection.vendor
        if self.vendor == "sqlite":
            self.name = str(tmp_path / "vorige.sqlite3")
            self.url = f"sqlite:///{self.name}"
        else:
            self.name = f"{self.base['NAME'][:40]}_vorige"
            auth = self.base["USER"] + (f":{self.base['PASSWORD']}" if self.base["PASSWORD"] else "")
            host = f"{self.base['HOST'] or '127.0.0.1'}:{self.base['PORT'] or 5432}"
            self.url = f"postgres://{auth}@{host}/{self.name}"
            self._postgres(f'DROP DATABASE IF EXISTS "{self.name}"', f'CREATE DATABASE "{self.name}"')

    def _postgres(self, *statements):
        import psycopg

        params = {"dbname": "postgres", "autocommit": True, "user": self.base["USER"],
                  "host": self.base["HOST"] or "127.0.0.1", "port": self.base["PORT"] or 5432}
        if self.base["PASSWORD"]:
            params["password"] = self.base["PASSWORD"]
        with psycopg.connect(**params) as db:
            for statement in statements:
                db.execute(statement)

    def connect(self, media):
        settings_dict = {**self.base, "NAME": self.name}
        wrapper = load_backend(settings_dict["ENGINE"]).DatabaseWrapper(settings_dict, ALIAS)
        wrapper.database_url, wrapper.media = self.url, media  # for the upgrade's own process
        connections[ALIAS] = wrapper
        return wrapper

    def drop(self):
        if hasattr(connections._connections, ALIAS):
            connections[ALIAS].close()
            del connections[ALIAS]
        if self.vendor != "sqlite":
            self._postgres("SELECT pg_terminate_backend(pid) FROM pg_stat_activity "  # noqa: S608 - our own name
                           f"WHERE datname = '{self.name}'", f'DROP DATABASE IF EXISTS "{self.name}"')


@pytest.fixture(scope="module")
def release_database(tmp_path_factory, django_db_setup, django_db_blocker):
    """A database made and filled by the previous release's own code, and a backup of it taken
    with this code's `backup` (as an operator would before upgrading). Built once per module."""
    tmp_path = tmp_path_factory.mktemp("vorige-release")
    code = tmp_path / "code"
    _previous_release_code(code)
    media = tmp_path / "media"
    (media / "exports" / "2021").mkdir(parents=True)
    (media / "exports" / "2021" / "netwerkagenda-2021-2023-2021.pdf").write_bytes(b"%PDF-1.7 vorige release")
    with django_db_blocker.unblock():
        database = OldDatabase(tmp_path)
        env = _clean_env(database.url, media)
        try:
            for command in (["migrate", "--noinput"], ["load_netwerkagenda"], ["seed_scale", "--factor", "2"]):
                subprocess.run([sys.executable, "manage.py", *command, "-v", "0"], cwd=code, env=env, check=True,
                               capture_output=True)
            wrapper = database.connect(media)
            backup = tmp_path / "vorige-release.tar"
            write_backup(backup, using=wrapper, media_root=media)
            wrapper.backup_file = backup
            wrapper.close()
            yield wrapper
        finally:
            database.drop()


@pytest.fixture
def previous_release(release_database):
    return release_database


def _table_rows(db):
    """{table: (primary key column, {pk: {column: value}})} of every table."""
    tables = {}
    with db.cursor() as cursor:
        for table in db.introspection.table_names(cursor):
            if table in IGNORED_TABLES:
                continue
            columns = [c.name for c in db.introspection.get_table_description(cursor, table)]
            pk = db.introspection.get_primary_key_column(cursor, table) or columns[0]
            cursor.execute(f"SELECT * FROM {db.ops.quote_name(table)}")  # noqa: S608 - our own table names
            rows = {}
            for values in cursor.fetchall():
                row = dict(zip(columns, values, strict=True))
                rows[row[pk]] = row
            tables[table] = (pk, rows)
    return tables


def _losses(before, after):
    """What the upgrade lost or changed that no migration announced."""
    problems = []
    for table, (_pk, rows) in before.items():
        reason, changes, removable = EXPECTED_CHANGES.get(table, ("", {}, None))
        if table not in after:
            if table not in REMOVED_TABLES:
                problems.append(f"{table}: the table is gone")
            continue
        new_rows = after[table][1]
        for key, row in rows.items():
            new = new_rows.get(key)
            if new is None:
                if not (removable and removable(row)):
                    problems.append(f"{table} #{key}: the row is gone")
                continue
            for column, value in row.items():
                if column not in new:
                    continue  # a column the new schema dropped on purpose (RemoveField)
                expected = changes.get(column, {}).get(value, value)
                if new[column] != expected:
                    problems.append(f"{table} #{key}.{column}: {value!r} became {new[column]!r}")
    return problems


def test_migrating_the_previous_release_keeps_every_row_and_value(previous_release):
    from governance.models import Membership, Person
    from jaarprogramma.models import Action
    from opgaven.models import Chapter, Section

    before = _table_rows(previous_release)
    sizes = {table: len(rows) for table, (_pk, rows) in before.items()}
    # The real agenda and the scale data made it in: people, chapters, actions, history.
    assert sizes["governance_person"] > 200 and sizes["opgaven_chapter"] >= 11
    assert sizes["jaarprogramma_action"] > 80 and sizes["monitoring_progressupdate"] > 40
    assert sizes["governance_historicalmembership"] > 0 and sizes["opgaven_historicalsection"] > 0

    # The upgrade as docker-compose's `migrate` service runs it: this code's manage.py, with the
    # old database as its database.
    previous_release.close()
    subprocess.run([sys.executable, "manage.py", "migrate", "--noinput", "-v", "0"], cwd=ROOT, check=True,
                   env=_clean_env(previous_release.database_url, previous_release.media), capture_output=True)

    problems = _losses(before, _table_rows(previous_release))
    assert problems == [], "\n".join(problems[:50])
    # This code reads the upgraded data: a sample through the models.
    sections = {pk: row["body"] for pk, row in before["opgaven_section"][1].items()}
    assert {s.pk: s.body for s in Section.objects.using(ALIAS).all()} == sections
    assert Membership.objects.using(ALIAS).count() == sizes["governance_membership"]
    assert Chapter.objects.using(ALIAS).filter(slug="geletterde-samenleving").exists()
    assert Person.objects.using(ALIAS).filter(name__startswith="[synthetisch]").count() > 100
    assert Action.objects.using(ALIAS).count() == sizes["jaarprogramma_action"]


def test_restoring_a_backup_of_the_previous_release_migrates_it(release_database, settings, tmp_path):
    from governance.models import Erasure, Person
    from opgaven.models import Chapter

    settings.MEDIA_ROOT = str(tmp_path / "media")
    with release_database.cursor() as cursor:
        cursor.execute("SELECT count(*) FROM governance_person")
        people = cursor.fetchone()[0]

    result = restore_backup(release_database.backup_file)

    assert "governance.0004_erasure" in result.migrated
    assert result.manifest.migrations["governance"] == ["0001_initial", "0002_user_session"]
    assert Person.objects.count() == people
    assert Chapter.objects.filter(slug="geletterde-samenleving").exists()
    assert not Erasure.objects.exists()  # a table the previous release did not have, now there
    assert (tmp_path / "media" / "exports" / "2021" / "netwerkagenda-2021-2023-2021.pdf").read_bytes() == \
        b"%PDF-1.7 vorige release"
