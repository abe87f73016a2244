"""The sign-off route of a chapter, the public list of decisions, and what changed between versions."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied, ValidationError
from django.core.paginator import Paginator
from django.http import Http404
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _

from opgaven import access, changes, signoff
from opgaven.forms import DecisionForm
from opgaven.models import Chapter, Edition, RouteStep


@login_required
def chapter_route(request, edition_slug, chapter_slug):
    chapter = access.get_chapter(request, edition_slug, chapter_slug, allowed=access.can_view_route)
    return _route_page(request, chapter, title=chapter.display_title, back_url=chapter.get_absolute_url(),
                       changes_url=reverse("opgaven:chapter_changes", args=[edition_slug, chapter_slug]))


@login_required
def front_matter_route(request, edition_slug):
    edition = get_object_or_404(Edition, slug=edition_slug)
    if not access.can_view_route(request.user, edition):
        raise PermissionDenied
    return _route_page(request, edition, title=_("motto, introductie en manifest"),
                       back_url=reverse("opgaven:front_matter_edit", args=[edition_slug]), changes_url=None)


def _route_page(request, subject, **context):
    route = signoff.route_for(subject, request.user)
    forms = {state.step.pk: DecisionForm(step=state.step, prefix=f"stap-{state.step.pk}")
             for state in route.steps if state.may_take}
    if request.method == "POST":
        step = get_object_or_404(RouteStep, pk=request.POST.get("step"), edition=signoff.edition_of(subject))
        if step.pk not in forms:
            raise PermissionDenied
        form = forms[step.pk] = DecisionForm(request.POST, step=step, prefix=f"stap-{step.pk}")
        if form.is_valid():
            try:
                decision = signoff.take_step(subject=subject, step=step, user=request.user, **_decision_values(form))
            except ValidationError as error:
                _add_errors(form, error)
            else:
                messages.success(request, _("Vastgelegd: %(step)s (%(outcome)s).") % {
                    "step": step.name, "outcome": decision.get_outcome_display().lower()})
                return redirect(request.path)
    for state in route.steps:
        state.form = forms.get(state.step.pk)
    status = 422 if any(form.errors for form in forms.values()) else 200
    decisions = signoff.with_annexes(request.user, signoff.decisions_on(subject).select_related(
        "step", "body", "organisation", "meeting__body", "version"))
    return render(request, "opgaven/chapter_route.html", {
        **context,
        "subject": subject,
        "route": route,
        "objections": signoff.open_objections(subject),
        "history": decisions,
    }, status=status)


def _decision_values(form):
    data = form.cleaned_data
    values = {name: data.get(name) for name in ("text", "date", "meeting") if name in data}
    values.update({name: data.get(name) or "" for name in ("reasons", "weighing") if name in data})
    values["in_writing"] = bool(data.get("in_writing"))
    if "outcome" in data:
        values["outcome"] = data["outcome"]
    return values


def _add_errors(form, error):
    if hasattr(error, "error_dict"):
        for field, errors in error.error_dict.items():
            form.add_error(field if field in form.fields else None, errors)
    else:
        form.add_error(None, error)


def decision_list(request):
    decisions = signoff.public_decisions()
    page = Paginator(decisions, 50).get_page(request.GET.get("pagina"))
    page.object_list = signoff.with_annexes(request.user, page.object_list)
    return render(request, "opgaven/decision_list.html", {"page": page})


def chapter_changes(request, edition_slug, chapter_slug):
    """The adopted versions in order, each with its decisions, and the differences between two."""
    chapter = get_object_or_404(Chapter.objects.select_related("edition"), edition__slug=edition_slug,
                                slug=chapter_slug)
    sees_draft = access.can_view_draft(request.user, chapter)
    versions = signoff.versions_to_compare(chapter, request.user, sees_draft=sees_draft)
    if not versions and not sees_draft:
        raise Http404(_("Dit onderdeel is nog niet vastgesteld."))
    years = changes.years_in(versions)
    year = request.GET.get("jaar", "")
    year = int(year) if year.isdigit() and int(year) in years else None
    comparison = changes.compare_request(request, chapter, versions, sees_draft, year=year)
    return render(request, "opgaven/chapter_changes.html", {
        "chapter": chapter, "versions": versions, "comparison": comparison, "sees_draft": sees_draft,
        "years": years, "year": year,
    })



def front_matter_changes(request, edition_slug):
    """The motto, introduction and manifest: their adopted versions and the differences between two."""
    edition = get_object_or_404(Edition, slug=edition_slug)
    sees_draft = access.can_edit_front_matter(request.user)
    versions = signoff.versions_to_compare(edition, request.user, sees_draft=sees_draft)
    if not versions and not sees_draft:
        raise Http404(_("Motto, introductie en manifest zijn nog niet vastgesteld."))
    comparison = changes.compare_request(request, edition, versions, sees_draft)
    return render(request, "opgaven/front_matter_changes.html", {
        "edition": edition, "versions": versions, "comparison": comparison, "sees_draft": sees_draft,
    })
