"""Jobs recover by themselves, with real workers, beat, Redis and PostgreSQL: a job whose worker
was killed is finished by another within twice its hard time limit, and a job made while the
broker was unreachable is picked up once it is back (governance.jobs).

The export's hard time limit is small here (HARD_LIMIT) and beat runs the recovery every second.
To kill the worker while it is surely working on the job, the test holds a lock on the table of
people, which the PDF's participant list reads after the job is claimed: the render waits there."""

import os
import uuid
from datetime import timedelta

import psycopg
import pytest
from django.utils import timezone

from governance import jobs
from netwerkagenda.celery import app as celery_app
from opgaven.models import ExportStatus
from opgaven.pdf import services
from tests import factories as f
from tests.background.processes import Process, beat, wait_for, worker
from tests.conftest import send_tasks_to, worker_database_url
from tests.opgaven.builders import build_agenda

pytestmark = [pytest.mark.worker, pytest.mark.django_db(transaction=True)]

HARD_LIMIT = 20


@pytest.fixture
def background(postgres, redis_available, settings, monkeypatch, tmp_path, processes):
    """Starts workers and beat on a queue of the test's own, against the test database."""
    queue = f"jobs-test-{uuid.uuid4().hex[:8]}"
    settings.PDF_EXPORT_QUEUE = queue
    send_tasks_to(monkeypatch, redis_available)
    env = {
        **{key: value for key, value in os.environ.items() if key != "DJANGO_ALLOW_ASYNC_UNSAFE"},
        "DJANGO_SETTINGS_MODULE": "tests.celery_recovery_settings",
        "CELERY_TEST_QUEUE": queue,
        "DATABASE_URL": worker_database_url(),
        "CELERY_BROKER_URL": redis_available,
        "MEDIA_ROOT": str(settings.MEDIA_ROOT),
        "SECRET_KEY": "worker-test-secret",
        "SECURE": "false",
        "LOG_LEVEL": "WARNING",
        "PDF_EXPORT_TIME_LIMIT": str(HARD_LIMIT),
        "PDF_EXPORT_SOFT_TIME_LIMIT": str(HARD_LIMIT - 5),
        "JOB_RECOVERY_INTERVAL": "1",
    }

    class Background:
        def start(self, name, command):
            process = Process(command, env, tmp_path / f"{name}.log")
            processes.append(process)
            return process

        def worker(self, name, pool="prefork"):
            return self.start(name, worker(queue, pool=pool, name=f"{name}-{queue}"))

        def beat(self):
            return self.start("beat", beat(tmp_path / "schedule"))

    yield Background()
    with celery_app.connection_for_write(redis_available) as conn:
        conn.default_channel.queue_delete(queue)


@pytest.fixture
def edition(db):
    edition = f.EditionFactory()
    build_agenda(edition)
    return edition


def _job_is(job, *statuses):
    def check():
        job.refresh_from_db()
        return job.status in statuses
    return check


def test_a_job_whose_worker_is_killed_is_finished_by_a_new_worker_within_twice_its_hard_limit(
        edition, background):
    job = services.start_export(user=None, edition=edition, year=2021)  # in Redis; no worker yet
    assert (job.status, job.progress) == (ExportStatus.QUEUED, 0)
    with psycopg.connect(worker_database_url()) as lock:
        lock.execute("LOCK TABLE governance_person IN ACCESS EXCLUSIVE MODE")
        first = background.worker("first", pool="solo")  # the worker process runs the job itself
        wait_for(_job_is(job, ExportStatus.RUNNING), "de eerste worker begint")
        first.kill()
        killed_at = timezone.now()
        lock.rollback()
    # Redis would give the unacknowledged message back only after its visibility timeout (an hour).
    background.worker("second")
    background.beat()

    wait_for(_job_is(job, ExportStatus.DONE, ExportStatus.FAILED), "een nieuwe worker maakt de export af",
             timeout=2 * HARD_LIMIT + 30)
    assert job.status == ExportStatus.DONE, job.error
    assert job.attempts == 2  # the killed attempt, then the one that finished
    assert job.file.read(5) == b"%PDF-"
    taken = job.finished_at - killed_at
    assert taken <= timedelta(seconds=2 * HARD_LIMIT), taken


def test_a_job_made_while_the_broker_is_unreachable_is_picked_up_once_it_is_back(
        edition, background, monkeypatch):
    send_tasks_to(monkeypatch, "redis://127.0.0.1:1/0")
    job = services.start_export(user=None, edition=edition, year=2021)  # does not raise
    job.refresh_from_db()
    assert (job.status, job.enqueued_at) == (ExportStatus.QUEUED, None)
    assert job.error == jobs.waiting_for_broker()

    # The broker is reachable (workers and beat use the real one): beat's recovery hands it over.
    background.worker("worker")
    background.beat()
    wait_for(_job_is(job, ExportStatus.DONE, ExportStatus.FAILED), "de export wordt opgepakt")
    assert (job.status, job.error, job.attempts) == (ExportStatus.DONE, "", 1)
    assert job.enqueued_at is not None
