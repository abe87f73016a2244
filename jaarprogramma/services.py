from dataclasses import dataclass, field

from django.db import transaction

from jaarprogramma.models import ActionCarrier, ActionStatus, Jaarprogramma
from opgaven.editions import copy_instance
from opgaven.services import start_draft

# An action that is done or has lapsed closes with its year; every other one carries over.
CLOSED = (ActionStatus.DONE, ActionStatus.CANCELLED)


@transaction.atomic
def set_carriers(*, action, organisations, bodies=None):
    """Make the action's carriers exactly these organisations and bodies (None: leave the
    bodies as they are); existing carriers keep their role, note and reported progress."""
    changed = _set_parties(action, "organisation_id", {org.pk for org in organisations})
    if bodies is not None:
        changed = _set_parties(action, "body_id", {body.pk for body in bodies}) or changed
    if changed:
        start_draft(action.jaarprogramma.chapter)


def _set_parties(action, field, wanted):
    current = set(action.carriers.exclude(**{field: None}).values_list(field, flat=True))
    # One by one, so the history and the permission signals see every change.
    for carrier in action.carriers.filter(**{f"{field}__in": current - wanted}):
        carrier.delete()
    for pk in wanted - current:
        ActionCarrier.objects.create(action=action, **{field: pk})
    return wanted != current


@transaction.atomic
def judge_success_criterion(*, criterion, met, note=""):
    """The netwerkoverleg's judgement: was the year a success on this criterion? A monitoring
    fact, so the chapter stays as it was established."""
    criterion.met = met
    criterion.met_note = note
    criterion.full_clean()
    criterion.save(update_fields=["met", "met_note"])
    return criterion


def previous_programme(chapter, year):
    return chapter.jaarprogrammas.filter(year__lt=year).order_by("-year").first()


@transaction.atomic
def create_jaarprogramma(*, chapter, year, judgements=None):
    """Open the programme for `year`, building on the year before.

    Unfinished actions carry over with their carriers and sub-items, linked to last year's
    action; finished and lapsed ones stay behind with their final status. Last year's success
    criteria are judged (`judgements`: {criterion: (met, note)}) and stay with that year."""
    previous = previous_programme(chapter, year)
    programme = Jaarprogramma.objects.create(chapter=chapter, year=year, intro=previous.intro if previous else "")
    for criterion, (met, note) in (judgements or {}).items():
        judge_success_criterion(criterion=criterion, met=met, note=note)
    if previous is not None:
        for action in previous.actions.exclude(status__in=CLOSED).prefetch_related("carriers", "subitems"):
            _carry_over(action, programme)
    start_draft(chapter)
    return programme


def carry_over_into_edition(*, previous, edition, chapters, copies, **kwargs):
    """A new edition's first programme per chapter holds the open actions of the previous
    edition's last one (opgaven.editions.edition_created)."""
    for old_pk, chapter in chapters.items():
        last = Jaarprogramma.objects.filter(chapter_id=old_pk).order_by("-year").first()
        if last is None:
            continue
        programme = Jaarprogramma.objects.create(chapter=chapter, year=edition.start_year, intro=last.intro)
        for action in last.actions.exclude(status__in=CLOSED).prefetch_related("carriers", "subitems"):
            _carry_over(action, programme, copies)


def _carry_over(action, programme, copies=None):
    copy = copy_instance(action, copies, jaarprogramma_id=programme.pk, carried_over_from_id=action.pk, version=1)
    for carrier in action.carriers.all():
        copy_instance(carrier, copies, action_id=copy.pk)
    for item in action.subitems.all():
        copy_instance(item, copies, action_id=copy.pk)
    return copy


@dataclass
class YearChange:
    programme: object
    carried_over: list = field(default_factory=list)  # [(action, last year's action)]
    new: list = field(default_factory=list)
    closed: list = field(default_factory=list)  # last year's actions that ended with that year


def year_on_year(chapter):
    """For each year programme of a chapter as shown (draft or established), compared with the
    year before; uses the programmes the chapter already carries."""
    programmes = sorted(chapter.jaarprogrammas.all(), key=lambda p: p.year)
    result = []
    for previous, programme in zip([None, *programmes], programmes, strict=False):
        before = {a.pk: a for a in previous.actions.all()} if previous else {}
        change = YearChange(programme)
        continued = set()
        for action in programme.actions.all():
            if action.carried_over_from_id in before:
                change.carried_over.append((action, before[action.carried_over_from_id]))
                continued.add(action.carried_over_from_id)
            else:
                change.new.append(action)
        change.closed = [a for pk, a in before.items() if pk not in continued]
        result.append(change)
    return result
