"""Who may see the dashboards and who may report progress on an action.

Every monitoring view goes through these helpers, so the rules live in one place."""

from functools import wraps

from django.contrib.auth.views import redirect_to_login
from django.core.exceptions import PermissionDenied

from governance.models import BodyKind, Organisation
from jaarprogramma.models import Action

DASHBOARD_PERMISSION = "monitoring.view_dashboard"
UPDATE_PERMISSION = "jaarprogramma.update_progress"


def can_view_dashboard(user) -> bool:
    """Superusers, holders of `monitoring.view_dashboard` and members of the netwerkoverleg."""
    if not user.is_authenticated:
        return False
    if user.is_superuser or user.has_perm(DASHBOARD_PERMISSION):
        return True
    return user.__class__.objects.filter(
        pk=user.pk, person__memberships__body__kind=BodyKind.NETWERKOVERLEG
    ).exists()


def dashboard_required(view):
    """Anonymous visitors go to the login page; logged-in outsiders get a 403."""

    @wraps(view)
    def wrapper(request, *args, **kwargs):
        if not request.user.is_authenticated:
            return redirect_to_login(request.get_full_path())
        if not can_view_dashboard(request.user):
            raise PermissionDenied
        return view(request, *args, **kwargs)

    return wrapper


def user_organisations(user):
    if not user.is_authenticated:
        return Organisation.objects.none()
    return Organisation.objects.filter(people__user=user)


def organisations_reporting_for(user, action):
    """The user's own organisations on whose behalf they may report on this action.

    An organisation qualifies when it carries the action itself or through the collective
    of its type ("de bibliotheken"); superusers may report for any carrier."""
    if user.is_superuser:
        return Organisation.objects.filter(carried_actions__action=action).distinct()
    own = list(user_organisations(user))
    return Organisation.objects.filter(
        pk__in=[org.pk for org in own if Action.objects.carried_by([org]).filter(pk=action.pk).exists()]
    )


def can_post_update(user, action) -> bool:
    if not user.is_authenticated:
        return False
    if not user.is_superuser and not user.has_perm(UPDATE_PERMISSION, action):
        return False
    return organisations_reporting_for(user, action).exists()


def can_view_action_progress(user, action) -> bool:
    return can_view_dashboard(user) or can_post_update(user, action)
