"""End to end: a real Celery worker renders the real agenda from Redis, survives being killed.

Not eager: the test process enqueues through Redis, a `celery worker` subprocess (prefork,
one child) renders against the test database, and the PDF's text is checked with pdftotext.
"""

import os
import re
import signal
import subprocess
import sys
import time
import uuid
from pathlib import Path

import pytest
from django.conf import settings as django_settings

from netwerkagenda.celery import app as celery_app
from opgaven.models import Block, BlockKind, ExportStatus
from opgaven.pdf import services
from tests import factories as f
from tests.conftest import send_tasks_to, worker_database_url

pytestmark = [pytest.mark.worker, pytest.mark.django_db(transaction=True)]

BASE_DIR = Path(django_settings.BASE_DIR)


@pytest.fixture
def worker(postgres, redis_available, settings, monkeypatch):
    """Start `celery worker` on a queue of its own; yields a handle to find and kill its child."""
    queue = f"pdf-test-{uuid.uuid4().hex[:8]}"
    settings.PDF_EXPORT_QUEUE = queue
    send_tasks_to(monkeypatch, redis_available)
    env = {
        **os.environ,
        "DJANGO_SETTINGS_MODULE": "netwerkagenda.settings",
        "DATABASE_URL": worker_database_url(),
        "CELERY_BROKER_URL": redis_available,
        "MEDIA_ROOT": str(settings.MEDIA_ROOT),
        "SECRET_KEY": "worker-test-secret",
        "SECURE": "false",
        "LOG_LEVEL": "WARNING",
    }
    command = [
        sys.executable, "-m", "celery", "-A", "netwerkagenda", "worker", "-Q", queue,
        "--pool=prefork", "--concurrency=1", "--loglevel=WARNING", "-n", f"{queue}@%h",
        "--without-gossip", "--without-mingle", "--without-heartbeat",
    ]
    log = open(Path(settings.MEDIA_ROOT) / f"{queue}.log", "w+")
    process = subprocess.Popen(command, cwd=BASE_DIR, env=env, stdout=log, stderr=subprocess.STDOUT,
                               start_new_session=True)
    try:
        yield process
    finally:
        try:
            os.killpg(process.pid, signal.SIGKILL)
        except ProcessLookupError:
            pass
        process.wait(timeout=10)
        log.seek(0)
        print(log.read()[-5000:])
        log.close()
        with celery_app.connection_for_write(redis_available) as conn:
            conn.default_channel.queue_delete(queue)


def children(pid):
    path = Path(f"/proc/{pid}/task/{pid}/children")
    return [int(child) for child in path.read_text().split()] if path.exists() else []


def wait_for(predicate, timeout, what):
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        value = predicate()
        if value:
            return value
        time.sleep(0.1)
    pytest.fail(f"Wachten duurde te lang: {what}")


def pdf_pages(path):
    text = subprocess.run(["pdftotext", "-layout", str(path), "-"], capture_output=True, text=True,
                          check=True).stdout
    return text.split("\f")


def normalise(text):
    return " ".join(text.split())


def test_a_worker_killed_mid_render_is_replaced_and_the_real_agenda_pdf_is_complete(agenda, worker):
    user = f.UserFactory(username="exporteur")
    job = services.start_export(user=user, edition=agenda, year=2021)
    assert job.status == ExportStatus.QUEUED

    def rendering():
        job.refresh_from_db()
        return job.status == ExportStatus.RUNNING and job.progress >= 50

    wait_for(rendering, 60, "de worker begint te renderen")
    child = wait_for(lambda: children(worker.pid), 5, "het werkproces")[0]
    os.kill(child, signal.SIGKILL)

    def finished():
        job.refresh_from_db()
        return job.status in (ExportStatus.DONE, ExportStatus.FAILED)

    wait_for(finished, 90, "de export is klaar na de herstart")
    assert job.status == ExportStatus.DONE, job.error
    assert job.attempts == 2  # the killed attempt, then the one that finished
    assert child not in children(worker.pid)

    pages = pdf_pages(job.file.path)
    whole = normalise(" ".join(pages))
    chapters = list(agenda.chapters.all())
    assert len(chapters) == 11

    toc = normalise(" ".join(pages[1:4]))
    for chapter in chapters:
        title = chapter.display_title
        assert title in whole, title
        match = re.search(rf"\b{chapter.number}\. {re.escape(title)} ?[. ]*?(\d+)\b", toc)
        assert match, f"{title} ontbreekt in de inhoudsopgave"
        listed = int(match[1])
        starts = next(
            number for number, page in enumerate(pages, start=1)
            if re.search(rf"^\s*HOOFDSTUK {chapter.number}\s*$", page, re.M | re.I)
        )
        assert listed == starts, f"{title}: inhoud zegt {listed}, begint op {starts}"
        assert title in normalise(pages[starts - 1])

    participants = list(agenda.participants.all())
    assert len(participants) == 127
    slot = normalise(" ".join(pages[-6:]))
    missing = [person.name for person in participants if normalise(person.name) not in slot]
    assert missing == []

    # Every figure, with its caption and the start of its text alternative (hyphenation undone).
    joined = normalise(re.sub(r"(\w)-\n\s*(\w)", r"\1\2", " ".join(pages)))
    for figure in Block.objects.filter(kind=BlockKind.FIGURE):
        assert figure.text in joined, figure.text
        assert "Beschrijving van de figuur: " + " ".join(figure.figure_description.split()[:6]) in joined
