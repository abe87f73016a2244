"""How monitoring facts change. Each has one write path here (a criterion's judgement is
jaarprogramma.services.judge_success_criterion).

An action's progress is reported per part (per carrier): `post_progress_update` records a dated
update on one part, gives the part the status and percentage of its latest update and the
action the status of its parts (jaarprogramma.models.status_of_parts). It never touches the
chapter's establishment: progress is not agenda text."""

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction

from jaarprogramma.access import can_report_part, reporting_organisation
from jaarprogramma.models import Action, ActionCarrier, ActionStatus, status_of_parts

from .access import can_record_measurement
from .models import Measurement, ProgressUpdate


@transaction.atomic
def post_progress_update(*, carrier, author, date, text, percentage=None, status="", source="", organisation=None):
    """Record a progress update on `carrier`'s part of its action.

    `author` is the user who reports; they must speak for the part (jaarprogramma.access) and
    the update records the organisation they report from. Without an author the update is taken
    from a published report (the loader): `source` must name it, `organisation` may say who
    reported. A status given with the update becomes the part's status; the action's status then
    follows from all its parts."""
    if author is not None:
        if not can_report_part(author, carrier):
            raise PermissionDenied("Deze gebruiker mag geen voortgang melden voor dit deel van de actie.")
        organisation = reporting_organisation(author, carrier)
    elif not source:
        raise ValidationError("Een voortgangsbericht zonder auteur noemt zijn bron.")
    update = ProgressUpdate(action_id=carrier.action_id, carrier=carrier, author=author, organisation=organisation,
                            date=date, text=text, percentage=percentage, status=status or "", source=source)
    update.full_clean()
    update.save()
    refresh_part(carrier)
    return update


def refresh_part(carrier):
    """The part takes the status and percentage of its latest update that gives one (a done part
    is 100% done); then the action takes the status of its parts."""
    updates = carrier.updates.order_by("-date", "-created_at")
    status = updates.exclude(status="").values_list("status", flat=True).first() or ActionStatus.NOT_STARTED
    percentage = updates.exclude(percentage=None).values_list("percentage", flat=True).first()
    if status == ActionStatus.DONE:
        percentage = 100
    if (carrier.status, carrier.percentage) != (status, percentage):
        # Not save(): no carrier history or permission signals for a fact of progress.
        ActionCarrier.objects.filter(pk=carrier.pk).update(status=status, percentage=percentage)
        carrier.status, carrier.percentage = status, percentage
    refresh_action_status(carrier.action)


def refresh_action_status(action):
    """The action's status from its parts; an action without parts keeps its status."""
    status = status_of_parts(ActionCarrier.objects.filter(action_id=action.pk).values_list("status", flat=True))
    if status is None or status == action.status:
        return
    # Bump the version so an editor holding the old one gets a conflict instead of silently
    # overwriting the status; a status is progress, so no new draft starts.
    locked = Action.objects.select_for_update().get(pk=action.pk)
    locked.status = status
    locked.version += 1
    locked._change_reason = "Voortgangsbericht"
    locked.save(update_fields=["status", "version"])
    action.status, action.version = status, locked.version


def carrier_added(sender, instance, created=False, raw=False, **kwargs):
    """A new carrier is a new part that has not started: a done action is no longer done.
    Connected to ActionCarrier's post_save by MonitoringConfig.ready."""
    if created and not raw:
        refresh_action_status(Action.objects.get(pk=instance.action_id))


def carrier_removed(sender, instance, origin=None, **kwargs):
    """A carrier removed from its action (not deleted along with the action): its part no longer
    counts. Connected to ActionCarrier's post_delete."""
    if isinstance(origin, ActionCarrier) or getattr(origin, "model", None) is ActionCarrier:
        action = Action.objects.filter(pk=instance.action_id).first()
        if action is not None:
            refresh_action_status(action)


@transaction.atomic
def record_measurement(*, indicator, user, date, value, source, note=""):
    """A new dated value of an indicator (the indicator page, the API); earlier ones stay and keep
    their history. Who may: monitoring.access.can_record_measurement."""
    if not can_record_measurement(user, indicator):
        raise PermissionDenied("Deze gebruiker mag geen metingen van deze indicator vastleggen.")
    measurement = Measurement(indicator=indicator, date=date, value=value, source=source, note=note,
                              recorded_by=user)
    measurement.full_clean()
    measurement.save()
    return measurement
