"""A chapter's writers open a new year's programme; its items are edited through the generic
item views of opgaven (jaarprogramma.editables registers their kinds). Every action has a page
of its own, at the document's numbering."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import Http404
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.translation import gettext as _

from governance import pages
from jaarprogramma import services
from jaarprogramma.forms import NewJaarprogrammaForm
from opgaven import access, publication
from opgaven.models import Chapter


def _may_open_year(user, chapter):
    # The netwerkoverleg or the chapter's writers open the next year.
    return access.can_edit(user, chapter) or access.can_establish(user, chapter)


@login_required
def jaarprogramma_create(request, edition_slug, chapter_slug):
    chapter = access.get_chapter(request, edition_slug, chapter_slug, allowed=_may_open_year)
    form = NewJaarprogrammaForm(request.POST or None, chapter=chapter)
    if request.method == "POST" and form.is_valid():
        programme = services.create_jaarprogramma(chapter=chapter, year=form.cleaned_data["year"],
                                                  judgements=form.judgements())
        messages.success(request, _("Jaarprogramma %(year)s is aangemaakt.") % {"year": programme.year})
        return redirect(chapter.get_absolute_url() + f"?jaar={programme.year}")
    return render(request, "jaarprogramma/jaarprogramma_form.html", {"chapter": chapter, "form": form},
                  status=422 if form.errors else 200)


def year_on_year(request, edition_slug, chapter_slug):
    """Per year: what carried over from the year before, what is new, what closed."""
    chapter = get_object_or_404(Chapter.objects.select_related("edition"), edition__slug=edition_slug,
                                slug=chapter_slug)
    shown = publication.read(request.user, chapter)
    if shown is None:
        raise Http404(_("Dit onderdeel is nog niet vastgesteld."))
    return render(request, "jaarprogramma/year_on_year.html",
                  {"chapter": shown, "years": services.year_on_year(shown)})


def action_detail(request, edition_slug, chapter_slug, year, number_path):
    """One action as the reader may see it (opgaven.publication decides: the established text
    for the public, the draft for those who work on it), with its carriers and the status of
    each one's part; monitoring adds the updates (governance.pages, page "action_detail")."""
    chapter = get_object_or_404(Chapter.objects.select_related("edition"),
                                edition__slug=edition_slug, slug=chapter_slug)
    shown = publication.read(request.user, chapter,
                             established_version=request.GET.get("versie") == "vastgesteld")
    programme = next((p for p in shown.jaarprogrammas.all() if p.year == year), None) if shown else None
    action = next((a for a in programme.actions.all() if a.number_path == number_path), None) if programme else None
    if action is None:
        raise Http404("Deze actie bestaat niet of is nog niet vastgesteld.")
    return render(request, "jaarprogramma/action_detail.html", {
        "chapter": shown,
        "edition": shown.edition,
        "programme": programme,
        "action": action,
        "parts": list(action.carriers.all()),
        **pages.extra_context("action_detail", request, action=action),
    })
