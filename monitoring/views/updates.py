"""An action's progress: its history of updates, and the form for the carriers, each for its own
part (an organisation's staff, a body's members)."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.contrib.auth.views import redirect_to_login
from django.core.exceptions import PermissionDenied
from django.core.paginator import Paginator
from django.shortcuts import get_object_or_404, redirect, render
from django.utils import timezone
from django.utils.translation import gettext as _

from jaarprogramma.access import (
    actions_reportable_for,
    own_parts,
    parts_reportable_for,
    user_bodies,
    user_organisations,
)
from jaarprogramma.models import Action

from .. import selectors
from ..access import can_view_action_progress, indicators_recordable_by
from ..forms import ProgressUpdateForm
from ..services import post_progress_update


def _load_action(request, pk):
    """404 for unknown actions, login for anonymous visitors, 403 for outsiders."""
    action = get_object_or_404(
        Action.objects.select_related("jaarprogramma__chapter__edition").prefetch_related(
            "link_sources__link__opgave",
            "link_sources__link__uitdaging",
            "carriers__organisation",
            "carriers__body",
        ),
        pk=pk,
    )
    if not request.user.is_authenticated:
        return action, redirect_to_login(request.get_full_path())
    if not can_view_action_progress(request.user, action):
        raise PermissionDenied
    return action, None


def action_progress(request, pk):
    action, login = _load_action(request, pk)
    if login:
        return login
    reportable = parts_reportable_for(request.user, action)
    may_post = reportable.exists()
    if request.method == "POST":
        if not may_post:
            raise PermissionDenied
        form = ProgressUpdateForm(request.POST, parts=reportable)
        if form.is_valid():
            post_progress_update(author=request.user, **form.cleaned_data)
            messages.success(request, _("Uw voortgangsbericht is opgeslagen."))
            return redirect("monitoring:action_progress", pk=action.pk)
    else:
        form = ProgressUpdateForm(parts=reportable) if may_post else None
    return render(request, "monitoring/action_progress.html", {
        "action": action, "form": form, "may_post": may_post,
        "updates": selectors.update_history(action.pk, request.GET.get("pagina")),
        "parts": selectors.with_last_update(action.carriers.all()),
    })


@login_required
def my_actions(request):
    """The actions the user's organisations (directly or as a collective) and bodies carry, with
    the user's own part of each, to report on."""
    organisations = list(user_organisations(request.user))
    bodies = list(user_bodies(request.user))
    actions = selectors.with_progress(actions_reportable_for(request.user))
    page = Paginator(actions, 50).get_page(request.GET.get("pagina"))
    page.object_list = list(page.object_list)
    parts = own_parts(request.user, page.object_list, organisations=organisations, bodies=bodies)
    for action in page.object_list:
        action.own_parts = parts.get(action.pk, [])
    return render(request, "monitoring/my_actions.html", {
        "organisations": organisations, "bodies": bodies, "page": page, "today": timezone.localdate(),
        "stale_before": timezone.localdate() - selectors.STALE_AFTER,
        "indicators": list(indicators_recordable_by(request.user).select_related("owner").order_by("name")),
    })
