"""PDF export for staff: start a job, watch its progress (htmx), download the file."""

from functools import wraps

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.http import FileResponse, Http404
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_POST

from opgaven import access
from opgaven.models import ExportJob, ExportStatus
from opgaven.pdf import services
from opgaven.pdf.forms import ExportForm

LISTED = 25


def export_required(view):
    """Logged-in users without the export right get a 403 (login_required goes first)."""

    @wraps(view)
    def wrapper(request, *args, **kwargs):
        if not access.can_export(request.user):
            raise PermissionDenied
        return view(request, *args, **kwargs)

    return wrapper


def _jobs():
    return ExportJob.objects.select_related("edition", "chapter", "requested_by")


def _get_job(pk):
    return get_object_or_404(_jobs(), pk=pk)


def _with_state(job):
    user = job.requested_by
    job.requester = (user.get_full_name() or user.username) if user else _("onbekend")
    return job


@login_required
@export_required
def export_list(request):
    if request.method == "POST":
        form = ExportForm(request.POST)
        if form.is_valid():
            job = services.start_export(user=request.user, **form.cleaned_data)
            job.refresh_from_db()
            if job.status == ExportStatus.DONE and not job.attempts:
                messages.success(request, _("Er is niets veranderd sinds de vorige export: de PDF staat klaar."))
            elif job.status == ExportStatus.DONE:
                messages.success(request, _("De PDF is klaar."))
            elif job.error:  # the broker is down: the job waits for it
                messages.info(request, job.error)
            else:
                messages.success(request, _("De export is gestart."))
            return redirect("opgaven:export_list")
    else:
        form = ExportForm()
    jobs = [_with_state(job) for job in _jobs()[:LISTED]]
    return render(request, "opgaven/export_list.html", {"form": form, "jobs": jobs})


@login_required
@export_required
@require_GET
def export_status(request, pk):
    """The status fragment for htmx's polling; opened as a page (a bookmark, no JavaScript), a whole page."""
    template = "opgaven/export_status.html" if request.htmx else "opgaven/export_status_page.html"
    return render(request, template, {"job": _with_state(_get_job(pk))})


@login_required
@export_required
@require_POST
def export_requeue(request, pk):
    job = services.requeue_job(job=_get_job(pk))
    job.refresh_from_db()
    messages.success(request, job.error or _("De export staat weer in de wachtrij."))
    return redirect("opgaven:export_list")


@login_required
@export_required
@require_GET
def export_download(request, pk):
    job = _get_job(pk)
    if job.status != ExportStatus.DONE or not job.file or not job.file.storage.exists(job.file.name):
        raise Http404(_("Deze PDF is (nog) niet beschikbaar."))
    return FileResponse(job.file.open("rb"), as_attachment=True, filename=services.file_name(job),
                        content_type="application/pdf")
