"""The history of an item as people read it: who did what, and the text as the page shows it.

Each version says in words what happened ("aangemaakt door …", "gewijzigd door …", "hersteld
door …", "voorstel van … overgenomen door …") and shows its changes word by word, rendered
(opgaven.diffs). Versions can be filtered by person and by date."""

import datetime
from dataclasses import dataclass, field

from django.contrib.contenttypes.models import ContentType
from django.db import models
from django.utils import timezone
from django.utils.translation import gettext as _

from opgaven import diffs
from opgaven.diffs import MAX_DIFF_PAIRS, word_diff  # noqa: F401 - the changes page's word_diff

HIDDEN = {"version", "order"}


@dataclass
class FieldChange:
    label: str
    html: str  # the change (or, for a new item, the text), rendered with its words marked


@dataclass
class VersionEntry:
    record: object
    summary: str  # what happened and who did it, in words
    changes: list = field(default_factory=list)
    is_current: bool = False
    restore_url: str = ""

    @property
    def user_id(self):
        return self.record.history_user_id


def person(user):
    if user is None:
        return _("onbekend")
    return user.get_full_name() or user.username


def _summary(record, suggestion):
    from opgaven.services import RESTORED_REASON

    who = person(record.history_user)
    if record.history_type == "+":
        return _("Aangemaakt door %(person)s") % {"person": who}
    if record.history_type == "-":
        return _("Verwijderd door %(person)s") % {"person": who}
    if suggestion is not None:
        return _("Voorstel van %(author)s overgenomen door %(person)s") % {
            "author": person(suggestion.author), "person": who}
    if (record.history_change_reason or "").startswith(RESTORED_REASON):
        return _("Hersteld door %(person)s") % {"person": who}
    return _("Gewijzigd door %(person)s") % {"person": who}


class _Shown:
    """How a stored value reads: choices by their label, a related object by its name."""

    def __init__(self, model):
        self.model = model
        self.related = {}

    def __call__(self, name, value):
        model_field = self.model._meta.get_field(name)
        if value is None or value == "":
            return ""
        if model_field.choices:
            return str(dict(model_field.flatchoices).get(value, value))
        if model_field.is_relation and model_field.many_to_one:
            key = (model_field.related_model, value)
            if key not in self.related:
                related = model_field.related_model._default_manager.filter(pk=value).first()
                self.related[key] = str(related) if related is not None else _("(verwijderd)")
            return self.related[key]
        if isinstance(value, bool):
            return _("ja") if value else _("nee")
        if isinstance(value, datetime.date):
            return value.strftime("%d-%m-%Y")
        if isinstance(value, list):
            return ", ".join(str(v.get("title", v)) if isinstance(v, dict) else str(v) for v in value)
        return str(value)


def _is_text(model_field):
    return isinstance(model_field, models.CharField | models.TextField) and not model_field.choices


def _changes(model, record, previous, shown):
    changes = []
    if previous is None:
        # A new item: its text as written, nothing marked.
        for model_field in model._meta.concrete_fields:
            value = getattr(record, model_field.attname, None)
            if model_field.name not in HIDDEN and _is_text(model_field) and value:
                inline = isinstance(model_field, models.CharField)
                changes.append(FieldChange(str(model_field.verbose_name), diffs.render(value, value, inline=inline)))
        return changes
    for change in record.diff_against(previous).changes:
        if change.field in HIDDEN:
            continue
        model_field = model._meta.get_field(change.field)
        inline = not isinstance(model_field, models.TextField)
        old, new = (change.old, change.new) if _is_text(model_field) else (
            shown(change.field, change.old), shown(change.field, change.new))
        changes.append(FieldChange(str(model_field.verbose_name), diffs.render(old, new, inline=inline)))
    return changes


@dataclass
class Filters:
    person: int | None = None
    since: datetime.date | None = None
    until: datetime.date | None = None

    def keep(self, entry):
        day = timezone.localtime(entry.record.history_date).date()
        return ((self.person is None or entry.user_id == self.person)
                and (self.since is None or day >= self.since) and (self.until is None or day <= self.until))


def version_entries(instance, *, limit=50, filters=None, window=200):
    """Newest first; each entry lists what changed compared with the version before it.

    The last `window` versions are read; of those, the newest `limit` that pass `filters`."""
    from opgaven.models import Suggestion

    history = instance.history.select_related("history_user").order_by("-history_date", "-history_id")
    records = list(history[: window + 1])
    model = type(instance)
    accepted = {
        s.history_id: s for s in Suggestion.objects.filter(
            item_type=ContentType.objects.get_for_model(model), item_id=instance.pk,
            history_id__in=[r.history_id for r in records]).select_related("author")
    }
    shown = _Shown(model)
    entries = []
    for index, record in enumerate(records[:window]):
        previous = records[index + 1] if index + 1 < len(records) else None
        entry = VersionEntry(record=record, summary=_summary(record, accepted.get(record.history_id)),
                             is_current=index == 0)
        if filters is not None and not filters.keep(entry):
            continue
        entry.changes = _changes(model, record, previous, shown)
        entries.append(entry)
        if len(entries) == limit:
            break
    return entries


def people(instance, *, window=200):
    """[(user id, name)] of whoever made one of the last `window` versions, by name."""
    records = instance.history.select_related("history_user").exclude(history_user=None)
    users = {r.history_user_id: r.history_user for r in records.order_by("-history_date")[:window]}
    return sorted(((pk, person(user)) for pk, user in users.items()), key=lambda pair: pair[1].casefold())
