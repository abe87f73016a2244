"""Downloads: the action list as CSV/XLSX, and the progress report as HTML (the PDF's source)."""

from django.contrib import messages
from django.core.exceptions import PermissionDenied
from django.http import Http404, HttpResponse
from django.shortcuts import redirect, render
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from opgaven.access import can_export
from opgaven.models import ExportKind, ExportStatus
from opgaven.pdf import services as pdf_services

from .. import selectors
from ..access import dashboard_required
from ..exports import action_dataset
from ..report import progress_report_context
from .common import filter_context

FORMATS = {
    "csv": "text/csv; charset=utf-8",
    "xlsx": "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
}


@dashboard_required
def export_actions(request, fmt):
    if fmt not in FORMATS:
        raise Http404("Onbekend exportformaat.")
    context = filter_context(request)
    qs = selectors.with_progress(selectors.actions(context["edition"], context["filters"]))
    dataset = action_dataset(qs)
    content = dataset.export(fmt)
    if fmt == "csv":
        content = "\ufeff" + content  # so Excel reads the CSV as UTF-8
    response = HttpResponse(content, content_type=FORMATS[fmt])
    stamp = timezone.localdate().isoformat()
    response["Content-Disposition"] = f'attachment; filename="acties-{stamp}.{fmt}"'
    return response


@dashboard_required
def report_preview(request):
    """The voortgangsrapportage as the PDF pipeline renders it, for checking in the browser."""
    context = filter_context(request)
    period = selectors.current_period(context["filters"])
    report = progress_report_context(edition=context["edition"], filters=context["filters"], period=period)
    return render(request, "pdf/voortgang.html", report)


@require_POST
@dashboard_required
def report_pdf(request):
    """Start the voortgangsrapportage as a PDF job; its progress shows on the export page."""
    if not can_export(request.user):
        raise PermissionDenied
    context = filter_context(request)
    edition, filters = context["edition"], context["filters"]
    year = filters.get("year") or min(max(timezone.localdate().year, edition.start_year), edition.end_year)
    job = pdf_services.start_export(user=request.user, edition=edition, year=year,
                                    chapter=filters.get("chapter"), kind=ExportKind.PROGRESS)
    job.refresh_from_db()
    if job.error:
        messages.error(request, job.error)
    elif job.status == ExportStatus.DONE:
        messages.success(request, _("De voortgangsrapportage staat klaar als PDF."))
    else:
        messages.success(request, _("De voortgangsrapportage wordt als PDF gemaakt."))
    return redirect("opgaven:export_list")
