"""The reactienota as a PDF, through the agenda's export pipeline (opgaven.pdf.render.register):
the closed rounds on one chapter (or the whole agenda) in one year, each per item."""

from django.utils.translation import gettext as _

from feedback import reactienota
from feedback.models import FeedbackRound
from opgaven.models import Chapter, Edition

KIND = "reactienota"


def context(edition_id, year, chapter_id=None):
    edition = Edition.objects.get(pk=edition_id)
    chapter = Chapter.objects.get(pk=chapter_id) if chapter_id else None
    rounds = (FeedbackRound.objects.filter(edition=edition, chapter=chapter, closed_at__year=year)
              .select_related("chapter", "decision").order_by("closed_at"))
    subject = chapter.title if chapter else edition.title
    return {
        "title": _("Reactienota %(subject)s %(year)s") % {"subject": subject, "year": year},
        "edition": edition, "chapter": chapter, "year": year,
        "rounds": [(round, reactienota.grouped(round)) for round in rounds],
    }


def register():
    from opgaven.pdf.render import register as register_kind

    register_kind(KIND, "pdf/reactienota.html", context)
