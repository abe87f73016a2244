"""Progress grants: who reports on an action.

The staff of an organisation that carries an action (collective carriers such as "de
bibliotheken" and "POI's" included: `Action.objects.carried_by`) and the members of a body that
carries one (`Action.objects.carried_by_bodies`) get `update_progress` on it.
`jaarprogramma.access` reads these grants and says for which part each may report.

JaarprogrammaConfig.ready registers the deriver with governance.permissions and connects the
handlers below, which re-derive the grants when an action's carriers change. Memberships and
people's organisations change through governance.services, which re-derives them itself."""

from django.db.models import Q
from django.db.models.signals import post_delete, post_save, pre_save

from governance import permissions
from jaarprogramma.access import UPDATE_PROGRESS
from jaarprogramma.models import ActionCarrier, ActionUserObjectPermission


def wanted_action_grants(subjects):
    """Per subject: `update_progress` on the actions its organisations or bodies carry
    (`Action.objects.carried_by` and `carried_by_bodies`, for all subjects at once)."""
    from governance.models import Organisation

    org_ids = {o.pk for s in subjects for o in s.organisations}
    body_ids = {m.body_id for s in subjects for m in s.memberships}
    collectives = {}
    types = {o.type for s in subjects for o in s.organisations}
    if types:
        for pk, org_type in Organisation.objects.filter(collective=True, type__in=types).values_list("pk", "type"):
            collectives.setdefault(org_type, set()).add(pk)
    carried_by, carried_by_body = {}, {}
    parties = org_ids.union(*collectives.values())
    if parties or body_ids:
        rows = ActionCarrier.objects.filter(Q(organisation__in=parties) | Q(body__in=body_ids))
        for action_id, org_id, body_id in rows.values_list("action_id", "organisation_id", "body_id"):
            if org_id is not None:
                carried_by.setdefault(org_id, set()).add(action_id)
            if body_id is not None:
                carried_by_body.setdefault(body_id, set()).add(action_id)
    result = []
    for subject in subjects:
        actions = set()
        for organisation in subject.organisations:
            for party in {organisation.pk, *collectives.get(organisation.type, ())}:
                actions |= carried_by.get(party, set())
        for membership in subject.memberships:
            actions |= carried_by_body.get(membership.body_id, set())
        result.append({(UPDATE_PROGRESS, pk) for pk in actions})
    return result


def remember_previous_party(sender, instance, raw=False, **kwargs):
    if raw or not instance.pk:
        return
    instance._previous_party = (
        ActionCarrier.objects.filter(pk=instance.pk).values_list("organisation_id", "body_id").first())


def carrier_changed(sender, instance, raw=False, created=None, **kwargs):
    if raw:  # loaddata: run `manage.py sync_permissions` afterwards
        return
    previous = getattr(instance, "_previous_party", None)
    if created is False and previous == (instance.organisation_id, instance.body_id):
        return  # the same party: a role or a note changed, nobody's rights did
    from governance.models import Organisation

    organisation_ids = {instance.organisation_id, previous[0] if previous else None} - {None}
    body_ids = {instance.body_id, previous[1] if previous else None} - {None}
    if organisation_ids:
        permissions.sync_users(permissions.users_of_organisations(Organisation.objects.filter(pk__in=organisation_ids)))
    if body_ids:
        permissions.sync_users(permissions.users_of_bodies(body_ids))


def connect():
    permissions.register_grant_deriver(
        permission_model=ActionUserObjectPermission, codenames=(UPDATE_PROGRESS,), wanted=wanted_action_grants,
    )
    pre_save.connect(remember_previous_party, sender=ActionCarrier,
                     dispatch_uid="jaarprogramma.grants.remember_previous_party")
    post_save.connect(carrier_changed, sender=ActionCarrier, dispatch_uid="jaarprogramma.grants.carrier_saved")
    post_delete.connect(carrier_changed, sender=ActionCarrier, dispatch_uid="jaarprogramma.grants.carrier_deleted")
