"""Who may see the dashboards and an action's progress page, and who enters measurements.

Every monitoring view goes through these helpers. Who may *report* on an action is a rule of
the jaarprogramma (jaarprogramma.access.can_report); this module only reads it. Measurements of
an indicator are entered by the staff of its owner (grant `record_measurement`, derived in
monitoring/grants.py) and by superusers."""

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


def can_read_progress_texts(user, action=None, *, reports=None) -> bool:
    """Progress texts are internal: anyone sees an update's date, part, status, percentage and
    source, but its text only the dashboards' readers and, on an action, those who report on it
    (the API's rule too: opendata.api). `reports`: can_report(user, action), if already known."""
    if user is None or not user.is_authenticated:
        return False
    if can_view_dashboard(user):
        return True
    if action is None:
        return False
    return can_report(user, action) if reports is None else reports


MEASUREMENT_PERMISSION = "monitoring.add_measurement"  # global: administrators, a statistics office
OWNER_PERMISSION = "monitoring.record_measurement"  # per indicator: its owner's staff (monitoring/grants.py)


def can_record_measurement(user, indicator=None) -> bool:
    """Record a measurement of an indicator (in the browser or through the API): the staff of the
    organisation that owns it (e.g. the KB for the national figures), whoever sees the dashboards
    (the netwerkoverleg), and holders of `monitoring.add_measurement`."""
    if user is None or not user.is_authenticated or not user.is_active:
        return False
    if can_view_dashboard(user) or user.has_perm(MEASUREMENT_PERMISSION):
        return True
    return indicator is not None and user.has_perm(OWNER_PERMISSION, indicator)


def can_view_indicator(user, indicator) -> bool:
    """The indicator's page with its measurements: the dashboard's readers and those who enter them."""
    return can_view_dashboard(user) or can_record_measurement(user, indicator)


def indicators_recordable_by(user):
    """The indicators whose measurements this user keeps as their organisation's ("Mijn acties")."""
    from guardian.shortcuts import get_objects_for_user

    from .models import Indicator

    if user is None or not user.is_authenticated or not user.is_active:
        return Indicator.objects.none()
    if user.is_superuser:
        return Indicator.objects.all()
    return get_objects_for_user(user, "record_measurement", Indicator, accept_global_perms=False,
                                with_superuser=False)
