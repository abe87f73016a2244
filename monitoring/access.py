"""Who may see the dashboards and an action's progress page.

Every monitoring view goes through these helpers. Who may *report* on an action is a rule of
the jaarprogramma (jaarprogramma.access.can_report); this module only reads it."""

from functools import wraps

from django.contrib.auth.views import redirect_to_login
from django.core.exceptions import PermissionDenied

from jaarprogramma.access import can_report

DASHBOARD_PERMISSION = "monitoring.view_dashboard"


def can_view_dashboard(user) -> bool:
    """Holders of `monitoring.view_dashboard`: the netwerkoverleg (through its group) and superusers."""
    return user.is_authenticated and user.is_active and user.has_perm(DASHBOARD_PERMISSION)


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


def can_view_action_progress(user, action) -> bool:
    return can_view_dashboard(user) or can_report(user, action)


MEASUREMENT_PERMISSION = "monitoring.add_measurement"


def can_record_measurement(user) -> bool:
    """Record a measurement of an indicator: whoever sees the dashboards (the netwerkoverleg),
    and holders of `monitoring.add_measurement` (administrators, or a statistics office)."""
    return can_view_dashboard(user) or (user.is_authenticated and user.is_active
                                         and user.has_perm(MEASUREMENT_PERMISSION))
