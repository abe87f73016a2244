"""The voortgangsrapportage (progress report): the context for templates/pdf/voortgang.html.

The PDF pipeline (ExportJob kind `voortgang`) renders that template with this context."""

from django.utils import timezone

from . import selectors
from .charts import indicator_chart, status_bar


def progress_report_context(*, edition, filters=None, period=None, year=None, today=None):
    filters = dict(filters or {})
    if year and "year" not in filters:
        filters["year"] = year
    today = today or timezone.localdate()
    rows = selectors.chapter_overview(edition, filters, today=today)
    for row in rows:
        row.segments = status_bar(row.counts, row.total) if row.total else []
    actions = list(selectors.with_progress(selectors.actions(edition, filters), today=today))
    by_chapter = {}
    for action in actions:
        by_chapter.setdefault(action.jaarprogramma.chapter_id, []).append(action)
    return {
        "edition": edition,
        "filters": filters,
        "year": filters.get("year"),
        "period": period,
        "generated_on": today,
        "rows": [(row, by_chapter.get(row.subject.pk, [])) for row in rows],
        "totals": selectors.totals(rows),
        "organisations": selectors.organisation_overview(edition, filters, period, today=today),
        "indicators": [(i, indicator_chart(i)) for i in selectors.indicators(edition, filters)],
        "criteria": selectors.success_criteria(edition, filters),
        "matrix": selectors.matrix(edition, filters),
    }


def context_for_ids(edition_id, year, chapter_id=None):
    """What the PDF pipeline (opgaven.pdf.render) calls for an ExportJob of kind `voortgang`."""
    from opgaven.models import Chapter, Edition

    filters = {"chapter": Chapter.objects.get(pk=chapter_id)} if chapter_id else {}
    return progress_report_context(edition=Edition.objects.get(pk=edition_id), filters=filters, year=year,
                                   period=selectors.current_period({}))


def context_for_export(job):
    return context_for_ids(job.edition_id, job.year, job.chapter_id)


TEMPLATE = "pdf/voortgang.html"
