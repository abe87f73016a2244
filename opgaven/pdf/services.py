"""Export jobs: start one, render it (in the worker), re-queue it.

The Celery task only calls `render_job`; everything a job goes through is recorded on its
ExportJob row through governance.jobs (which also requeues jobs whose worker died and hands
over jobs the broker was down for), so the browser, the command line and the tests all read
the same state.
"""

import logging
from functools import partial

from celery.exceptions import SoftTimeLimitExceeded
from django.conf import settings
from django.core.files.base import ContentFile
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from governance import jobs
from opgaven.models import ExportJob, ExportKind, ExportStatus
from opgaven.signals import export_finished, export_requested

from .render import content_hash, fingerprint, render_html, render_pdf

logger = logging.getLogger(__name__)

SOFT_TIME_LIMIT = settings.PDF_EXPORT_SOFT_TIME_LIMIT
HARD_TIME_LIMIT = ExportJob.time_limit


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
    # Nothing the document is made of changed (data, templates, stylesheets, fonts): decided
    # without rendering, and served at once. A document with a fingerprint is otherwise
    # rendered once, in the worker, which still reuses the file when the HTML shows nothing new
    # (a draft, another year). One without (a reactienota, the progress report) is rendered
    # and hashed here, so an unchanged one is served at once too.
    job.fingerprint = fingerprint(kind, *_ids(job)) or ""
    if job.fingerprint:
        earlier = _stored(kind, fingerprint=job.fingerprint)
    else:
        job.content_hash = content_hash(kind, render_html(kind, *_ids(job)))
        earlier = _stored(kind, content_hash=job.content_hash)
    if earlier is not None:
        now = timezone.now()
        job.file.name, job.content_hash = earlier.file.name, earlier.content_hash
        job.status, job.progress = ExportStatus.DONE, 100
        job.started_at = job.finished_at = now
        job.save()
        export_requested.send(sender=ExportJob, job=job)
        return job
    job.save()
    export_requested.send(sender=ExportJob, job=job)
    jobs.submit(job)
    return job


def _stored(kind, **same):
    """The newest finished export of this kind with the same fingerprint or content hash whose file
    is still there, or None."""
    for earlier in (ExportJob.objects.filter(status=ExportStatus.DONE, kind=kind, **same).exclude(file="")
                    .order_by("-finished_at")[:3]):
        if earlier.file.storage.exists(earlier.file.name):
            return earlier
    return None


def requeue_job(*, job):
    """Try a failed job again (the fault is fixed)."""
    return jobs.requeue(job)


def report_progress(job_id, value):
    jobs.report(ExportJob, job_id, value)


def _fail(job_id, message):
    jobs.fail(ExportJob, job_id, message)
    export_finished.send(sender=ExportJob, job=ExportJob.objects.select_related("requested_by").get(pk=job_id))


def render_job(job_id, task_id=""):
    """Render the job's PDF from the data as it is now and store it on the job."""
    job = jobs.claim(ExportJob.objects.select_related("edition", "chapter"), job_id, task_id=task_id)
    if job is None:
        return
    try:
        html = render_html(job.kind, *_ids(job))
        job.content_hash = content_hash(job.kind, html)
        # A change that shows nothing new (a draft, another year's programme) reuses the file.
        earlier = _stored(job.kind, content_hash=job.content_hash)
        if earlier is None:
            report_progress(job.pk, 20)
            pdf = render_pdf(html, report=partial(report_progress, job.pk))
    except SoftTimeLimitExceeded:
        _fail(job.pk, _("Het maken van de PDF duurde te lang en is afgebroken."))
        return
    except Exception as exc:
        logger.exception("Export %s mislukt", job.pk)
        _fail(job.pk, _("Het maken van de PDF is mislukt (%(error)s).") % {"error": type(exc).__name__})
        return
    if earlier is None:
        job.file.save(file_name(job), ContentFile(pdf), save=False)
    else:
        job.file.name = earlier.file.name
    jobs.finish(job, fields=["file", "content_hash"])
    export_finished.send(sender=ExportJob, job=job)


def export_to_file(*, edition, year, out, chapter=None):
    """The command line's export: the same rendering, written straight to a file."""
    kind = ExportKind.CHAPTER if chapter else ExportKind.AGENDA
    html = render_html(kind, edition.pk, year, chapter.pk if chapter else None)
    pdf = render_pdf(html)
    with open(out, "wb") as handle:
        handle.write(pdf)
    return len(pdf)
