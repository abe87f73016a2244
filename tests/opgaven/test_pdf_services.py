"""Export jobs: start, render, reuse, retry limits, time limits, dead workers, a broker that is down."""


import pytest
from celery.exceptions import SoftTimeLimitExceeded
from django.core.management import CommandError, call_command

from governance import jobs
from netwerkagenda.celery import app as celery_app
from opgaven.models import ExportJob, ExportKind, ExportStatus
from opgaven.pdf import services
from tests import factories as f


def start(user, edition, capture, **kwargs):
    with capture(execute=True):
        job = services.start_export(user=user, edition=edition, year=2021, **kwargs)
    job.refresh_from_db()
    return job


def test_an_export_renders_the_pdf_and_records_it_on_the_job(
    small_agenda, exporter, django_capture_on_commit_callbacks
):
    job = start(exporter, small_agenda, django_capture_on_commit_callbacks)
    assert (job.status, job.progress, job.attempts, job.error) == (ExportStatus.DONE, 100, 1, "")
    assert job.requested_by == exporter and job.started_at <= job.finished_at
    assert job.file.read(5) == b"%PDF-"
    assert len(job.content_hash) == 64


def test_a_chapter_export_is_its_own_kind(small_agenda, exporter, django_capture_on_commit_callbacks):
    chapter = small_agenda.chapters.first()
    job = start(exporter, small_agenda, django_capture_on_commit_callbacks, chapter=chapter)
    assert job.kind == "onderdeel" and job.status == ExportStatus.DONE
    assert job.file.name.endswith(".pdf") and chapter.slug in job.file.name


def test_unchanged_data_is_served_from_the_stored_file_at_once(
    small_agenda, exporter, django_capture_on_commit_callbacks, monkeypatch
):
    first = start(exporter, small_agenda, django_capture_on_commit_callbacks)
    monkeypatch.setattr(services, "render_pdf", lambda *a, **k: pytest.fail("rendered again"))
    with django_capture_on_commit_callbacks() as callbacks:
        again = services.start_export(user=exporter, edition=small_agenda, year=2021)
    assert callbacks == []  # nothing enqueued
    assert again.status == ExportStatus.DONE and again.file.name == first.file.name
    assert ExportJob.objects.count() == 2  # the earlier export stays listed


def test_changed_data_is_rendered_again(small_agenda, exporter, django_capture_on_commit_callbacks):
    first = start(exporter, small_agenda, django_capture_on_commit_callbacks)
    small_agenda.chapters.filter(number=3).update(title="Een nieuwe titel")
    second = start(exporter, small_agenda, django_capture_on_commit_callbacks)
    assert second.content_hash != first.content_hash
    assert second.file.name != first.file.name


def test_a_change_that_shows_nothing_new_reuses_the_file_without_rendering_the_pdf(
    small_agenda, exporter, django_capture_on_commit_callbacks, monkeypatch
):
    first = start(exporter, small_agenda, django_capture_on_commit_callbacks)
    # A draft edit changes the data (so the fingerprint) but not what the PDF shows.
    small_agenda.chapters.filter(number=3).update(title="Een concepttitel")
    renders = []
    real_render_html = services.render_html
    monkeypatch.setattr(services, "render_html", lambda *a: renders.append(a) or real_render_html(*a))
    monkeypatch.setattr(services, "content_hash", lambda kind, html: first.content_hash)
    monkeypatch.setattr(services, "render_pdf", lambda *a, **k: pytest.fail("the PDF was rendered again"))
    with django_capture_on_commit_callbacks() as callbacks:
        again = services.start_export(user=exporter, edition=small_agenda, year=2021)
    assert renders == [] and len(callbacks) == 1  # nothing rendered in the request: the worker does it
    callbacks[0]()
    again.refresh_from_db()
    assert len(renders) == 1
    assert again.status == ExportStatus.DONE and again.file.name == first.file.name
    assert again.fingerprint != first.fingerprint


def test_a_document_without_a_fingerprint_is_served_at_once_when_its_html_is_unchanged(
    small_agenda, exporter, django_capture_on_commit_callbacks, monkeypatch
):
    # The progress report (like the reactienota) declares no tables: its HTML is hashed in the request.
    first = start(exporter, small_agenda, django_capture_on_commit_callbacks, kind=ExportKind.PROGRESS)
    assert first.status == ExportStatus.DONE and not first.fingerprint
    monkeypatch.setattr(services, "render_pdf", lambda *a, **k: pytest.fail("rendered again"))
    with django_capture_on_commit_callbacks() as callbacks:
        again = services.start_export(user=exporter, edition=small_agenda, year=2021, kind=ExportKind.PROGRESS)
    assert callbacks == []
    assert again.status == ExportStatus.DONE and again.file.name == first.file.name


def test_a_job_that_keeps_crashing_its_worker_fails_for_good(small_agenda, exporter):
    job = ExportJob.objects.create(edition=small_agenda, year=2021, requested_by=exporter,
                                   status=ExportStatus.RUNNING, attempts=ExportJob.max_attempts)
    services.render_job(job.pk)
    job.refresh_from_db()
    assert job.status == ExportStatus.FAILED
    assert "pogingen" in job.error and job.attempts == ExportJob.max_attempts


def test_a_redelivered_job_counts_its_attempts_and_finishes(small_agenda, exporter):
    job = ExportJob.objects.create(edition=small_agenda, year=2021, requested_by=exporter,
                                   status=ExportStatus.RUNNING, attempts=1, progress=60)
    services.render_job(job.pk)
    job.refresh_from_db()
    assert (job.status, job.attempts) == (ExportStatus.DONE, 2)


def test_a_finished_job_delivered_twice_is_not_rendered_again(small_agenda, exporter, monkeypatch):
    job = ExportJob.objects.create(edition=small_agenda, year=2021, status=ExportStatus.DONE, attempts=1)
    monkeypatch.setattr(services, "render_pdf", lambda *a, **k: pytest.fail("rendered again"))
    services.render_job(job.pk)
    job.refresh_from_db()
    assert job.attempts == 1


@pytest.mark.parametrize("exception, message", [
    (RuntimeError("kapot"), "mislukt"),
    (SoftTimeLimitExceeded(), "te lang"),
])
def test_a_render_error_or_the_soft_time_limit_marks_the_job_failed(
    small_agenda, exporter, monkeypatch, exception, message
):
    def explode(*args, **kwargs):
        raise exception

    monkeypatch.setattr(services, "render_pdf", explode)
    job = ExportJob.objects.create(edition=small_agenda, year=2021, requested_by=exporter)
    services.render_job(job.pk)
    job.refresh_from_db()
    assert job.status == ExportStatus.FAILED and message in job.error and job.finished_at


def test_with_the_broker_down_the_job_waits_with_a_dutch_message_and_starts_when_it_is_back(
    small_agenda, exporter, broker_down, django_capture_on_commit_callbacks
):
    job = start(exporter, small_agenda, django_capture_on_commit_callbacks)
    assert (job.status, job.enqueued_at) == (ExportStatus.QUEUED, None)
    assert job.error == "In de wachtrij: wordt gestart zodra de verwerking weer beschikbaar is."
    assert job.is_active and not job.can_requeue

    assert jobs.recover() == 0  # still down: the job keeps waiting
    job.refresh_from_db()
    assert job.status == ExportStatus.QUEUED

    celery_app.conf.task_always_eager = True  # the broker is back (the fixture restores it)
    assert jobs.recover() == 1
    job.refresh_from_db()
    assert (job.status, job.error, job.attempts) == (ExportStatus.DONE, "", 1)


def test_the_command_writes_the_pdf_through_the_same_service(small_agenda, tmp_path):
    out = tmp_path / "agenda.pdf"
    call_command("export_agenda", "--out", str(out), "--edition", "2021-2023", "--year", "2021", stdout=None)
    assert out.read_bytes()[:5] == b"%PDF-"
    chapter_out = tmp_path / "onderdeel.pdf"
    call_command("export_agenda", "--out", str(chapter_out), "--chapter", "opgave-3")
    assert chapter_out.stat().st_size < out.stat().st_size


@pytest.mark.parametrize("args, message", [
    (["--edition", "1999-2000"], "bestaat niet"),
    (["--year", "2030"], "valt buiten"),
    (["--chapter", "bestaat-niet"], "bestaat niet"),
])
def test_the_command_explains_bad_arguments_in_dutch(small_agenda, tmp_path, args, message):
    with pytest.raises(CommandError, match=message):
        call_command("export_agenda", "--out", str(tmp_path / "x.pdf"), *args)


def test_a_person_requeues_a_failed_job_with_fresh_attempts(small_agenda, django_capture_on_commit_callbacks):
    job = ExportJob.objects.create(edition=small_agenda, year=2021, status=ExportStatus.FAILED,
                                   attempts=ExportJob.max_attempts, error="kapot")
    assert job.can_requeue
    with django_capture_on_commit_callbacks(execute=True):
        services.requeue_job(job=job)
    job.refresh_from_db()
    assert (job.status, job.attempts, job.error) == (ExportStatus.DONE, 1, "")


def test_requeue_leaves_a_finished_job_alone(small_agenda):
    job = ExportJob.objects.create(edition=small_agenda, year=2021, status=ExportStatus.DONE)
    services.requeue_job(job=job)
    job.refresh_from_db()
    assert job.status == ExportStatus.DONE


def test_an_edition_without_chapters_still_exports(db, exporter, django_capture_on_commit_callbacks):
    job = start(exporter, f.EditionFactory(), django_capture_on_commit_callbacks)
    assert job.status == ExportStatus.DONE
