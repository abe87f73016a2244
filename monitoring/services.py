from django.core.exceptions import PermissionDenied
from django.db import transaction

from jaarprogramma.access import organisations_reporting_for
from jaarprogramma.models import Action

from .access import can_record_measurement
from .models import Measurement, ProgressUpdate


@transaction.atomic
def post_progress_update(*, action, author, organisation, date, text, percentage=None, status=""):
    """Record a progress update; a status given with it becomes the action's status."""
    reporting_for = organisations_reporting_for(author, action)
    if not reporting_for.exists():
        raise PermissionDenied("Deze gebruiker mag geen voortgang melden voor deze actie.")
    if not reporting_for.filter(pk=organisation.pk).exists():
        raise PermissionDenied("Deze organisatie voert de actie niet uit.")
    update = ProgressUpdate(action=action, author=author, organisation=organisation, date=date, text=text,
                            percentage=percentage, status=status or "")
    update.full_clean()
    update.save()
    if status and status != action.status:
        # Bump the version so an editor holding the old one gets a conflict instead of
        # silently overwriting the status; a status is progress, so no new draft starts.
        locked = Action.objects.select_for_update().get(pk=action.pk)
        locked.status = status
        locked.version += 1
        locked._change_reason = "Voortgangsbericht"
        locked.save(update_fields=["status", "version"])
        action.status, action.version = status, locked.version
    return update


@transaction.atomic
def record_measurement(*, indicator, user, date, value, source, note=""):
    """A dated value of an indicator (the API; the admin writes them directly)."""
    if not can_record_measurement(user):
        raise PermissionDenied("Deze gebruiker mag geen metingen vastleggen.")
    measurement = Measurement(indicator=indicator, date=date, value=value, source=source, note=note,
                              recorded_by=user)
    measurement.full_clean()
    measurement.save()
    return measurement
