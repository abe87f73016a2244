"""Suggestions: readers who may comment propose new text; the writers accept or decline it.

Views load the chapter and the suggestion through opgaven.access, validate a form and call
one service of opgaven.suggestions."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.db.models import Case, IntegerField, Value, When
from django.http import Http404
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from opgaven import access, suggestions
from opgaven.editables import PARENTS, editable_for, get_editable
from opgaven.forms import DeclineForm, suggestion_form
from opgaven.models import SuggestionStatus


@login_required
def suggestion_list(request, edition_slug, chapter_slug):
    """The chapter's proposals (open ones first) and the items a reader can propose new text for."""
    chapter = access.get_chapter_for_suggestions(request, edition_slug, chapter_slug)
    proposals = chapter.suggestions.select_related("author", "decided_by").annotate(
        open_first=Case(When(status=SuggestionStatus.OPEN, then=Value(0)), default=Value(1),
                        output_field=IntegerField())).order_by("open_first", "-created_at")
    context = {
        "chapter": chapter,
        "suggestions": proposals,
        "sections": chapter.sections.prefetch_related("blocks"),
        "ambitions": chapter.ambitions.all(),
        "contributions": chapter.contributions.select_related("organisation"),
        "jaarprogrammas": chapter.jaarprogrammas.prefetch_related("success_criteria", "actions"),
        "can_handle": access.can_handle_suggestions(request.user, chapter),
    }
    return render(request, "opgaven/suggestion_list.html", context)


@login_required
def suggestion_create(request, edition_slug, chapter_slug, kind, pk, year=None):
    chapter = access.get_chapter_for_suggestions(request, edition_slug, chapter_slug)
    editable = get_editable(kind, year)
    item = access.get_item(PARENTS[editable.parent](chapter, year), editable, pk)
    fields = suggestions.text_fields(item)
    if not fields:
        raise Http404
    form_class = suggestion_form(item, fields)
    initial = {"version": item.version, **{name: getattr(item, name) for name in fields}}
    form = form_class(request.POST or None, initial=initial)
    status = 200
    if request.method == "POST" and form.is_valid():
        try:
            suggestion = suggestions.propose(item=item, author=request.user, proposed=form.proposed(),
                                             note=form.cleaned_data["note"], version=form.cleaned_data["version"])
        except suggestions.ItemChanged as changed:
            # The writers saved meanwhile: the reader checks the proposal against the new text.
            item = changed.args[0]
            data = request.POST.copy()
            data["version"] = item.version
            form = form_class(data, initial=initial)
            form.is_valid()
            messages.warning(request, _("De tekst is gewijzigd terwijl u uw voorstel schreef. Vergelijk uw "
                                        "voorstel met de nieuwe tekst hieronder en stuur het opnieuw."))
            status = 409
        except ValidationError as error:
            form.add_error(None, error)
        else:
            messages.success(request, _("Uw voorstel is ingediend. De schrijvers nemen het over of antwoorden u."))
            return redirect("opgaven:suggestion_detail", edition_slug, chapter_slug, suggestion.pk)
    if form.errors and status == 200:
        status = 422
    context = {"chapter": chapter, "item": item, "editable": editable_for(type(item)), "form": form,
               "current": {name: getattr(item, name) for name in fields}}
    return render(request, "opgaven/suggestion_form.html", context, status=status)


def _detail(request, chapter, suggestion, *, decline_form=None, status=200):
    item = suggestions.item_of(suggestion)
    outdated = suggestion.is_open and item is not None and item.version != suggestion.base_version
    context = {
        "chapter": chapter,
        "suggestion": suggestion,
        "item": item,
        "changes": suggestions.tracked_changes(suggestion),
        # Against the text as it is now, when the writers changed it since.
        "current_changes": suggestions.tracked_changes(
            suggestion, against=suggestions.current_text(suggestion, item)) if outdated else None,
        "can_handle": suggestion.is_open and access.can_handle_suggestions(request.user, chapter),
        "can_view_history": access.can_edit(request.user, chapter),
        "decline_form": decline_form or DeclineForm(),
    }
    return render(request, "opgaven/suggestion_detail.html", context, status=status)


@login_required
def suggestion_detail(request, edition_slug, chapter_slug, pk):
    chapter = access.get_chapter_for_suggestions(request, edition_slug, chapter_slug)
    return _detail(request, chapter, access.get_suggestion(request, chapter, pk))


@require_POST
@login_required
def suggestion_accept(request, edition_slug, chapter_slug, pk):
    chapter = access.get_chapter(request, edition_slug, chapter_slug)
    suggestion = access.get_suggestion(request, chapter, pk, handle=True)
    try:
        suggestions.accept(suggestion=suggestion, user=request.user)
    except ValidationError as error:
        messages.error(request, " ".join(error.messages))
        return _detail(request, chapter, suggestion, status=409)
    messages.success(request, _("Het voorstel is overgenomen; de geschiedenis noemt de indiener en u."))
    return redirect("opgaven:suggestion_list", edition_slug, chapter_slug)


@require_POST
@login_required
def suggestion_decline(request, edition_slug, chapter_slug, pk):
    chapter = access.get_chapter(request, edition_slug, chapter_slug)
    suggestion = access.get_suggestion(request, chapter, pk, handle=True)
    form = DeclineForm(request.POST)
    if form.is_valid():
        try:
            suggestions.decline(suggestion=suggestion, user=request.user, reason=form.cleaned_data["reason"])
        except ValidationError as error:
            messages.error(request, " ".join(error.messages))
            return _detail(request, chapter, suggestion, status=409)
        messages.success(request, _("Het voorstel is niet overgenomen; de indiener leest uw reden als antwoord."))
        return redirect("opgaven:suggestion_list", edition_slug, chapter_slug)
    return _detail(request, chapter, suggestion, decline_form=form, status=422)
