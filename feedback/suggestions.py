"""A suggestion (opgaven.suggestions) made during an open round is a remark of that round: the
reactienota lists it with the others, answered when the writers accept or decline it."""

from django.contrib.contenttypes.models import ContentType
from django.db.models import Q
from django.utils import timezone
from django.utils.translation import gettext as _

from feedback import access, notifications
from feedback import items as round_items
from opgaven import signals
from opgaven.models import Block
from opgaven.text import plain


def connect():
    signals.suggestion_made.connect(_made, dispatch_uid="feedback.suggestions.made")
    signals.suggestion_decided.connect(_decided, dispatch_uid="feedback.suggestions.decided")


def _round_item(item):
    # Rounds comment on a section as a whole; a block's text is a passage of its section.
    return item.section if isinstance(item, Block) and item.section_id else item


def _made(sender, *, suggestion, item, **kwargs):
    from feedback.models import FeedbackRound, Remark

    target = _round_item(item)
    key = f"{ContentType.objects.get_for_model(type(target)).pk}-{target.pk}"
    chapter = suggestion.chapter
    rounds = FeedbackRound.objects.filter(closed_at__isnull=True, edition_id=chapter.edition_id).filter(
        Q(chapter=chapter) | Q(chapter__isnull=True))
    proposal = "\n\n".join(plain(text) for text in suggestion.proposed.values())
    for round in rounds:
        found = round_items.find(round, key) if access.can_comment(suggestion.author, round) else None
        if found is None:
            continue
        Remark.objects.create(
            round=round, item=target, item_label=found.label[:300], author=suggestion.author,
            suggestion=suggestion, quote="\n\n".join(plain(text) for text in suggestion.original.values()),
            text=_("Voorstel tot wijziging: %(text)s") % {"text": proposal}
            + (f"\n\n{suggestion.note}" if suggestion.note else ""),
        )


def _decided(sender, *, suggestion, reason, **kwargs):
    from feedback.models import Remark, Resolution

    accepted = suggestion.history_id is not None
    for remark in Remark.objects.filter(suggestion=suggestion, resolution=Resolution.OPEN):
        remark.resolution = Resolution.TAKEN_OVER if accepted else Resolution.NOT_TAKEN
        remark.reply = _("Voorstel overgenomen.") if accepted else reason
        # The edit it became, when that edit is of the remarked item itself (not of a block in it).
        same_item = remark.item_type_id == suggestion.item_type_id and remark.item_id == suggestion.item_id
        remark.history_id = suggestion.history_id if accepted and same_item else None
        remark.answered_by, remark.answered_at = suggestion.decided_by, timezone.now()
        remark.version += 1
        remark.save()
        if accepted:  # a declined one is answered as a comment, which tells its author already
            notifications.remark_answered(remark)
