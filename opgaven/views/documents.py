"""Public downloads of the established agenda and its chapters: stored files only."""

from django.http import FileResponse, Http404
from django.shortcuts import get_object_or_404
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET

from opgaven.models import Chapter, Edition
from opgaven.pdf import services
from opgaven.pdf.public import current_document


def _serve(job):
    if job is None or not job.file.storage.exists(job.file.name):
        raise Http404(_("Deze PDF wordt nog gemaakt; probeer het over een paar minuten opnieuw."))
    response = FileResponse(job.file.open("rb"), as_attachment=True, filename=services.file_name(job),
                            content_type="application/pdf")
    response["Cache-Control"] = "public, max-age=300"
    return response


@require_GET
def agenda_pdf(request, edition_slug, year):
    edition = get_object_or_404(Edition, slug=edition_slug)
    return _serve(current_document(edition, year))


@require_GET
def chapter_pdf(request, edition_slug, chapter_slug, year):
    chapter = get_object_or_404(Chapter.objects.select_related("edition"), edition__slug=edition_slug,
                                slug=chapter_slug, established_at__isnull=False)
    return _serve(current_document(chapter.edition, year, chapter))
