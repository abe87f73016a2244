"""Jaarprogramma edits reuse the generic item views; carriers update an action's progress."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.translation import gettext as _

from jaarprogramma import services as jaarprogramma_services
from jaarprogramma.forms import ActionProgressForm, NewJaarprogrammaForm
from jaarprogramma.models import Action
from opgaven import access, services
from opgaven.views import edit

item_create = edit.item_create
item_edit = edit.item_edit
item_delete = edit.item_delete
item_move = edit.item_move
item_history = edit.item_history
item_restore = edit.item_restore


def get_action_for_progress(request, pk):
    """404 for an unknown action; 403 unless the user's organisation carries it."""
    action = get_object_or_404(Action.objects.select_related("jaarprogramma__chapter__edition"), pk=pk)
    if not request.user.has_perm("jaarprogramma.update_progress", action):
        raise PermissionDenied
    return action


@login_required
def action_progress(request, pk):
    action = get_action_for_progress(request, pk)
    form = ActionProgressForm(request.POST or None, instance=action)
    conflict = None
    if request.method == "POST" and form.is_valid():
        try:
            services.save_versioned(instance=action, values=form.changed_values(), version=form.cleaned_data["version"])
        except services.VersionConflict as error:
            conflict = error.stored
            data = request.POST.copy()
            data["version"] = conflict.version
            form = ActionProgressForm(data, instance=conflict)
        else:
            messages.success(request, _("De status van de actie is bijgewerkt."))
            return redirect("jaarprogramma:action_progress", pk)
    status = 409 if conflict else 422 if form.errors else 200
    return render(request, "jaarprogramma/action_progress.html",
                  {"action": action, "form": form, "conflict": conflict}, status=status)


@login_required
def jaarprogramma_create(request, edition_slug, chapter_slug):
    chapter = access.get_chapter_for_edit(request, edition_slug, chapter_slug)
    form = NewJaarprogrammaForm(request.POST or None, chapter=chapter)
    if request.method == "POST" and form.is_valid():
        programme = jaarprogramma_services.create_jaarprogramma(chapter=chapter, year=form.cleaned_data["year"])
        messages.success(request, _("Jaarprogramma %(year)s is aangemaakt.") % {"year": programme.year})
        return redirect("opgaven:chapter_edit", edition_slug, chapter_slug)
    return render(request, "jaarprogramma/jaarprogramma_form.html", {"chapter": chapter, "form": form},
                  status=422 if form.errors else 200)
