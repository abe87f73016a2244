"""The pages at the network's scale against the same pages at the real size (issue 15).

First the real agenda (with its monitoring data) is measured; then a copy of that database gets
`seed_scale --network` and the same pages are measured there. The requests alternate between the
two databases in rounds, so a busy moment on the machine falls on both sides alike. Each figure
is the median server time through Django's test client at network scale divided by the real
one, and the difference in the number of SQL queries (which must be 0). The copy is dropped
afterwards: the database the other parts use keeps the real agenda.

    page_<page>_network_vs_real          ratio
    page_<page>_queries_network_minus_real  queries"""

import os
import shutil
import statistics
import time
from contextlib import contextmanager

from django.contrib.auth import get_user_model
from django.core.management import call_command
from django.db import connection
from django.test import Client
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from benchmarks.support import Bench

ROUNDS = int(os.environ.get("BENCH_PAGE_ROUNDS", "3"))
SAMPLES = int(os.environ.get("BENCH_PAGE_SAMPLES", "5"))
CHAPTER = "medewerkers-en-vrijwilligers"


def page_urls():
    """{page: (url, signed in as the netwerkoverleg?)} for the current edition of the database in use."""
    from opgaven.models import Chapter, Edition

    chapter = Chapter.objects.get(edition=Edition.objects.current(), slug=CHAPTER)
    return {
        "home": (reverse("opgaven:home"), False),
        "chapter": (chapter.get_absolute_url(), False),
        "organisation_kb": (reverse("governance:organisation_detail", args=["kb"]), False),
        "cockpit": (reverse("monitoring:cockpit"), False),
        "dashboard": (reverse("monitoring:dashboard"), True),
        "dashboard_organisations": (reverse("monitoring:organisations"), True),
        "dashboard_matrix": (reverse("monitoring:matrix"), True),
        "actions": (reverse("monitoring:actions"), True),
        "search": (reverse("zoeken:search") + "?q=bibliotheek", False),
        "api_actions": (reverse("api:action-list"), False),
        # Both feeds hold the latest 20 updates: the chapter's has more than 20 at the real size
        # too, the KB's 7 (the network's KB fills all 20, so that figure also counts 13 more entries).
        "feed_chapter_updates": (reverse("feed_chapter_updates", args=[chapter.pk]), False),
        "feed_kb_updates": (reverse("feed_organisation_updates", args=["kb"]), False),
    }


class _Databases:
    """The real database and its copy at network scale; `use` switches the connection."""

    def __init__(self):
        self.real = connection.settings_dict["NAME"]
        self.network = f"{self.real}_netwerk" if connection.vendor == "postgresql" else f"{self.real}-netwerk"

    def use(self, name):
        if connection.settings_dict["NAME"] != name:
            connection.close()
            connection.settings_dict["NAME"] = name

    @contextmanager
    def copy(self):
        connection.close()
        if connection.vendor == "postgresql":
            self._drop()
            with connection._nodb_cursor() as cursor:
                cursor.execute(f'CREATE DATABASE "{self.network}" TEMPLATE "{self.real}"')
        else:
            shutil.copyfile(self.real, self.network)
        try:
            yield
        finally:
            self.use(self.real)
            connection.close()
            if connection.vendor == "postgresql":
                self._drop()
            else:
                os.remove(self.network)

    def _drop(self):
        with connection._nodb_cursor() as cursor:
            cursor.execute(f'DROP DATABASE IF EXISTS "{self.network}"')


def _clients():
    user, _ = get_user_model().objects.get_or_create(
        username="bench-netwerkoverleg", defaults={"is_superuser": True, "is_staff": True})
    # The session row is copied along with the database.
    staff = Bench.signed_in(Client(HTTP_HOST="127.0.0.1"), user)
    return Client(HTTP_HOST="127.0.0.1"), staff


def _get(client, url):
    response = client.get(url)
    if response.status_code != 200:
        raise RuntimeError(f"{url} gaf {response.status_code}")
    return response


def _queries(client, url):
    _get(client, url)  # a first request also fills Django's caches (content types, templates)
    with CaptureQueriesContext(connection) as queries:
        _get(client, url)
    return len(queries)


def _samples(client, url, n):
    _get(client, url)  # warm: the connection and the template cache
    samples = []
    for _ in range(n):
        start = time.perf_counter()
        _get(client, url)
        samples.append(time.perf_counter() - start)
    return samples


def run(bench):
    bench.scale(1)  # no synthetic copies (chapter, dashboard): the real agenda
    call_command("load_monitoring", verbosity=0)
    anonymous, staff = _clients()
    databases = _Databases()
    real_urls = page_urls()
    real_queries = {page: _queries(staff if signed_in else anonymous, url)
                    for page, (url, signed_in) in real_urls.items()}
    with databases.copy():
        databases.use(databases.network)
        start = time.perf_counter()
        call_command("seed_scale", network=True, verbosity=0)
        yield "network_seed_seconds", time.perf_counter() - start, "s"
        network_urls = page_urls()
        for page, (url, signed_in) in network_urls.items():
            client = staff if signed_in else anonymous
            network_queries = _queries(client, url)
            timings = {"real": [], "network": []}
            for _ in range(ROUNDS):
                databases.use(databases.real)
                timings["real"] += _samples(client, real_urls[page][0], SAMPLES)
                databases.use(databases.network)
                timings["network"] += _samples(client, url, SAMPLES)
            ratio = statistics.median(timings["network"]) / statistics.median(timings["real"])
            yield f"page_{page}_network_vs_real", ratio, "ratio"
            yield f"page_{page}_queries_network_minus_real", network_queries - real_queries[page], "queries"
