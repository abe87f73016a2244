"""Who may report on an action: the staff of an organisation that carries it.

"Carries" includes the collective carriers ("de bibliotheken", "POI's"): the rule is
`Action.objects.carried_by`, from which jaarprogramma/grants.py derives the grant
`update_progress`. Reporting reads that grant, and is always on behalf of one of the user's
own organisations that carries the action; superusers may report for any carrier."""

from governance.models import Organisation
from jaarprogramma.models import Action

UPDATE_PROGRESS = "update_progress"
PERMISSION = f"jaarprogramma.{UPDATE_PROGRESS}"


def _active(user):
    return user is not None and user.is_authenticated and user.is_active


def user_organisations(user):
    if not _active(user):
        return Organisation.objects.none()
    return Organisation.objects.filter(people__user=user)


def organisations_reporting_for(user, action):
    """The organisations on whose behalf this user may report on the action."""
    if not _active(user):
        return Organisation.objects.none()
    if user.is_superuser:
        return Organisation.objects.filter(carried_actions__action=action).distinct()
    if not user.has_perm(PERMISSION, action):
        return Organisation.objects.none()
    own = list(user_organisations(user))
    return Organisation.objects.filter(
        pk__in=[org.pk for org in own if Action.objects.carried_by([org]).filter(pk=action.pk).exists()]
    )


def can_report(user, action) -> bool:
    """Post a progress update (and with it a new status) for the action."""
    return organisations_reporting_for(user, action).exists()


def actions_reportable_for(user):
    """The actions this user may report on ("Mijn acties")."""
    if not _active(user):
        return Action.objects.none()
    if user.is_superuser:
        return Action.objects.filter(carriers__isnull=False).distinct()
    from guardian.shortcuts import get_objects_for_user

    # The bare codename: guardian takes the content type from the model (cached by Django).
    granted = get_objects_for_user(user, UPDATE_PROGRESS, Action, accept_global_perms=False, with_superuser=False)
    return Action.objects.carried_by(user_organisations(user)).filter(pk__in=granted.values("pk"))
