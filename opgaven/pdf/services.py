"""Export jobs: start one, render it (in the worker), re-queue it, clean up dead ones.

The Celery task only calls `render_job`; everything a job goes through is recorded on its
ExportJob row, so the browser, the command line and the tests all read the same state.
"""

import logging
from datetime import timedelta
from functools import partial

from celery.exceptions import SoftTimeLimitExceeded
from django.conf import settings
from django.core.files.base import ContentFile
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _
from kombu.exceptions import OperationalError

from opgaven.models import ExportJob, ExportKind, ExportStatus
from opgaven.signals import export_finished, export_requested

from .render import content_hash, fingerprint, render_html, render_pdf

logger = logging.getLogger(__name__)

# A PDF that kills its worker every time must not be retried for ever.
MAX_ATTEMPTS = getattr(settings, "PDF_EXPORT_MAX_ATTEMPTS", 3)
SOFT_TIME_LIMIT = getattr(settings, "PDF_EXPORT_SOFT_TIME_LIMIT", 240)
HARD_TIME_LIMIT = getattr(settings, "PDF_EXPORT_TIME_LIMIT", 300)
# A job "bezig" for longer than a worker may run it has lost its worker.
STALE_AFTER = timedelta(seconds=HARD_TIME_LIMIT + 60)

BROKER_DOWN = "De achtergrondverwerking is nu niet bereikbaar; probeer het later opnieuw."


def export_queue():
    return getattr(settings, "PDF_EXPORT_QUEUE", "celery")


def _ids(job):
    return job.edition_id, job.year, job.chapter_id


def file_name(job):
    parts = ["netwerkagenda", job.edition.slug, str(job.year)]
    if job.chapter_id:
        parts.append(job.chapter.slug)
    return "-".join(parts) + ".pdf"


@transaction.atomic
def start_export(*, user, edition, year, chapter=None, kind=None):
    """A new job; served at once from an earlier file when nothing changed since."""
    kind = kind or (ExportKind.CHAPTER if chapter else ExportKind.AGENDA)
    job = ExportJob(kind=kind, edition=edition, year=year, chapter=chapter, requested_by=user)
    done = ExportJob.objects.filter(status=ExportStatus.DONE, kind=kind).exclude(file="").order_by("-finished_at")
    # Nothing the document is made of changed (data, templates, stylesheets, fonts): decided
    # without rendering. Otherwise the HTML is rendered and hashed: a change that shows
    # nothing new (a draft, another year) still reuses the file.
    job.fingerprint = fingerprint(kind, *_ids(job)) or ""
    earlier = done.filter(fingerprint=job.fingerprint).first() if job.fingerprint else None
    if earlier is None:
        job.content_hash = content_hash(kind, render_html(kind, *_ids(job)))
        earlier = done.filter(content_hash=job.content_hash).first()
    else:
        job.content_hash = earlier.content_hash
    if earlier and earlier.file.storage.exists(earlier.file.name):
        now = timezone.now()
        job.file.name = earlier.file.name
        job.status, job.progress = ExportStatus.DONE, 100
        job.started_at = job.finished_at = now
        job.save()
        export_requested.send(sender=ExportJob, job=job)
        return job
    job.save()
    export_requested.send(sender=ExportJob, job=job)
    transaction.on_commit(partial(enqueue, job.pk))
    return job


def enqueue(job_id):
    """Hand the job to the worker; when the broker is down, say so on the job and keep it."""
    from opgaven.tasks import render_export

    app = render_export.app
    try:
        if app.conf.task_always_eager:
            render_export.apply_async((job_id,))
        else:
            # Fail within a fraction of a second when the broker is down, instead of
            # holding the request for Celery's default retries.
            with app.connection_for_write() as connection:
                connection.ensure_connection(max_retries=1, interval_start=0, interval_step=0.2, timeout=2)
                render_export.apply_async((job_id,), queue=export_queue(), connection=connection, retry=False)
    except (OperationalError, ConnectionError, OSError):
        logger.warning("Export %s niet in de wachtrij gezet: broker onbereikbaar", job_id, exc_info=True)
        ExportJob.objects.filter(pk=job_id, status=ExportStatus.QUEUED).update(error=BROKER_DOWN)
        return False
    return True


@transaction.atomic
def requeue_job(*, job):
    """Try a waiting or failed job again (the broker is back, or the fault is fixed)."""
    job = ExportJob.objects.select_for_update().get(pk=job.pk)
    if job.status not in (ExportStatus.QUEUED, ExportStatus.FAILED):
        return job
    job.status, job.progress, job.error, job.attempts = ExportStatus.QUEUED, 0, "", 0
    job.save(update_fields=["status", "progress", "error", "attempts"])
    transaction.on_commit(partial(enqueue, job.pk))
    return job


def _claim(job_id):
    """Mark the job running and count the attempt, or refuse a job that keeps crashing."""
    with transaction.atomic():
        job = ExportJob.objects.select_for_update(of=("self",)).select_related("edition", "chapter").get(pk=job_id)
        if job.status == ExportStatus.DONE:
            return None
        if job.attempts >= MAX_ATTEMPTS:
            job.status, job.finished_at = ExportStatus.FAILED, timezone.now()
            job.error = _("Gestopt na %(n)s pogingen: het maken van deze PDF brak steeds af.") % {"n": job.attempts}
            job.save(update_fields=["status", "finished_at", "error"])
            return None
        job.attempts += 1
        job.status, job.progress, job.error = ExportStatus.RUNNING, 5, ""
        job.started_at, job.finished_at = timezone.now(), None
        job.save(update_fields=["attempts", "status", "progress", "error", "started_at", "finished_at"])
        return job


def report_progress(job_id, value):
    ExportJob.objects.filter(pk=job_id, status=ExportStatus.RUNNING).update(progress=min(value, 99))


def _fail(job_id, message):
    ExportJob.objects.filter(pk=job_id).update(
        status=ExportStatus.FAILED, error=message, finished_at=timezone.now(),
    )
    export_finished.send(sender=ExportJob, job=ExportJob.objects.select_related("requested_by").get(pk=job_id))


def render_job(job_id):
    """Render the job's PDF from the data as it is now and store it on the job."""
    job = _claim(job_id)
    if job is None:
        return
    try:
        html = render_html(job.kind, *_ids(job))
        report_progress(job.pk, 20)
        pdf = render_pdf(html, report=partial(report_progress, job.pk))
    except SoftTimeLimitExceeded:
        _fail(job.pk, _("Het maken van de PDF duurde te lang en is afgebroken."))
        return
    except Exception as exc:
        logger.exception("Export %s mislukt", job.pk)
        _fail(job.pk, _("Het maken van de PDF is mislukt (%(error)s).") % {"error": type(exc).__name__})
        return
    job.file.save(file_name(job), ContentFile(pdf), save=False)
    job.content_hash = content_hash(job.kind, html)
    job.status, job.progress, job.finished_at = ExportStatus.DONE, 100, timezone.now()
    job.save(update_fields=["file", "content_hash", "status", "progress", "finished_at"])
    export_finished.send(sender=ExportJob, job=job)


def fail_stale_jobs(now=None):
    """Jobs whose worker died without a word: no job stays "bezig" for ever."""
    now = now or timezone.now()
    return ExportJob.objects.filter(status=ExportStatus.RUNNING, started_at__lt=now - STALE_AFTER).update(
        status=ExportStatus.FAILED, finished_at=now,
        error=_("De verwerking is afgebroken: de PDF kwam niet op tijd klaar. Probeer het opnieuw."),
    )


def export_to_file(*, edition, year, out, chapter=None):
    """The command line's export: the same rendering, written straight to a file."""
    kind = ExportKind.CHAPTER if chapter else ExportKind.AGENDA
    html = render_html(kind, edition.pk, year, chapter.pk if chapter else None)
    pdf = render_pdf(html)
    with open(out, "wb") as handle:
        handle.write(pdf)
    return len(pdf)


def is_active(job):
    """Still on its way: the page keeps polling."""
    return job.status == ExportStatus.RUNNING or (job.status == ExportStatus.QUEUED and not job.error)


def can_requeue(job, now=None):
    """Failed, refused by a broker that was down, or waiting so long it was surely lost."""
    now = now or timezone.now()
    if job.status == ExportStatus.FAILED:
        return True
    return job.status == ExportStatus.QUEUED and (bool(job.error) or job.created_at < now - STALE_AFTER)
