"""Suggestions: a reader proposes new text for an item; a writer accepts or declines it.

Accepting is an edit through the versioned save (opgaven.services.save_versioned), recorded in
the item's history by the writer who accepted it, with the suggestion pointing at that record:
the history names both (opgaven.history). Declining answers it as a comment, with the reason.
A proposal is made against a version of the item: once the item has changed, it can no longer
be accepted as it stands (the writer reads it against the current text and takes over what
still applies by editing).

Apps above plug in through opgaven.signals: the feedback rounds file a suggestion made during
an open round as a remark of that round, answered when the suggestion is."""

from dataclasses import dataclass

from django.contrib.contenttypes.models import ContentType
from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from opgaven import diffs, services, signals
from opgaven.editables import editable_for
from opgaven.models import Ambition, Block, BlockKind, Suggestion, SuggestionStatus
from opgaven.text import plain

# The history record of an accepted suggestion says so (opgaven.history reads the names from
# the suggestion itself, so an anonymised account is not named in the record).
ACCEPTED_REASON = "Voorstel overgenomen"


def text_fields(item):
    """The text fields of an item that may be proposed on (empty: not this item)."""
    try:
        editable = editable_for(type(item))
    except StopIteration:
        return ()
    if isinstance(item, Block) and item.kind not in (BlockKind.TEXT, BlockKind.LIST, BlockKind.QUOTE):
        return ()
    return editable.suggestible


@dataclass
class FieldChange:
    label: str
    html: str  # the tracked change: deleted and inserted words marked


def tracked_changes(suggestion, *, against=None):
    """[FieldChange]: the proposal against the text it was made on (or `against`: {field: text})."""
    model = suggestion.item_type.model_class()
    changes = []
    for name, proposed in suggestion.proposed.items():
        before = (against if against is not None else suggestion.original).get(name, "")
        label = str(model._meta.get_field(name).verbose_name) if model else name
        changes.append(FieldChange(label, diffs.render(before, proposed)))
    return changes


def current_text(suggestion, item):
    return {name: getattr(item, name) for name in suggestion.proposed}


def item_of(suggestion):
    """The item proposed on, or None when it has been removed since."""
    model = suggestion.item_type.model_class()
    return model._default_manager.filter(pk=suggestion.item_id).first() if model else None


def _label(item):
    editable = editable_for(type(item))
    return f"{str(editable.label).capitalize()}: {plain(str(item))}"[:300]


class ItemChanged(Exception):
    """The item was saved after the proposal's form was loaded: the proposal is not made."""


@transaction.atomic
def propose(*, item, author, proposed: dict, note: str = "", version=None):
    """A proposal made on the item's text at `version` (the one the form showed)."""
    item = type(item)._default_manager.select_for_update().get(pk=item.pk)
    if version is not None and item.version != version:
        raise ItemChanged(item)
    fields = text_fields(item)
    original = {name: getattr(item, name) for name in fields}
    proposed = {name: (value or "").replace("\r\n", "\n") for name, value in proposed.items() if name in fields}
    changed = {name: value for name, value in proposed.items()
               if value != (original[name] or "").replace("\r\n", "\n")}
    if not changed:
        raise ValidationError(_("Uw voorstel is gelijk aan de huidige tekst: wijzig de tekst eerst."))
    suggestion = Suggestion.objects.create(
        chapter=services.chapter_of(item), item_type=ContentType.objects.get_for_model(type(item)),
        item_id=item.pk, item_label=_label(item), original={n: original[n] for n in changed}, proposed=changed,
        base_version=item.version, note=note.strip(), author=author,
    )
    signals.suggestion_made.send(sender=Suggestion, suggestion=suggestion, item=item)
    return suggestion


def _lock_open(suggestion):
    stored = Suggestion.objects.select_for_update().get(pk=suggestion.pk)
    if not stored.is_open:
        raise ValidationError(_("Over dit voorstel is al besloten."))
    return stored


@transaction.atomic
def accept(*, suggestion, user):
    """The proposal becomes the item's text, if the item is still at the version it was made on."""
    stored = _lock_open(suggestion)
    item = item_of(stored)
    if item is None:
        raise ValidationError(_("Dit onderdeel bestaat niet meer; het voorstel kan niet worden overgenomen."))
    try:
        saved = services.save_versioned(instance=item, values=stored.proposed, version=stored.base_version,
                                        reason=ACCEPTED_REASON, user=user)
    except services.VersionConflict:
        raise ValidationError(_(
            "De tekst is gewijzigd sinds dit voorstel is gedaan. Het voorstel staat hieronder naast de "
            "huidige tekst: neem over wat nog past door de tekst te bewerken, of wijs het voorstel af.")) from None
    stored.history_id = saved.history.order_by("-history_id").values_list("history_id", flat=True).first()
    stored.status, stored.decided_by, stored.decided_at = SuggestionStatus.ACCEPTED, user, timezone.now()
    stored.save()
    signals.suggestion_decided.send(sender=Suggestion, suggestion=stored, reason="")
    return stored


@transaction.atomic
def decline(*, suggestion, user, reason: str):
    """Not taken over: the proposal is kept as the proposer's comment, answered with the reason."""
    if not reason.strip():
        raise ValidationError({"reason": _("Geef de reden waarom het voorstel niet wordt overgenomen.")})
    stored = _lock_open(suggestion)
    item = item_of(stored)
    proposal = "\n\n".join(plain(text) for text in stored.proposed.values())
    comment = services.add_comment(
        chapter=stored.chapter, author=stored.author, ambition=item if isinstance(item, Ambition) else None,
        text=_("Voorstel tot wijziging van %(item)s:\n\n%(text)s") % {"item": stored.item_label, "text": proposal}
        + (f"\n\n{stored.note}" if stored.note else ""),
    )
    comment = services.handle_comment(comment=comment, user=user, reply=reason.strip(), version=comment.version)
    stored.comment = comment
    stored.status, stored.decided_by, stored.decided_at = SuggestionStatus.DECLINED, user, timezone.now()
    stored.save()
    signals.suggestion_decided.send(sender=Suggestion, suggestion=stored, reason=reason.strip())
    return stored
