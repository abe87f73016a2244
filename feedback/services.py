"""Writes to feedback rounds: open, comment, answer (version-checked), discuss, close."""

import datetime

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from feedback import items as round_items
from feedback import notifications
from feedback.models import FeedbackRound, Remark, RemarkMessage, Resolution
from jaarprogramma.models import Jaarprogramma
from opgaven.services import VersionConflict


@transaction.atomic
def open_round(*, user, edition, title, closes_on, chapter=None, year=None, bodies=(), everyone=False):
    if closes_on <= timezone.localdate():
        raise ValidationError({"closes_on": _("De sluitingsdatum ligt in de toekomst.")})
    if not everyone and not bodies:
        raise ValidationError(_("Nodig ten minste één gremium uit, of iedereen met een account."))
    if year is not None and (chapter is None or not Jaarprogramma.objects.filter(chapter=chapter, year=year).exists()):
        # A round on one year's programme is about a programme that exists (its items are the round's).
        raise ValidationError(_("Dit onderdeel heeft geen jaarprogramma %(year)s.") % {"year": year})
    round = FeedbackRound.objects.create(edition=edition, chapter=chapter, year=year, title=title,
                                         closes_on=closes_on, everyone=everyone, opened_by=user)
    round.invited_bodies.set(bodies)
    notifications.round_opened(round)
    return round


@transaction.atomic
def add_remark(*, round, user, item_key, text, quote=""):
    if not round.is_open:
        raise ValidationError(_("Deze reactieronde is gesloten."))
    item = round_items.find(round, item_key)
    if item is None:
        raise ValidationError({"item": _("Kies een onderdeel van deze ronde.")})
    quote = quote.strip()
    if quote and not round_items.quoted(item, quote):
        raise ValidationError({"quote": _("Deze passage staat niet in de tekst van het gekozen onderdeel.")})
    remark = Remark(round=round, item=item.obj, item_label=item.label[:300], quote=quote, text=text, author=user)
    remark.full_clean(exclude=["item_type", "item_id"])
    remark.save()
    return remark


def history_choices(remark):
    """The edits of the remarked item since the round opened: what "verwerkt" can point at."""
    item = remark.item
    history = getattr(item, "history", None)
    if history is None:
        return []
    return list(history.filter(history_date__gte=remark.round.opened_at).select_related("history_user")
                .order_by("-history_date")[:50])


@transaction.atomic
def answer_remark(*, remark, user, resolution, reply, version, history_id=None):
    """Answer (or re-answer) a remark. `version` is the one the form was loaded with: a
    concurrent answer raises VersionConflict instead of being overwritten."""
    stored = Remark.objects.select_for_update().get(pk=remark.pk)
    if stored.version != version:
        raise VersionConflict(stored)
    if resolution not in (Resolution.TAKEN_OVER, Resolution.PARTLY, Resolution.NOT_TAKEN):
        raise ValidationError({"resolution": _("Kies hoe de reactie is afgehandeld.")})
    if not reply.strip():
        raise ValidationError({"reply": _("Geef een kort antwoord.")})
    if resolution == Resolution.TAKEN_OVER:
        if history_id is None or history_id not in {record.history_id for record in history_choices(stored)}:
            raise ValidationError({"history_id": _("Kies de wijziging waarin de reactie is verwerkt.")})
    else:
        history_id = history_id if history_id in {r.history_id for r in history_choices(stored)} else None
    stored.resolution, stored.reply, stored.history_id = resolution, reply.strip(), history_id
    stored.answered_by, stored.answered_at = user, timezone.now()
    stored.version += 1
    stored.save()
    notifications.remark_answered(stored)
    return stored


@transaction.atomic
def add_message(*, remark, user, text):
    if not text.strip():
        raise ValidationError({"text": _("Schrijf een bericht.")})
    return RemarkMessage.objects.create(remark=remark, author=user, text=text.strip())


@transaction.atomic
def close_round(*, round):
    round = FeedbackRound.objects.select_for_update().get(pk=round.pk)
    if round.closed_at is None:
        round.closed_at = timezone.now()
        round.save(update_fields=["closed_at"])
    return round


def daily(*, today=None):
    """Celery beat, every morning: close rounds past their date, remind those invited to rounds
    that close in two days."""
    today = today or timezone.localdate()
    for round in FeedbackRound.objects.filter(closed_at__isnull=True, closes_on__lt=today):
        close_round(round=round)
    for round in FeedbackRound.objects.filter(closed_at__isnull=True, closes_on__gte=today,
                                              closes_on__lte=today + datetime.timedelta(days=2)):
        notifications.round_closing(round)


def link_decision(*, decision):
    """The decision that establishes a text keeps the reactienota of the rounds on it (the
    chapter, one of its years' programmes, or for the front matter the whole agenda) that closed
    before it and are not yet with an earlier one. Other steps, and sending back, leave them
    waiting for it: the establishing step is where the feedback is weighed."""
    from opgaven.models import DecisionOutcome, StepKind

    step = decision.step
    if step is None or step.kind != StepKind.ESTABLISH or decision.outcome != DecisionOutcome.ADOPTED:
        return 0
    return FeedbackRound.objects.filter(edition=decision.edition_id, chapter=decision.chapter_id,
                                        closed_at__isnull=False, decision__isnull=True).update(decision=decision)
