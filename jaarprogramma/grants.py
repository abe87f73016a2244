"""Progress grants: the staff of an organisation that carries an action report on it.

"Carries" includes the collective carriers ("de bibliotheken", "POI's"): the rule is
`Action.objects.carried_by`. `jaarprogramma.access` reads these grants.

JaarprogrammaConfig.ready registers the deriver with governance.permissions and connects the
handlers below, which re-derive the grants when an action's carriers change."""

from django.db.models.signals import post_delete, post_save, pre_save

from governance import permissions
from jaarprogramma.access import UPDATE_PROGRESS
from jaarprogramma.models import Action, ActionCarrier, ActionUserObjectPermission


def wanted_action_grants(person, memberships):
    if person is None:
        return set()
    organisations = list(person.organisations.all())
    if not organisations:
        return set()
    return {(UPDATE_PROGRESS, pk) for pk in Action.objects.carried_by(organisations).values_list("pk", flat=True)}


def remember_previous_organisation(sender, instance, raw=False, **kwargs):
    if raw or not instance.pk:
        return
    instance._previous_organisation_id = (
        ActionCarrier.objects.filter(pk=instance.pk).values_list("organisation_id", flat=True).first())


def carrier_changed(sender, instance, raw=False, **kwargs):
    if raw:  # loaddata: run `manage.py sync_permissions` afterwards
        return
    from governance.models import Organisation

    organisation_ids = {instance.organisation_id, getattr(instance, "_previous_organisation_id", None)} - {None}
    permissions.sync_users(permissions.users_of_organisations(Organisation.objects.filter(pk__in=organisation_ids)))


def connect():
    permissions.register_grant_deriver(
        permission_model=ActionUserObjectPermission, codenames=(UPDATE_PROGRESS,), wanted=wanted_action_grants,
    )
    pre_save.connect(remember_previous_organisation, sender=ActionCarrier,
                     dispatch_uid="jaarprogramma.grants.remember_previous_organisation")
    post_save.connect(carrier_changed, sender=ActionCarrier, dispatch_uid="jaarprogramma.grants.carrier_saved")
    post_delete.connect(carrier_changed, sender=ActionCarrier, dispatch_uid="jaarprogramma.grants.carrier_deleted")
