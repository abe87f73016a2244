"""Reactierondes: open a round, its page per item, comment, answer, discuss, close, reactienota."""

import datetime

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import FileResponse, Http404, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from feedback import access, reactienota, services
from feedback import items as round_items
from feedback.forms import AnswerForm, MessageForm, RemarkForm, RoundForm
from feedback.models import FeedbackRound, Remark, Resolution
from opgaven.models import Chapter, Edition
from opgaven.services import VersionConflict


def _round_for(request, pk):
    """404 for whoever may not see the round, as for a draft they may not read."""
    round = get_object_or_404(FeedbackRound.objects.select_related("edition", "chapter", "opened_by"), pk=pk)
    if not access.can_view(request.user, round):
        raise Http404
    return round


def _form_errors(form, error):
    for field, errors in error.message_dict.items() if hasattr(error, "error_dict") else [(None, error.messages)]:
        for message in errors:
            form.add_error(field if field in form.fields else None, message)


@login_required
def round_list(request):
    rounds = [r for r in FeedbackRound.objects.select_related("edition", "chapter")
              if access.can_view(request.user, r)]
    edition = Edition.objects.newest()  # the edition being written, established or not
    openable = []
    if edition is not None:
        openable = [chapter for chapter in edition.chapters.order_by("position")
                    if access.can_open_round(request.user, edition, chapter)]
    return render(request, "feedback/round_list.html", {
        "rounds": rounds, "edition": edition, "openable": openable,
        "may_open_agenda": edition is not None and access.can_open_round(request.user, edition)})


@login_required
def round_create(request, edition_slug, chapter_slug=None):
    """A round on the whole agenda, on a chapter, or (?jaar=) on one year's programme of it."""
    edition = get_object_or_404(Edition, slug=edition_slug)
    chapter = get_object_or_404(Chapter, edition=edition, slug=chapter_slug) if chapter_slug else None
    year = int(request.GET["jaar"]) if request.GET.get("jaar", "").isdigit() else None
    if not access.can_open_round(request.user, edition, chapter):
        raise PermissionDenied
    form = RoundForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        try:
            round = services.open_round(
                user=request.user, edition=edition, chapter=chapter, year=year, title=form.cleaned_data["title"],
                closes_on=form.cleaned_data["closes_on"], bodies=form.cleaned_data["bodies"],
                everyone=form.cleaned_data["everyone"])
        except ValidationError as error:
            _form_errors(form, error)
        else:
            messages.success(request, _("De reactieronde is geopend; de genodigden krijgen bericht."))
            return redirect("feedback:round_detail", round.pk)
    return render(request, "feedback/round_form.html", {"form": form, "edition": edition, "chapter": chapter,
                                                        "year": year})


def _detail_context(request, round, remark_form=None):
    items = round_items.items_of(round)
    remarks = list(round.remarks.select_related("author", "answered_by").prefetch_related("messages__author"))
    by_item = {}
    for remark in remarks:
        by_item.setdefault((remark.item_type_id, remark.item_id), []).append(remark)
    rows = []
    from django.contrib.contenttypes.models import ContentType

    for item in items:
        ct = ContentType.objects.get_for_model(type(item.obj))
        item_remarks = [r for r in by_item.get((ct.pk, item.obj.pk), []) if r.item_label == item.label]
        rows.append({"item": item, "remarks": item_remarks, "open": sum(r.is_open for r in item_remarks),
                     "answered": sum(not r.is_open for r in item_remarks)})
    return {
        "round": round, "rows": rows,
        "open_count": sum(r.is_open for r in remarks), "answered_count": sum(not r.is_open for r in remarks),
        "may_comment": access.can_comment(request.user, round),
        "may_answer": access.can_answer(request.user, round),
        "may_close": access.can_close(request.user, round),
        "remark_form": remark_form or RemarkForm(items=items),
        "message_form": MessageForm(),
    }


@login_required
def round_detail(request, pk):
    round = _round_for(request, pk)
    return render(request, "feedback/round_detail.html", _detail_context(request, round))


@login_required
@require_POST
def remark_create(request, pk):
    round = _round_for(request, pk)
    if not access.can_comment(request.user, round):
        raise PermissionDenied
    form = RemarkForm(request.POST, items=round_items.items_of(round))
    if form.is_valid():
        try:
            remark = services.add_remark(round=round, user=request.user, item_key=form.cleaned_data["item"],
                                         text=form.cleaned_data["text"], quote=form.cleaned_data["quote"])
        except ValidationError as error:
            _form_errors(form, error)
        else:
            messages.success(request, _("Uw reactie is geplaatst."))
            return redirect(f"{round.get_absolute_url()}#reactie-{remark.pk}")
    return render(request, "feedback/round_detail.html", _detail_context(request, round, form), status=400)


@login_required
def remark_answer(request, pk, remark_pk):
    round = _round_for(request, pk)
    if not access.can_answer(request.user, round):
        raise PermissionDenied
    remark = get_object_or_404(Remark, pk=remark_pk, round=round)
    history = services.history_choices(remark)
    initial = {"resolution": remark.resolution or None, "reply": remark.reply, "history_id": remark.history_id,
               "version": remark.version}
    form = AnswerForm(request.POST or None, initial=initial, history=history)
    conflict = None
    if request.method == "POST" and form.is_valid():
        try:
            services.answer_remark(remark=remark, user=request.user, version=form.cleaned_data["version"],
                                   resolution=form.cleaned_data["resolution"], reply=form.cleaned_data["reply"],
                                   history_id=form.cleaned_data["history_id"])
        except VersionConflict as error:
            # Both answers shown; saving again (with the stored version) keeps this one.
            conflict = error.stored
            data = request.POST.copy()
            data["version"] = conflict.version
            form = AnswerForm(data, history=history)
            form.is_valid()
            form.add_error(None, _("Iemand anders heeft deze reactie intussen beantwoord. Hieronder staan beide "
                                   "antwoorden; sla opnieuw op om het uwe te bewaren."))
        except ValidationError as error:
            _form_errors(form, error)
        else:
            messages.success(request, _("Het antwoord is opgeslagen."))
            return redirect(f"{round.get_absolute_url()}#reactie-{remark.pk}")
    return render(request, "feedback/remark_answer.html",
                  {"round": round, "remark": remark, "form": form, "conflict": conflict, "history": history},
                  status=409 if conflict else 200)


@login_required
@require_POST
def remark_message(request, pk, remark_pk):
    round = _round_for(request, pk)
    remark = get_object_or_404(Remark, pk=remark_pk, round=round)
    if not access.can_discuss(request.user, remark):
        raise PermissionDenied
    form = MessageForm(request.POST)
    if form.is_valid():
        services.add_message(remark=remark, user=request.user, text=form.cleaned_data["text"])
    return redirect(f"{round.get_absolute_url()}#reactie-{remark.pk}")


@login_required
@require_POST
def round_close(request, pk):
    round = _round_for(request, pk)
    if not access.can_close(request.user, round):
        raise PermissionDenied
    services.close_round(round=round)
    messages.success(request, _("De reactieronde is gesloten; de reactienota staat klaar."))
    return redirect(round.get_absolute_url())


@login_required
def open_feedback(request):
    """The writers' list: remarks still to answer in the rounds they answer for."""
    remarks = [r for r in Remark.objects.filter(resolution=Resolution.OPEN).select_related(
        "round__chapter", "round__edition", "author") if access.can_answer(request.user, r.round)]
    return render(request, "feedback/open_feedback.html", {"remarks": remarks})


@login_required
def reactienota_xlsx(request, pk):
    round = _round_for(request, pk)
    response = HttpResponse(reactienota.xlsx(round),
                            content_type="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet")
    response["Content-Disposition"] = f'attachment; filename="reactienota-{round.pk}.xlsx"'
    return response


@login_required
def reactienota_page(request, pk):
    """The reactienota as a page (printable), per item."""
    round = _round_for(request, pk)
    return render(request, "feedback/reactienota.html", {"round": round, "groups": reactienota.grouped(round)})


@login_required
def reactienota_pdf(request, pk):
    """Through the export pipeline (a Celery worker renders it): served when ready, else a page
    that shows the progress and looks again."""
    round = _round_for(request, pk)
    if round.is_open:
        raise Http404
    from feedback.pdf import KIND
    from opgaven.models import ExportJob, ExportStatus
    from opgaven.pdf import services as pdf_services

    ids = {"kind": KIND, "edition": round.edition, "year": round.closed_at.year, "chapter": round.chapter}
    recent = timezone.now() - datetime.timedelta(minutes=10)
    job = (ExportJob.objects.filter(**ids, status__in=[ExportStatus.QUEUED, ExportStatus.RUNNING],
                                    created_at__gte=recent).order_by("-created_at").first()
           or pdf_services.start_export(user=request.user, **ids))
    if job.status == ExportStatus.DONE:
        return FileResponse(job.file.open("rb"), as_attachment=True, filename=f"reactienota-{round.pk}.pdf",
                            content_type="application/pdf")
    return render(request, "feedback/reactienota_pdf.html", {"round": round, "job": job}, status=202)
