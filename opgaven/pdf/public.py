"""The PDFs every reader downloads: the established agenda and each established chapter.

They are rendered through the export pipeline (services.start_export → the Celery task →
render_job) when a version of a chapter becomes public, after the transaction commits, and
served from storage; a reader's request never renders anything. Per year with an established
programme there is one file for the chapter and one for the whole agenda. A document is
current when its job was made after the establishment it must show."""

import threading
from functools import partial

from django.conf import settings
from django.db import transaction
from django.db.models import Max

from opgaven import publication
from opgaven.models import Chapter, Edition, ExportJob, ExportKind, ExportStatus
from opgaven.signals import chapter_established

from . import services

_pending = threading.local()


def document_years(chapters, edition):
    """The years with an established programme in these (thawed, established) chapters."""
    years = sorted({programme.year for chapter in chapters for programme in chapter.jaarprogrammas.all()})
    return years or [edition.start_year]


def render_documents(edition_id, chapter_ids):
    """Start the jobs for the agenda and these chapters (unchanged files are reused at once)."""
    edition = Edition.objects.get(pk=edition_id)
    shown = publication.published(edition)
    for year in document_years(shown, edition):
        services.start_export(user=None, edition=edition, year=year)
        for chapter in shown:
            if chapter.pk in chapter_ids:
                services.start_export(user=None, edition=edition, year=year, chapter=chapter)


def _flush(edition_id):
    chapter_ids = _pending.editions.pop(edition_id, set())
    render_documents(edition_id, chapter_ids)


def schedule(chapter):
    """After the commit: the documents of this chapter and of its agenda; once per edition
    however many chapters one transaction establishes (the loader establishes all of them)."""
    if not getattr(settings, "PUBLIC_PDF_EXPORTS", True):
        return
    if not hasattr(_pending, "editions"):
        _pending.editions = {}
    first = chapter.edition_id not in _pending.editions
    _pending.editions.setdefault(chapter.edition_id, set()).add(chapter.pk)
    if first:
        transaction.on_commit(partial(_flush, chapter.edition_id))


def _established(sender, chapter, **kwargs):
    schedule(chapter)


def connect():
    chapter_established.connect(_established, sender=Chapter, dispatch_uid="opgaven-public-documents")


def current_document(edition, year=None, chapter=None):
    """The stored PDF readers get for this edition, year (and chapter), or None while it is made."""
    if chapter is not None:
        since = chapter.established_at
    else:
        since = edition.chapters.aggregate(latest=Max("established_at"))["latest"]
    if since is None:
        return None
    jobs = ExportJob.objects.filter(
        kind=ExportKind.CHAPTER if chapter else ExportKind.AGENDA, edition=edition,
        chapter=chapter, status=ExportStatus.DONE, created_at__gte=since,
    ).exclude(file="")
    if year is not None:
        jobs = jobs.filter(year=year)
    # Without a year: the newest year's document.
    return jobs.order_by("-year", "-finished_at", "-pk").first()


def stored_size(job):
    """The size of the job's file, or None when the file is gone (a database restored without its
    media, a storage cleaned by hand): readers are then told it is being made, never shown an error."""
    try:
        return job.file.size
    except OSError:
        return None
