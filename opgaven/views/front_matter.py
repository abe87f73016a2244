"""The netwerkoverleg edits the motto, the introduction and the manifest, and takes them
through the same versioning and sign-off route as the chapters."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.http import Http404
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _

from opgaven import access, merging, publication, services
from opgaven.forms import IntroSectionForm, MottoForm, PrincipleForm
from opgaven.models import Edition, IntroSection, Principle

# kind in the URL → (model, form, label)
KINDS = {
    "motto": (Edition, MottoForm, _("motto en manifest")),
    "introductie": (IntroSection, IntroSectionForm, _("introductieparagraaf")),
    "uitgangspunt": (Principle, PrincipleForm, _("uitgangspunt")),
}


def _edition_for_edit(request, edition_slug):
    edition = get_object_or_404(Edition, slug=edition_slug)
    if not access.can_edit_front_matter(request.user):
        raise PermissionDenied
    return edition


@login_required
def front_matter_edit(request, edition_slug):
    edition = _edition_for_edit(request, edition_slug)
    shown = publication.front_matter(request.user, edition)
    return render(request, "opgaven/front_matter_edit.html", {"edition": shown})


@login_required
def front_matter_item(request, edition_slug, kind, pk):
    edition = _edition_for_edit(request, edition_slug)
    if kind not in KINDS:
        raise Http404
    model, form_class, label = KINDS[kind]
    item = edition if model is Edition else get_object_or_404(model, pk=pk, edition=edition)
    if model is Edition and pk != edition.pk:
        raise Http404
    form = form_class(request.POST or None, instance=item)
    conflict = rows = None
    if request.method == "POST" and form.is_valid():
        try:
            services.save_versioned(instance=item, values=form.changed_values(), version=form.cleaned_data["version"])
        except services.VersionConflict as error:
            # Side by side, and the two versions merged word by word in the form (opgaven.merging).
            conflict = error.stored
            rows, merged = merging.conflict(model, form.changed_values(), conflict, form.cleaned_data["version"])
            data = request.POST.copy()
            for name, text in merged.items():
                data[form.add_prefix(name)] = text
            data["version"] = conflict.version
            form = form_class(data, instance=conflict)
            form.is_valid()
        else:
            messages.success(request, _("Opgeslagen: %(item)s.") % {"item": label})
            return redirect(reverse("opgaven:front_matter_edit", args=[edition.slug]) + f"#{kind}-{item.pk}")
    status = 409 if conflict else 422 if form.errors else 200
    return render(request, "opgaven/front_matter_item.html", {
        "edition": edition, "form": form, "label": label, "item": item, "conflict": rows if conflict else None,
    }, status=status)
