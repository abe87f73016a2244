"""A chapter's writers open a new year's programme; its items are edited through the generic
item views of opgaven (jaarprogramma.editables registers their kinds)."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _

from jaarprogramma import services
from jaarprogramma.forms import NewJaarprogrammaForm
from opgaven import access


@login_required
def jaarprogramma_create(request, edition_slug, chapter_slug):
    chapter = access.get_chapter_for_edit(request, edition_slug, chapter_slug)
    form = NewJaarprogrammaForm(request.POST or None, chapter=chapter)
    if request.method == "POST" and form.is_valid():
        programme = services.create_jaarprogramma(chapter=chapter, year=form.cleaned_data["year"])
        messages.success(request, _("Jaarprogramma %(year)s is aangemaakt.") % {"year": programme.year})
        return redirect("opgaven:chapter_edit", edition_slug, chapter_slug)
    return render(request, "jaarprogramma/jaarprogramma_form.html", {"chapter": chapter, "form": form},
                  status=422 if form.errors else 200)
