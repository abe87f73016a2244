"""Measurement grants: the staff of the organisation that owns an indicator (Indicator.owner,
e.g. the KB for the national figures) enter its measurements.

MonitoringConfig.ready registers the deriver with governance.permissions and connects the
handlers below, which re-derive the grants when an indicator's owner changes. `monitoring.access`
reads them (can_record_measurement)."""

from django.db.models.signals import post_save, pre_save

from governance import permissions

from .models import Indicator, IndicatorUserObjectPermission

RECORD_MEASUREMENT = "record_measurement"


def wanted_indicator_grants(subjects):
    org_ids = {o.pk for s in subjects for o in s.organisations}
    owned = {}
    if org_ids:
        for pk, owner_id in Indicator.objects.filter(owner__in=org_ids).values_list("pk", "owner_id"):
            owned.setdefault(owner_id, set()).add(pk)
    return [{(RECORD_MEASUREMENT, pk) for o in s.organisations for pk in owned.get(o.pk, ())} for s in subjects]


def remember_previous_owner(sender, instance, raw=False, **kwargs):
    if raw or not instance.pk:
        return
    instance._previous_owner_id = Indicator.objects.filter(pk=instance.pk).values_list("owner_id", flat=True).first()


def owner_changed(sender, instance, created=False, raw=False, **kwargs):
    if raw:
        return
    previous = getattr(instance, "_previous_owner_id", None)
    if not created and previous == instance.owner_id:
        return
    from governance.models import Organisation

    owners = {instance.owner_id, previous} - {None}
    if owners:
        permissions.sync_users(permissions.users_of_people(
            Organisation.objects.filter(pk__in=owners).values("people")))


def connect():
    permissions.register_grant_deriver(
        permission_model=IndicatorUserObjectPermission, codenames=(RECORD_MEASUREMENT,),
        wanted=wanted_indicator_grants,
    )
    pre_save.connect(remember_previous_owner, sender=Indicator, dispatch_uid="monitoring.grants.previous_owner")
    post_save.connect(owner_changed, sender=Indicator, dispatch_uid="monitoring.grants.owner_changed")
