"""Who may report on an action, and for which part of it.

An action is carried by organisations (a collective such as "de bibliotheken" or "POI's"
included) and by bodies (a koersgroep or programme team). Each carrier has its own part and
reports on it: the staff of a carrying organisation (of any organisation of a collective's type)
for an organisation's part, the members of a carrying body for the body's part. From that rule
jaarprogramma/grants.py derives the grant `update_progress` on the action; reporting reads the
grant and then says for which parts. Superusers may report for any part."""

from django.db.models import Q

from governance.models import Body, Organisation
from jaarprogramma.models import Action, ActionCarrier

UPDATE_PROGRESS = "update_progress"
PERMISSION = f"jaarprogramma.{UPDATE_PROGRESS}"


def _active(user):
    return user is not None and user.is_authenticated and user.is_active


def user_organisations(user):
    if not _active(user):
        return Organisation.objects.none()
    return Organisation.objects.filter(people__user=user)


def user_bodies(user):
    if not _active(user):
        return Body.objects.none()
    return Body.objects.filter(memberships__person__user=user)


def _parts_of(user, organisations=None, bodies=None):
    """Q for the carriers (parts) this user speaks for, by the rule above."""
    organisations = list(user_organisations(user) if organisations is None else organisations)
    types = {org.type for org in organisations}
    bodies = user_bodies(user) if bodies is None else bodies
    return (Q(organisation__in=organisations)
            | Q(organisation__collective=True, organisation__type__in=types)
            | Q(body__in=bodies))


def parts_reportable_for(user, action):
    """The parts (carriers) of the action this user may report on."""
    if not _active(user):
        return ActionCarrier.objects.none()
    carriers = ActionCarrier.objects.filter(action=action).select_related("organisation", "body")
    if user.is_superuser:
        return carriers
    if not user.has_perm(PERMISSION, action):
        return ActionCarrier.objects.none()
    return carriers.filter(_parts_of(user))


def can_report(user, action) -> bool:
    """Post a progress update on (a part of) the action."""
    return parts_reportable_for(user, action).exists()


def can_report_part(user, carrier) -> bool:
    return parts_reportable_for(user, carrier.action).filter(pk=carrier.pk).exists()


def reporting_organisation(user, carrier):
    """The organisation the user reports from, for this part: their own organisation that the
    carrier is or stands for, or for a body the organisation they are its member for."""
    if carrier.organisation_id:
        own = [org for org in user_organisations(user) if carrier.organisation.covers(org)]
        return own[0] if own else (carrier.organisation if user.is_superuser else None)
    membership = carrier.body.memberships.filter(person__user=user).select_related("organisation").first()
    if membership is not None:
        return membership.organisation
    return None


def organisations_reporting_for(user, action):
    """The user's own organisations that carry the action (directly or as a collective)."""
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


def actions_reportable_for(user):
    """The actions this user may report on ("Mijn acties")."""
    if not _active(user):
        return Action.objects.none()
    if user.is_superuser:
        return Action.objects.filter(carriers__isnull=False).distinct()
    from guardian.shortcuts import get_objects_for_user

    # The bare codename: guardian takes the content type from the model (cached by Django).
    granted = get_objects_for_user(user, UPDATE_PROGRESS, Action, accept_global_perms=False, with_superuser=False)
    carried = Action.objects.filter(carriers__in=ActionCarrier.objects.filter(_parts_of(user)))
    return Action.objects.filter(pk__in=granted.values("pk")).filter(pk__in=carried.values("pk"))


def own_parts(user, actions, *, organisations=None, bodies=None):
    """{action id: [the user's parts]} for these actions (their carriers prefetched): which part
    of each action "Mijn acties" shows as the user's. `organisations` and `bodies` (the user's,
    when the caller has them already) save their queries."""
    if not _active(user):
        return {}
    organisations = list(user_organisations(user) if organisations is None else organisations)
    body_ids = {body.pk for body in (user_bodies(user) if bodies is None else bodies)}

    def speaks_for(carrier):
        if carrier.body_id:
            return carrier.body_id in body_ids
        return any(carrier.organisation.covers(org) for org in organisations)

    return {action.pk: [c for c in action.carriers.all() if speaks_for(c)] for action in actions}
