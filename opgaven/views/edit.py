"""Writers edit their chapter: generic views over the kinds in opgaven.editables.

Every view loads the chapter through opgaven.access (404 / 403), validates a form and
calls one service. Saves carry the version the form was loaded with; a stale version is
refused and both versions are shown, nothing is saved until the writer chooses."""

import json

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import Http404, HttpResponse, HttpResponseRedirect
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from governance import pages
from opgaven import access, drafting, history, layout, merging, presence, services, signoff
from opgaven.editables import PARENTS, get_editable, url_for_item
from opgaven.forms import HistoryFilterForm


def _edit_url(chapter):
    from django.urls import reverse

    return reverse("opgaven:chapter_edit", args=[chapter.edition.slug, chapter.slug])


def _parent(request, edition_slug, chapter_slug, kind, year):
    chapter = access.get_chapter_for_edit(request, edition_slug, chapter_slug)
    editable = get_editable(kind, year)
    return chapter, PARENTS[editable.parent](chapter, year), editable


def _load(request, edition_slug, chapter_slug, kind, pk, year):
    chapter, parent, editable = _parent(request, edition_slug, chapter_slug, kind, year)
    return chapter, parent, editable, access.get_item(parent, editable, pk)


def _back(request, chapter):
    return HttpResponseRedirect(_edit_url(chapter))


def _year_param(request):
    try:
        return int(request.GET.get("jaar", ""))
    except ValueError:
        return None


@login_required
def chapter_edit(request, edition_slug, chapter_slug):
    """The draft as the chapter page shows it, every block editable where it stands."""
    chapter = access.get_chapter_for_edit(request, edition_slug, chapter_slug)
    chapter = drafting.draft(chapter)
    presence.beat(chapter=chapter, user=request.user)
    extra = pages.extra_context("chapter_detail", request, chapter=chapter, year=_year_param(request))
    context = {
        "chapter": chapter,
        "edition": chapter.edition,
        "editing": True,
        **extra,
        "layout": layout.chapter_layout(chapter, extra.get("programme")),
        "loose_footnotes": layout.loose_footnotes(chapter),
        "present": presence.present(chapter=chapter, exclude=request.user),
        # Where the text is in its sign-off route ("wacht op akkoord SPN").
        "route": signoff.route_for(chapter),
        "open_comments": chapter.comments.filter(status="open").select_related("author", "ambition"),
    }
    return render(request, "opgaven/chapter_edit.html", context)


def _editor_context(chapter, item, form):
    """What the writing aid needs: the footnotes `[^N]` refers to where the item stands."""
    if item is not None:
        place = drafting.locate(chapter, item)
        section = place.footnote_section if place is not None else None
    else:
        # A new block stands in the section its form names.
        section = drafting.numbering_section(chapter, form["section"].value() if "section" in form.fields else None)
    notes = drafting.footnotes_in_scope(chapter, section)
    return {"footnotes_json": json.dumps(notes), "next_footnote": drafting.next_footnote_number(chapter, section)}


def _save_footnotes(chapter, item, form, *, new=False):
    notes = form.cleaned_data.get("footnotes")
    if notes:
        place = drafting.locate(chapter, item)
        services.save_footnotes(chapter=chapter, section=place.footnote_section if place else None, notes=notes,
                                only_new=new)


def _render_form(request, *, chapter, editable, form, item=None, conflict=None, status=200, action=None):
    """`action`: where a new item's form posts (its own address, with the section it goes in)."""
    context = {"chapter": chapter, "editable": editable, "form": form, "item": item, "conflict": conflict,
               "inplace": bool(request.htmx), "editor": _editor_context(chapter, item, form), "action": action}
    if request.htmx:
        # htmx only swaps 2xx responses; the form fragment carries the errors or the conflict.
        return render(request, "opgaven/includes/item_form.html", context)
    return render(request, "opgaven/item_form.html", context, status=status)


@login_required
def item_create(request, edition_slug, chapter_slug, kind, year=None):
    chapter, parent, editable = _parent(request, edition_slug, chapter_slug, kind, year)
    if not editable.addable:
        raise Http404
    # A link may say where the new item goes (?section=…): only a starting value, the form decides.
    # In place the form shares the draft page with others: ids of its own.
    auto_id = f"id_nieuw-{kind}-%s" if request.htmx else "id_%s"
    form = editable.form_class(request.POST or None, initial=request.GET.dict(), auto_id=auto_id,
                               **_form_kwargs(editable, parent))
    if request.method == "POST" and form.is_valid():
        values = form.changed_values()
        # A block is placed in the section the writer chose; other items in their parent.
        place = {editable.placed_by: values.pop(editable.placed_by)} if editable.placed_by else {
            editable.parent: parent}
        item = services.create_item(model=editable.model, values=values,
                                    number_field=editable.renumber_field, **place)
        if hasattr(form, "save_related"):
            form.save_related(item)
        _save_footnotes(chapter, item, form, new=True)
        messages.success(request, _("Toegevoegd: %(item)s.") % {"item": editable.label})
        if request.htmx:
            # Added in place: the draft page again, at the new item (its place follows the order).
            # The query makes it another address: a change of the #anchor alone would not reload.
            response = HttpResponse(status=204)
            response["HX-Redirect"] = f"{_edit_url(chapter)}?toegevoegd={kind}-{item.pk}#bewerkbaar-{kind}-{item.pk}"
            response["HX-Trigger"] = json.dumps({"itemSaved": f"nieuw-{kind}-{chapter.pk}"})
            return response
        return _back(request, chapter)
    return _render_form(request, chapter=chapter, editable=editable, form=form,
                        status=422 if form.is_bound else 200, action=request.get_full_path())


def _form_kwargs(editable, parent):
    return {"parent": parent} if getattr(editable.form_class, "needs_parent", False) else {}


def render_in_place(request, chapter, editable, item, *, saved=False):
    """An item as the draft page shows it, with its controls: what an in-place form gives way to."""
    place = drafting.locate(chapter, item)
    context = {"chapter": chapter, "editable": editable, "kind": editable.kind, "saved": saved,
               "item": place.item if place else item, "part": place.part if place else None,
               "shown": place.shown if place else None, "inline": place.inline if place else False,
               "return_focus": True}
    return render(request, "opgaven/includes/editable.html", context)


@login_required
def item_show(request, edition_slug, chapter_slug, kind, pk, year=None):
    """An item in place (cancelling an in-place form); without htmx, the draft page at the item."""
    chapter, parent, editable, item = _load(request, edition_slug, chapter_slug, kind, pk, year)
    if not request.htmx:
        return redirect(_edit_url(chapter) + f"#bewerkbaar-{kind}-{item.pk}")
    return render_in_place(request, chapter, editable, item)


@login_required
def item_edit(request, edition_slug, chapter_slug, kind, pk, year=None):
    chapter, parent, editable, item = _load(request, edition_slug, chapter_slug, kind, pk, year)
    # Ids per item: two blocks may be open in place on one page.
    kwargs = {"instance": item, "auto_id": f"id_{kind}-{item.pk}-%s", **_form_kwargs(editable, parent)}
    if request.method != "POST":
        return _render_form(request, chapter=chapter, editable=editable, form=editable.form_class(**kwargs), item=item)
    form = editable.form_class(request.POST, **kwargs)
    if not form.is_valid():
        return _render_form(request, chapter=chapter, editable=editable, form=form, item=item, status=422)
    try:
        saved = services.save_versioned(instance=item, values=form.changed_values(),
                                        version=form.cleaned_data["version"])
    except services.VersionConflict as conflict:
        # Both versions side by side, and the two merged word by word in the form, now based on the
        # stored version: saving it is the writer's choice. (The rows are built first: validating
        # the retry form writes into its instance.)
        rows, merged = merging.conflict(editable.model, form.changed_values(), conflict.stored,
                                        form.cleaned_data["version"])
        data = request.POST.copy()
        for name, text in merged.items():
            data[form.add_prefix(name)] = text
        data["version"] = conflict.stored.version
        retry = editable.form_class(data, **{**kwargs, "instance": conflict.stored})
        retry.is_valid()
        return _render_form(request, chapter=chapter, editable=editable, form=retry, item=conflict.stored,
                            conflict=rows, status=409)
    if hasattr(form, "save_related"):
        form.save_related(saved)
    _save_footnotes(chapter, saved, form)
    if request.htmx:
        response = render_in_place(request, chapter, editable, saved, saved=True)
        # The editor forgets the text it kept in the browser for this item and version.
        response["HX-Trigger"] = json.dumps({"itemSaved": f"{kind}-{item.pk}-v{form.cleaned_data['version']}"})
        return response
    messages.success(request, _("Opgeslagen: %(item)s.") % {"item": editable.label})
    return _back(request, chapter)


@login_required
def item_delete(request, edition_slug, chapter_slug, kind, pk, year=None):
    chapter, parent, editable, item = _load(request, edition_slug, chapter_slug, kind, pk, year)
    if not editable.removable:
        raise Http404
    if request.method == "POST":
        services.delete_item(instance=item, renumber_field=editable.renumber_field)
        messages.success(request, _("Verwijderd: %(item)s.") % {"item": editable.label})
        return _back(request, chapter)
    return render(request, "opgaven/item_confirm_delete.html",
                  {"chapter": chapter, "editable": editable, "item": item})


@require_POST
@login_required
def item_move(request, edition_slug, chapter_slug, kind, pk, year=None):
    chapter, parent, editable, item = _load(request, edition_slug, chapter_slug, kind, pk, year)
    direction = request.POST.get("direction")
    if not editable.movable or direction not in ("up", "down"):
        raise Http404
    services.move_item(instance=item, direction=direction, renumber_field=editable.renumber_field)
    return redirect(_edit_url(chapter) + f"#{kind}-{item.pk}")


@login_required
def item_history(request, edition_slug, chapter_slug, kind, pk, year=None):
    chapter, parent, editable, item = _load(request, edition_slug, chapter_slug, kind, pk, year)
    form = HistoryFilterForm(request.GET or None, people=history.people(item))
    entries = history.version_entries(item, filters=form.filters() if form.is_valid() else None)
    for entry in entries:
        entry.restore_url = url_for_item("restore", item, chapter, history_id=entry.record.history_id)
    context = {"chapter": chapter, "editable": editable, "item": item, "entries": entries, "form": form,
               "filtered": form.is_bound}
    return render(request, "opgaven/item_history.html", context)


@require_POST
@login_required
def item_restore(request, edition_slug, chapter_slug, kind, pk, history_id, year=None):
    chapter, parent, editable, item = _load(request, edition_slug, chapter_slug, kind, pk, year)
    record = get_object_or_404(item.history, history_id=history_id)
    try:
        services.restore_version(instance=item, record=record)
    except services.RestoreRefused as refused:
        messages.error(request, str(refused))
    else:
        messages.success(request, _("De eerdere versie is hersteld."))
    return redirect(url_for_item("history", item, chapter))

