"""governance.jobs: a job whose worker died is queued again, one the broker never got is handed
over, duplicates of a message do not run a job twice. The PDF export is the job kind here; the
real worker and broker are in tests/background/test_job_recovery.py."""

from datetime import timedelta

import pytest
from django.conf import settings
from django.utils import timezone

from governance import jobs
from governance.tasks import recover_jobs
from opgaven.models import ExportJob, ExportStatus
from opgaven.pdf import services
from tests import factories as f
from tests.opgaven.builders import build_agenda


@pytest.fixture
def edition(db):
    edition = f.EditionFactory()
    build_agenda(edition)
    return edition


def lost_since():
    return timezone.now() - timedelta(seconds=ExportJob.time_limit + 1)


def running(edition, **fields):
    fields = {"attempts": 1, "task_id": "first", "heartbeat_at": timezone.now(), **fields}
    return ExportJob.objects.create(edition=edition, year=2021, status=ExportStatus.RUNNING, progress=40, **fields)


def test_every_job_kind_is_recovered_by_the_beat_every_interval():
    assert ExportJob in jobs.job_models()
    entry = settings.CELERY_BEAT_SCHEDULE["recover-jobs"]
    assert entry["task"] == recover_jobs.name and entry["schedule"] == settings.JOB_RECOVERY_INTERVAL == 60


def test_a_job_whose_worker_died_is_queued_again_and_finished(edition):
    job = running(edition, heartbeat_at=lost_since())
    assert recover_jobs.delay().get() == 1  # eager in the tests: the task beat sends
    job.refresh_from_db()
    assert (job.status, job.attempts, job.error) == (ExportStatus.DONE, 2, "")


def test_a_job_with_a_recent_heartbeat_is_left_to_its_worker(edition, monkeypatch):
    job = running(edition, started_at=lost_since())  # started long ago, but still beating
    monkeypatch.setattr(services, "render_pdf", lambda *a, **k: pytest.fail("taken from its worker"))
    assert jobs.recover() == 0
    job.refresh_from_db()
    assert (job.status, job.attempts) == (ExportStatus.RUNNING, 1)


def test_a_job_that_keeps_losing_its_worker_fails_with_the_reason_in_dutch(edition):
    job = running(edition, heartbeat_at=lost_since(), attempts=ExportJob.max_attempts)
    assert jobs.recover() == 0
    job.refresh_from_db()
    assert job.status == ExportStatus.FAILED and job.finished_at
    assert job.error == f"Gestopt na {ExportJob.max_attempts} pogingen: de verwerking brak steeds af."
    assert job.can_requeue and not job.is_active


def test_a_job_never_handed_to_the_broker_is_handed_over(edition):
    job = ExportJob.objects.create(edition=edition, year=2021)  # e.g. the web process died before its commit hook
    assert jobs.recover() == 1
    job.refresh_from_db()
    assert job.status == ExportStatus.DONE


def test_a_job_handed_over_but_never_started_is_handed_over_again(edition):
    lost = ExportJob.objects.create(edition=edition, year=2021, enqueued_at=lost_since())
    waiting = ExportJob.objects.create(edition=edition, year=2021, enqueued_at=timezone.now())
    assert jobs.recover() == 1
    lost.refresh_from_db()
    waiting.refresh_from_db()
    assert (lost.status, waiting.status) == (ExportStatus.DONE, ExportStatus.QUEUED)


def test_a_second_message_for_a_running_job_does_not_run_it_twice(edition, monkeypatch):
    job = running(edition)
    monkeypatch.setattr(services, "render_pdf", lambda *a, **k: pytest.fail("rendered twice"))
    services.render_job(job.pk, task_id="duplicate")
    job.refresh_from_db()
    assert (job.status, job.attempts, job.task_id) == (ExportStatus.RUNNING, 1, "first")


def test_the_same_message_again_means_its_worker_was_lost_and_takes_over(edition):
    job = running(edition)  # Celery redelivers a message only when its worker process died
    services.render_job(job.pk, task_id="first")
    job.refresh_from_db()
    assert (job.status, job.attempts) == (ExportStatus.DONE, 2)


def test_the_worker_beats_while_it_works(edition):
    job = running(edition, heartbeat_at=lost_since())
    services.report_progress(job.pk, 60)
    job.refresh_from_db()
    assert job.progress == 60 and not job.is_lost(timezone.now())
    assert jobs.recover() == 0
