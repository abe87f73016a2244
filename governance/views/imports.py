"""Participant import (upload → preview → confirm) and export, for administrators."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.http import Http404, HttpResponse
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods

from governance import participant_lists
from governance.access import can_export_participants, can_import
from governance.imports import uploads
from governance.imports.exports import CONTENT_TYPES, export_participants
from governance.imports.forms import ConfirmImportForm, ParticipantUploadForm
from governance.imports.readers import ImportFileError, read_sheet
from governance.imports.services import import_participants

PREVIEW_LIMIT = 200


def _check_importer(request):
    if not can_import(request.user):
        raise PermissionDenied


@login_required
@require_http_methods(["GET", "POST"])
def participant_import(request):
    _check_importer(request)
    posted = request.method == "POST"
    form = ParticipantUploadForm(request.POST if posted else None, request.FILES if posted else None)
    if request.method == "POST" and form.is_valid():
        upload = form.cleaned_data["file"]
        data = upload.read()
        try:
            read_sheet(data, upload.name)  # the file as a whole; the preview plans the rows
        except ImportFileError as error:
            form.add_error("file", error.message)
        else:
            edition = form.cleaned_data.get("edition")
            token = uploads.store(request, data, filename=upload.name,
                                  edition_id=edition.pk if edition else None, invite=form.cleaned_data["invite"],
                                  include_anonymised=form.cleaned_data["include_anonymised"])
            return redirect("governance:participant_import_preview", token=token)
    return render(request, "governance/import_upload.html", {"form": form})


@login_required
@require_http_methods(["GET", "POST"])
def participant_import_preview(request, token):
    _check_importer(request)
    stored = uploads.load(request, token)
    if stored is None:
        raise Http404
    meta, data = stored
    edition = participant_lists.get(pk=meta["edition_id"]) if meta["edition_id"] else None
    include_anonymised = meta.get("include_anonymised", False)
    preview = import_participants(file=data, filename=meta["filename"], edition=edition, dry_run=True,
                                  include_anonymised=include_anonymised)
    form = ConfirmImportForm(request.POST if request.method == "POST" else None,
                             unknown_organisations=preview.plan.unknown_organisations if preview.plan else [])
    result = preview
    if request.method == "POST" and preview.is_valid and form.is_valid():
        result = import_participants(
            file=data, filename=meta["filename"], edition=edition, dry_run=False,
            create_organisations=form.organisation_types(), invite=meta["invite"], user=request.user,
            include_anonymised=include_anonymised,
        )
        if result.saved:
            uploads.discard(request, token)
            plan = result.plan
            messages.success(request, _(
                "De deelnemerslijst is geïmporteerd: %(new)d nieuw, %(changed)d gewijzigd, %(unchanged)d ongewijzigd."
            ) % {"new": len(plan.new), "changed": len(plan.changed), "unchanged": len(plan.unchanged)})
            if result.invited:
                messages.info(request, _("%(count)d uitnodigingen verstuurd.") % {"count": len(result.invited)})
            return redirect("governance:participant_import")
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
