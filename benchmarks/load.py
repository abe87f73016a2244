"""50 people at once against gunicorn and PostgreSQL, for 60 seconds.

- 20 writers edit sections of their chapters through the real edit form (GET the form, POST
  it back with its CSRF token and the version it was loaded with), each adding a marker;
- 10 carriers post progress updates on the actions their organisation carries;
- 20 readers browse the public pages and the dashboards, and a trivial view (/gezond/).

Afterwards the database is checked: every accepted edit (302) is in the section's history and
still in its text (nobody overwrote it unseen), every refused one was told so (409, the
conflict form), every accepted progress update is stored. Figures:
- load_50_errors: 5xx responses and connection errors;
- load_50_lost_updates: accepted writes missing from the history or the text, plus writes
  that were neither accepted nor refused;
- load_50_p95_vs_trivial: the 95th percentile of all responses over that of /gezond/.

Only loopback traffic to a server this module starts; every loop stops at the deadline.
"""

import html
import os
import re
import signal
import socket
import statistics
import subprocess
import sys
import threading
import time
from importlib import import_module
from pathlib import Path

DURATION = float(os.environ.get("LOAD_SECONDS", "60"))
WRITERS, CARRIERS, READERS = 20, 10, 20
ROOT = Path(__file__).resolve().parent.parent
CSRF = re.compile(r'name="csrfmiddlewaretoken" value="([^"]+)"')
VERSION = re.compile(r'name="version" value="(\d+)"')
TITLE = re.compile(r'<input[^>]*name="title"[^>]*value="([^"]*)"')
BODY = re.compile(r'<textarea[^>]*name="body"[^>]*>(.*?)</textarea>', re.S)
CARRIER = re.compile(r'<select[^>]*name="carrier".*?<option value="(\d+)"', re.S)


def _free_port():
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


def _session(user):
    from django.conf import settings
    from django.contrib.auth import BACKEND_SESSION_KEY, HASH_SESSION_KEY, SESSION_KEY

    store = import_module(settings.SESSION_ENGINE).SessionStore()
    # As django.contrib.auth.login leaves it after a password sign-in (the backend that loads users).
    store[SESSION_KEY], store[BACKEND_SESSION_KEY] = str(user.pk), "django.contrib.auth.backends.ModelBackend"
    store[HASH_SESSION_KEY] = user.get_session_auth_hash()
    store.create()
    return store.session_key


def _people():
    """Writers (schrijver of the koersgroep of a chapter), carriers (staff of an organisation
    that carries actions) and their sections and actions."""
    from django.contrib.auth import get_user_model

    from governance import services
    from governance.models import Body, Person, Role
    from jaarprogramma.models import Action
    from opgaven.models import Edition, Section

    User = get_user_model()
    edition = Edition.objects.current()
    writers = []
    bodies = list(Body.objects.steering().filter(chapters__edition=edition).distinct())
    for i in range(WRITERS):
        body = bodies[i % len(bodies)]
        chapter = body.chapters.filter(edition=edition).first()
        sections = list(Section.objects.filter(chapter=chapter).order_by("pk")[:2])
        user, _ = User.objects.get_or_create(username=f"load-schrijver-{i}")
        person, _ = Person.objects.get_or_create(user=user, defaults={"name": f"Schrijver {i}"})
        if not body.memberships.filter(person=person).exists():
            services.add_membership(body=body, person=person, role=Role.WRITER)
        writers.append((user, chapter, sections))
    carriers = []
    actions = Action.objects.filter(carriers__organisation__isnull=False, jaarprogramma__chapter__edition=edition)
    for i, action in enumerate(actions.select_related("jaarprogramma").distinct()[:CARRIERS]):
        organisation = action.carriers.exclude(organisation=None).first().organisation
        user, _ = User.objects.get_or_create(username=f"load-drager-{i}")
        person, _ = Person.objects.get_or_create(user=user, defaults={"name": f"Drager {i}"})
        services.add_person_organisations(person=person, organisations=[organisation])
        carriers.append((user, action))
    return edition, writers, carriers


class Recorder:
    def __init__(self, base):
        self.base = base
        self.lock = threading.Lock()
        self.times, self.trivial = [], []
        self.errors = 0
        self.statuses = {}
        self.edits = []  # (section id, marker, outcome)
        self.updates = []  # (marker, outcome)

    def timed(self, session, method, url, trivial=False, **kwargs):
        start = time.perf_counter()
        try:
            response = session.request(method, self.base + url, timeout=30, allow_redirects=False, **kwargs)
        except Exception as exc:  # connection refused, reset, timeout: all count as errors
            with self.lock:
                self.errors += 1
                if self.errors <= 3:
                    print(f"# load: {method} {url}: {type(exc).__name__}: {exc}", flush=True)
            time.sleep(0.5)  # no tight loop against a server that is not there
            return None
        elapsed = time.perf_counter() - start
        with self.lock:
            (self.trivial if trivial else self.times).append(elapsed)
            self.statuses[response.status_code] = self.statuses.get(response.status_code, 0) + 1
            if response.status_code >= 500:
                self.errors += 1
                if self.errors <= 3:
                    print(f"# load: {method} {url}: {response.status_code}", flush=True)
        return response


def _writer(base, recorder, deadline, number, cookie, chapter_url, sections):
    import requests

    session = requests.Session()
    session.cookies.set("sessionid", cookie)
    n = 0
    while time.time() < deadline:
        section = sections[n % len(sections)]
        url = f"{chapter_url}bewerken/paragraaf/{section}/"
        page = recorder.timed(session, "GET", url)
        if page is None or page.status_code != 200:
            continue
        csrf, version = CSRF.search(page.text), VERSION.search(page.text)
        title, body = TITLE.search(page.text), BODY.search(page.text)
        if not (csrf and version and body):
            continue
        marker = f"[load-w{number}-{n}]"
        n += 1
        data = {"csrfmiddlewaretoken": csrf[1], "version": version[1],
                "title": html.unescape(title[1] if title else ""),
                "body": html.unescape(body[1]).lstrip("\n") + f"\n\n{marker}"}
        response = recorder.timed(session, "POST", url, data=data, headers={"Referer": base + url})
        outcome = "lost" if response is None else {302: "accepted", 409: "refused"}.get(response.status_code, "other")
        with recorder.lock:
            recorder.edits.append((section, marker, outcome))


def _carrier(base, recorder, deadline, number, cookie, url):
    import datetime

    import requests

    session = requests.Session()
    session.cookies.set("sessionid", cookie)
    n = 0
    while time.time() < deadline:
        page = recorder.timed(session, "GET", url)
        if page is None or page.status_code != 200:
            continue
        csrf, carrier = CSRF.search(page.text), CARRIER.search(page.text)
        if not (csrf and carrier):
            continue
        marker = f"[load-d{number}-{n}]"
        n += 1
        data = {"csrfmiddlewaretoken": csrf[1], "carrier": carrier[1], "date": datetime.date.today().isoformat(),
                "text": f"Voortgang {marker}", "percentage": str(n % 100), "status": ""}
        response = recorder.timed(session, "POST", url, data=data, headers={"Referer": base + url})
        outcome = "lost" if response is None else {302: "accepted"}.get(response.status_code, "other")
        with recorder.lock:
            recorder.updates.append((marker, outcome))


def _reader(base, recorder, deadline, urls):
    import requests

    session = requests.Session()
    n = 0
    while time.time() < deadline:
        n += 1
        if n % 3 == 1:  # the first request too: every reader samples the trivial view
            recorder.timed(session, "GET", "/gezond/", trivial=True)
        else:
            recorder.timed(session, "GET", urls[n % len(urls)])


def _check(recorder):
    """Lost updates, counted against the database."""
    from monitoring.models import ProgressUpdate
    from opgaven.models import Section

    lost = 0
    accepted = [(s, m) for s, m, outcome in recorder.edits if outcome == "accepted"]
    lost += sum(1 for _s, _m, outcome in recorder.edits if outcome in ("lost", "other"))
    history = {}
    for section_id, body in Section.history.filter(id__in={s for s, _m in accepted}).values_list("id", "body"):
        history.setdefault(section_id, []).append(body)
    final = dict(Section.objects.filter(pk__in={s for s, _m in accepted}).values_list("pk", "body"))
    for section_id, marker in accepted:
        in_history = any(marker in body for body in history.get(section_id, []))
        if not in_history or marker not in final.get(section_id, ""):
            lost += 1
    stored = set(ProgressUpdate.objects.filter(text__contains="[load-d").values_list("text", flat=True))
    for marker, outcome in recorder.updates:
        if outcome != "accepted" or f"Voortgang {marker}" not in stored:
            lost += 1
    return lost


def run(bench):
    from django.conf import settings
    from django.db import connection
    from django.urls import reverse

    if connection.vendor != "postgresql":
        print("# load: overgeslagen, PostgreSQL is niet geconfigureerd (DATABASE_URL=postgres://…)", flush=True)
        return
    edition, writers, carriers = _people()
    port = _free_port()
    base = f"http://127.0.0.1:{port}"
    env = {**os.environ, "DJANGO_SETTINGS_MODULE": "netwerkagenda.test_settings", "SECRET_KEY": settings.SECRET_KEY,
           "ALLOWED_HOSTS": "127.0.0.1,localhost"}
    server = subprocess.Popen(
        [str(Path(sys.executable).parent / "gunicorn"), "-c", "netwerkagenda/gunicorn.conf.py", "--bind",
         f"127.0.0.1:{port}", "--access-logfile", "/dev/null", "netwerkagenda.wsgi:application"],
        cwd=ROOT, env=env, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL, start_new_session=True)
    try:
        _wait_for(base)
        chapters = [c for _u, c, _s in writers]
        reading = [reverse("opgaven:home"), *{reverse("opgaven:chapter_detail", args=[edition.slug, c.slug])
                                               for c in chapters},
                   reverse("monitoring:dashboard"), reverse("monitoring:organisations"),
                   reverse("monitoring:matrix"), reverse("monitoring:actions")]
        recorder = Recorder(base)
        deadline = time.time() + DURATION
        threads = []
        for i, (user, chapter, sections) in enumerate(writers):
            url = reverse("opgaven:chapter_detail", args=[edition.slug, chapter.slug])
            threads.append(threading.Thread(target=_writer, args=(
                base, recorder, deadline, i, _session(user), url, [s.pk for s in sections])))
        for i, (user, action) in enumerate(carriers):
            url = reverse("monitoring:action_progress", args=[action.pk])
            threads.append(threading.Thread(target=_carrier, args=(base, recorder, deadline, i, _session(user), url)))
        for _i in range(READERS):
            threads.append(threading.Thread(target=_reader, args=(base, recorder, deadline, reading)))
        for thread in threads:
            thread.start()
        for thread in threads:
            thread.join(DURATION + 60)
    finally:
        os.killpg(server.pid, signal.SIGTERM)
        server.wait(30)
    everything = recorder.times + recorder.trivial
    accepted = sum(1 for *_x, outcome in recorder.edits if outcome == "accepted")
    refused = sum(1 for *_x, outcome in recorder.edits if outcome == "refused")
    print(f"# load: {len(everything)} antwoorden, {accepted} bewerkingen aanvaard, {refused} geweigerd (409), "
          f"{len(recorder.updates)} voortgangsmeldingen; statussen {sorted(recorder.statuses.items())}", flush=True)
    yield "load_50_errors", recorder.errors, "count"
    yield "load_50_lost_updates", _check(recorder), "count"
    yield "load_50_p95_vs_trivial", _p95(everything) / _p95(recorder.trivial), "ratio"


def _p95(samples):
    return statistics.quantiles(samples, n=20)[-1] if len(samples) > 1 else float("nan")


def _wait_for(base):
    import requests

    for _attempt in range(120):
        try:
            if requests.get(base + "/gezond/", timeout=2).status_code < 500:
                return
        except requests.RequestException:
            pass
        time.sleep(0.5)
    raise RuntimeError("gunicorn kwam niet op")
