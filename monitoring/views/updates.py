"""An action's progress: its history of updates, and the form for the carrying organisations."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.contrib.auth.views import redirect_to_login
from django.core.exceptions import PermissionDenied
from django.core.paginator import Paginator
from django.shortcuts import get_object_or_404, redirect, render
from django.utils import timezone
from django.utils.translation import gettext as _

from jaarprogramma.access import actions_reportable_for, can_report, organisations_reporting_for, user_organisations
from jaarprogramma.models import Action

from .. import selectors
from ..access import can_view_action_progress
from ..forms import ProgressUpdateForm
from ..services import post_progress_update


def _load_action(request, pk):
    """404 for unknown actions, login for anonymous visitors, 403 for outsiders."""
    action = get_object_or_404(
        Action.objects.select_related("jaarprogramma__chapter__edition").prefetch_related(
            "links__chapter",
            "carriers__organisation",
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
    may_post = can_report(request.user, action)
    if request.method == "POST":
        if not may_post:
            raise PermissionDenied
        form = ProgressUpdateForm(request.POST, organisations=organisations_reporting_for(request.user, action))
        if form.is_valid():
            post_progress_update(action=action, author=request.user, **form.cleaned_data)
            messages.success(request, _("Uw voortgangsbericht is opgeslagen."))
            return redirect("monitoring:action_progress", pk=action.pk)
    else:
        form = ProgressUpdateForm(organisations=organisations_reporting_for(request.user, action)) if may_post else None
    updates = action.updates.select_related("organisation", "author")
    return render(request, "monitoring/action_progress.html",
                  {"action": action, "form": form, "updates": updates, "may_post": may_post})


@login_required
def my_actions(request):
    """The actions the user's organisations carry (directly or as a collective), to report on."""
    organisations = list(user_organisations(request.user))
    actions = selectors.with_progress(actions_reportable_for(request.user))
    page = Paginator(actions, 50).get_page(request.GET.get("pagina"))
    return render(request, "monitoring/my_actions.html", {
        "organisations": organisations, "page": page, "today": timezone.localdate(),
        "stale_before": timezone.localdate() - selectors.STALE_AFTER,
    })
