"""Participant import (upload → preview → confirm) and export, for administrators.

The upload is read and planned once; confirming applies that plan (governance.imports.stored)."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.http import Http404, HttpResponse
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods

from governance import participant_lists
from governance.access import can_export_participants, can_import
from governance.imports import stored
from governance.imports.exports import CONTENT_TYPES, export_participants
from governance.imports.forms import ConfirmImportForm, ParticipantUploadForm
from governance.imports.readers import ImportFileError

PREVIEW_LIMIT = 200


def _check_importer(request):
    if not can_import(request.user):
        raise PermissionDenied


# The tokens of this session's uploads: a preview belongs to the session that uploaded it.
SESSION_KEY = "participant_imports"


@login_required
@require_http_methods(["GET", "POST"])
def participant_import(request):
    _check_importer(request)
    posted = request.method == "POST"
    form = ParticipantUploadForm(request.POST if posted else None, request.FILES if posted else None)
    if request.method == "POST" and form.is_valid():
        upload = form.cleaned_data["file"]
        edition = form.cleaned_data.get("edition")
        try:
            imported = stored.start(data=upload.read(), filename=upload.name, user=request.user, edition=edition,
                                   invite=form.cleaned_data["invite"],
                                   include_anonymised=form.cleaned_data["include_anonymised"])
        except ImportFileError as error:
            form.add_error("file", error.message)
        else:
            request.session[SESSION_KEY] = [*request.session.get(SESSION_KEY, [])[-9:], imported.token]
            return redirect("governance:participant_import_preview", token=imported.token)
    return render(request, "governance/import_upload.html", {"form": form})


@login_required
@require_http_methods(["GET", "POST"])
def participant_import_preview(request, token):
    _check_importer(request)
    upload = stored.find(request.user, token) if token in request.session.get(SESSION_KEY, []) else None
    if upload is None:
        raise Http404
    edition = stored.edition_of(upload)
    result = stored.preview(upload)
    form = ConfirmImportForm(request.POST if request.method == "POST" else None,
                             unknown_organisations=result.plan.unknown_organisations)
    if request.method == "POST" and result.is_valid and form.is_valid():
        result = stored.confirm(upload, create_organisations=form.organisation_types(), edition=edition)
        if result.replanned:
            messages.warning(request, _("De gegevens zijn sinds het voorbeeld gewijzigd. Bekijk het nieuwe voorbeeld "
                                        "en bevestig opnieuw."))
            form = ConfirmImportForm(unknown_organisations=result.plan.unknown_organisations)
        elif result.saved:
            plan = result.plan
            messages.success(request, _(
                "De deelnemerslijst is geïmporteerd: %(new)d nieuw, %(changed)d gewijzigd, %(unchanged)d ongewijzigd."
            ) % {"new": len(plan.new), "changed": len(plan.changed), "unchanged": len(plan.unchanged)})
            if result.invited:
                messages.info(request, _("%(count)d uitnodigingen verstuurd.") % {"count": len(result.invited)})
            return redirect("governance:participant_import")
    meta = {"filename": upload.filename, "invite": upload.invite}
    return render(request, "governance/import_preview.html", {
        "result": result, "plan": result.plan, "form": form, "meta": meta, "edition": edition,
        "limit": PREVIEW_LIMIT, "token": token,
    })


@login_required
def participant_export(request, file_format):
    if not can_export_participants(request.user):
        raise PermissionDenied
    if file_format not in CONTENT_TYPES:
        raise Http404
    edition = None
    if request.GET.get("editie"):
        edition = participant_lists.get(slug=request.GET["editie"])
        if edition is None:
            raise Http404
    response = HttpResponse(export_participants(file_format=file_format, edition=edition),
                            content_type=CONTENT_TYPES[file_format])
    response["Content-Disposition"] = f'attachment; filename="deelnemers.{file_format}"'
    return response
