from django.db import transaction

from jaarprogramma.models import ActionCarrier
from opgaven.services import start_draft


@transaction.atomic
def set_carriers(*, action, organisations):
    """Make the action's carriers exactly `organisations`; existing roles are kept."""
    wanted = {org.pk for org in organisations}
    current = set(action.carriers.values_list("organisation_id", flat=True))
    # One by one, so the history and the permission signals see every change.
    for carrier in action.carriers.filter(organisation_id__in=current - wanted):
        carrier.delete()
    for organisation_id in wanted - current:
        ActionCarrier.objects.create(action=action, organisation_id=organisation_id)
    if wanted != current:
        start_draft(action.jaarprogramma.chapter)


@transaction.atomic
def create_jaarprogramma(*, chapter, year):
    """A new year's programme; its success criteria and actions are then written anew."""
    from jaarprogramma.models import Jaarprogramma

    programme = Jaarprogramma.objects.create(chapter=chapter, year=year)
    start_draft(chapter)
    return programme
