"""Shared fixtures: service checks, personas (one per role) and the real agenda.

In CI (CI set) a missing PostgreSQL, Redis or Chromium fails the run; on a developer's
machine the tests that need them are skipped with the reason."""

import os
import shutil
import socket
from dataclasses import dataclass

import pytest
from django.conf import settings
from django.core.management import call_command
from hypothesis import settings as hypothesis_settings

from governance.models import BodyKind, OrganisationType, Role
from tests import factories as f

IN_CI = bool(os.environ.get("CI"))
CHROMIUM = "/usr/bin/chromium"

# CI explores the same examples every run, so a red build is reproducible; developers'
# runs stay random and keep finding new cases.
hypothesis_settings.register_profile("ci", derandomize=True, database=None, deadline=None)
hypothesis_settings.register_profile("dev", deadline=None)
hypothesis_settings.load_profile("ci" if IN_CI else "dev")


def _force_login_with_both_factors():
    """Sessions the test client makes with force_login/login count as signed in with both
    factors: a persona's tests are about what the persona may do, not about signing in. A
    real sign-in through the login page still asks for the second factor (tests/accounts/)."""
    from django.test.client import ClientMixin

    from netwerkagenda.accounts.middleware import SESSION_KEY

    login = ClientMixin._login

    def _login(self, user, backend=None):
        login(self, user, backend)
        session = self.session
        session[SESSION_KEY] = True
        session.save()

    ClientMixin._login = _login


_force_login_with_both_factors()


def _unavailable(reason):
    if IN_CI:
        pytest.fail(f"{reason} (CI needs it: start it, do not skip)", pytrace=False)
    pytest.skip(reason)


def redis_url():
    return os.environ.get("CELERY_BROKER_URL") or "redis://127.0.0.1:6379/0"


def _port_open(host, port):
    try:
        with socket.create_connection((host, port), timeout=1):
            return True
    except OSError:
        return False


def pytest_sessionstart(session):
    if IN_CI and settings.DATABASES["default"]["ENGINE"] != "django.db.backends.postgresql":
        raise pytest.UsageError("CI must run against PostgreSQL: set DATABASE_URL=postgres://…")


@pytest.fixture
def postgres():
    """For tests whose point is PostgreSQL behaviour (locking, constraints)."""
    if settings.DATABASES["default"]["ENGINE"] != "django.db.backends.postgresql":
        _unavailable("PostgreSQL is niet geconfigureerd (DATABASE_URL)")


@pytest.fixture(scope="session")
def redis_available():
    from urllib.parse import urlparse

    url = urlparse(redis_url())
    if not _port_open(url.hostname or "127.0.0.1", url.port or 6379):
        _unavailable(f"Redis is niet bereikbaar op {redis_url()}")
    return redis_url()


@pytest.fixture
def broker_down(monkeypatch):
    """Celery for real (not eager) with a broker on a port nobody listens on."""
    return send_tasks_to(monkeypatch, "redis://127.0.0.1:1/0")


def send_tasks_to(monkeypatch, url):
    """This process sends tasks to the broker at `url` for the rest of the test, not eagerly.
    Celery reads CELERY_BROKER_URL from the environment before its configuration: both are set."""
    from netwerkagenda.celery import app

    monkeypatch.setenv("CELERY_BROKER_URL", url)
    monkeypatch.setitem(app.conf, "task_always_eager", False)
    monkeypatch.setitem(app.conf, "broker_url", url)
    return url


def worker_database_url():
    """The test database as a DATABASE_URL, for the worker processes a test starts."""
    from django.db import connection

    db = connection.settings_dict
    user = db.get("USER") or "postgres"
    password = f":{db['PASSWORD']}" if db.get("PASSWORD") else ""
    return f"postgres://{user}{password}@{db.get('HOST') or '127.0.0.1'}:{db.get('PORT') or 5432}/{db['NAME']}"


@pytest.fixture(scope="session")
def chromium_path():
    if not shutil.which(CHROMIUM):
        _unavailable("Chromium ontbreekt (apt-get install chromium)")
    return CHROMIUM


def _load_agenda():
    from opgaven.models import Edition

    call_command("load_netwerkagenda", verbosity=0)
    return Edition.objects.get(slug="2021-2023")


@pytest.fixture
def agenda(db):
    """The real Netwerkagenda 2021-2023, loaded from fixtures/ for this test."""
    return _load_agenda()


@pytest.fixture(scope="module")
def module_agenda(django_db_setup, django_db_blocker):
    """The real agenda, loaded once for a module of read-only tests and rolled back after.

    Tests using it still take `db`: their own transactions nest inside this one."""
    from django.db import transaction

    with django_db_blocker.unblock():
        with transaction.atomic():
            edition = _load_agenda()
            yield edition
            transaction.set_rollback(True)


@dataclass
class World:
    edition: object
    chapter: object
    other_chapter: object
    koersgroep: object
    other_koersgroep: object
    netwerkoverleg: object
    reflectiegroep: object
    kb: object
    spn: object
    poi: object
    ob: object
    external: object
    users: dict

    def __getitem__(self, name):
        return self.users[name]


PERSONAS = [
    "anonymous", "ob_staff", "poi_staff", "spn_staff", "kb_staff", "writer", "reader",
    "other_writer", "other_reader", "advisor", "netwerkoverleg", "admin",
]


def _person_user(username, organisations, **user_kwargs):
    user = f.UserFactory(username=username, **user_kwargs)
    f.PersonFactory(name=user.get_full_name() or username, user=user, organisations=organisations)
    return user


@pytest.fixture
def world(db):
    """Two chapters, each steered by its own koersgroep, and one user per role.

    The first chapter also has an advisory body (a reflectiegroep): its schrijver, `advisor`,
    reads and comments but never edits."""
    edition = f.EditionFactory()
    kb = f.OrganisationFactory(key="kb", name="Koninklijke Bibliotheek", short_name="KB", type=OrganisationType.KB)
    spn = f.OrganisationFactory(key="spn", name="Samenwerkende POI's Nederland", short_name="SPN",
                                type=OrganisationType.SPN)
    poi = f.OrganisationFactory(key="rijnbrink", name="Rijnbrink", type=OrganisationType.POI)
    ob = f.OrganisationFactory(key="bibliotheek-eindhoven", name="Bibliotheek Eindhoven", type=OrganisationType.OB)
    external = f.OrganisationFactory(key="stichting-lezen", name="Stichting Lezen", type=OrganisationType.EXTERNAL)
    vob = f.OrganisationFactory(key="vob", name="Vereniging Openbare Bibliotheken", short_name="VOB",
                                type=OrganisationType.VOB)

    koersgroep = f.BodyFactory(slug="koersgroep-a", name="Koersgroep A")
    other_koersgroep = f.BodyFactory(slug="koersgroep-b", name="Koersgroep B")
    netwerkoverleg = f.BodyFactory(slug="netwerkoverleg", name="Netwerkoverleg", kind=BodyKind.NETWERKOVERLEG)
    reflectiegroep = f.BodyFactory(slug="reflectiegroep-a", name="Reflectiegroep A", kind=BodyKind.REFLECTIEGROEP)
    chapter = f.ChapterFactory(edition=edition, slug="onderdeel-a", title="Onderdeel A", number=3, position=1)
    other_chapter = f.ChapterFactory(edition=edition, slug="onderdeel-b", title="Onderdeel B", number=4, position=2)
    chapter.koersgroepen.add(koersgroep, reflectiegroep)
    other_chapter.koersgroepen.add(other_koersgroep)
    f.establish(chapter)
    f.establish(other_chapter)

    from governance.permissions import deferred

    with deferred():
        users = _personas(ob, poi, spn, kb, vob, external, koersgroep, other_koersgroep, netwerkoverleg,
                          reflectiegroep)
    return World(edition, chapter, other_chapter, koersgroep, other_koersgroep, netwerkoverleg, reflectiegroep,
                 kb, spn, poi, ob, external, users)


def _personas(ob, poi, spn, kb, vob, external, koersgroep, other_koersgroep, netwerkoverleg, reflectiegroep):
    """One user per role; their grants are derived once, when the block in `world` ends."""
    users = {"anonymous": None}
    users["ob_staff"] = _person_user("ob", [ob])
    users["poi_staff"] = _person_user("poi", [poi])
    users["spn_staff"] = _person_user("spn", [spn])
    users["kb_staff"] = _person_user("kb", [kb])
    for name, body, role, org in [
        ("writer", koersgroep, Role.WRITER, poi),
        ("reader", koersgroep, Role.READER, ob),
        ("other_writer", other_koersgroep, Role.WRITER, kb),
        ("other_reader", other_koersgroep, Role.READER, ob),
        ("advisor", reflectiegroep, Role.WRITER, external),
        ("netwerkoverleg", netwerkoverleg, Role.MEMBER, vob),
    ]:
        users[name] = _person_user(name, [org])
        f.MembershipFactory(body=body, person=users[name].person, role=role, organisation=org)
    users["admin"] = f.UserFactory(username="admin", is_staff=True, is_superuser=True)
    return users


@pytest.fixture
def client_for(client, world):
    """`client_for("writer")` is a test client logged in as that persona."""

    def make(persona):
        client.logout()
        if world[persona] is not None:
            client.force_login(world[persona])
        return client

    return make


@pytest.fixture
def signoff_route(world):
    """The 2021-2023 route for world's edition, {step name: step}, with the people who take
    each step: `spn_rep` and `kb_rep` represent SPN and KB in the netwerkoverleg (the persona
    `netwerkoverleg` represents the VOB), `ocw` sits in the bestuurlijk overleg."""
    from governance import permissions
    from governance.models import Organisation

    bestuurlijk = f.BodyFactory(slug="bestuurlijk-overleg", name="Bestuurlijk overleg",
                                kind=BodyKind.BESTUURLIJK_OVERLEG)
    vob = Organisation.objects.get(type=OrganisationType.VOB)
    steps = f.build_route(world.edition, netwerkoverleg=world.netwerkoverleg,
                          organisations=[vob, world.spn, world.kb], ratifier=bestuurlijk)
    for name, org in [("spn_rep", world.spn), ("kb_rep", world.kb)]:
        person = f.PersonFactory(user=f.UserFactory(username=name), organisations=[org])
        f.MembershipFactory(body=world.netwerkoverleg, person=person, role=Role.MEMBER, organisation=org)
    f.MembershipFactory(body=bestuurlijk, person=f.PersonFactory(user=f.UserFactory(username="ocw")),
                        role=Role.MEMBER)
    permissions.sync_all()
    return {step.name: step for step in steps}


@pytest.fixture(autouse=True)
def _empty_cache():
    """Each test starts with an empty cache, so a pinned query count never depends on which
    test ran before (the header's unread count, for one, is cached per account)."""
    from django.core.cache import cache

    cache.clear()
