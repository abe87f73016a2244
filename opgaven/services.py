"""Writes to the agenda: versioned saves, restores, reordering, status and comments."""

from django.core.exceptions import FieldDoesNotExist
from django.db import transaction
from django.db.models import Max
from django.utils import timezone
from django.utils.translation import gettext as _

from opgaven import notifications
from opgaven.models import ChapterStatus, CommentStatus, Edition, Footnote


class VersionConflict(Exception):
    """Someone saved the item after this form was loaded; `stored` is what is there now."""

    def __init__(self, stored):
        super().__init__(f"{stored!r} was changed by someone else")
        self.stored = stored


# Fields a restore must never overwrite: identity, parent and bookkeeping.
RESTORE_SKIP = {"id", "version", "chapter", "jaarprogramma", "action"}


def chapter_of(instance):
    """The chapter an item belongs to; None for the edition's front matter (its motto,
    introduction and manifest follow their own route, opgaven.signoff)."""
    for path in ("chapter", "jaarprogramma.chapter", "action.jaarprogramma.chapter", "section.chapter"):
        obj = instance
        try:
            for attr in path.split("."):
                obj = getattr(obj, attr)
        except AttributeError:
            continue
        return obj
    if isinstance(instance, Edition) or hasattr(instance, "edition_id"):
        return None
    raise ValueError(f"{instance!r} belongs to no chapter")


def start_draft(chapter):
    """A change after offering or establishing starts the next concept: the offered version
    stays frozen in its route, the public keeps reading the established one (opgaven.signoff,
    opgaven.publication)."""
    if chapter is not None and chapter.status != ChapterStatus.CONCEPT:
        chapter.status = ChapterStatus.CONCEPT
        chapter.save(update_fields=["status"])


@transaction.atomic
def save_versioned(*, instance, values: dict, version: int, reason: str = ""):
    """Save `values` only if the stored item is still at `version`; raise VersionConflict if not."""
    model = type(instance)
    stored = model.objects.select_for_update().get(pk=instance.pk)
    if stored.version != version:
        raise VersionConflict(stored)
    for name, value in values.items():
        setattr(stored, name, value)
    stored.version = version + 1
    if reason:
        stored._change_reason = reason
    stored.save()
    start_draft(chapter_of(stored))
    return stored


@transaction.atomic
def create_item(*, model, values: dict, number_field=None, **parent):
    """Add an item at the end of its parent's list; `number_field` gets the next number too."""
    siblings = model.objects.filter(**parent)
    instance = model(**parent, **values)
    instance.order = (siblings.aggregate(m=Max("order"))["m"] or 0) + 1
    if number_field:
        setattr(instance, number_field, (siblings.aggregate(m=Max(number_field))["m"] or 0) + 1)
    instance.save()
    start_draft(chapter_of(instance))
    return instance


@transaction.atomic
def delete_item(*, instance, renumber_field=None):
    model = type(instance)
    parent_field = _parent_field(model)
    parent = {parent_field: getattr(instance, f"{parent_field}_id")}
    chapter = chapter_of(instance)
    instance.delete()
    _renumber(model, parent, renumber_field)
    start_draft(chapter)


def _parent_field(model):
    # A block is ordered within its section (Block.ORDERED_WITHIN); other items in their chapter
    # or year programme.
    for name in filter(None, (getattr(model, "ORDERED_WITHIN", None), "chapter", "jaarprogramma")):
        try:
            model._meta.get_field(name)
        except FieldDoesNotExist:
            continue
        return name
    raise ValueError(f"{model} has no chapter or jaarprogramma")


def _renumber(model, parent, renumber_field):
    """Give items consecutive order values (and numbers) after a move or removal."""
    items = list(model.objects.select_for_update().filter(**parent).order_by("order", "pk"))
    for position, item in enumerate(items, start=1):
        changed = item.order != position
        if renumber_field and getattr(item, renumber_field) != position:
            setattr(item, renumber_field, position)
            changed = True
        if changed:
            item.order = position
            if hasattr(item, "version"):
                item.version += 1
            item.save()


@transaction.atomic
def move_item(*, instance, direction: str, renumber_field=None):
    """Swap an item with its neighbour ('up' or 'down')."""
    model = type(instance)
    parent_field = _parent_field(model)
    parent = {parent_field: getattr(instance, f"{parent_field}_id")}
    _renumber(model, parent, None)
    items = list(model.objects.select_for_update().filter(**parent).order_by("order", "pk"))
    index = next(i for i, item in enumerate(items) if item.pk == instance.pk)
    other = index - 1 if direction == "up" else index + 1
    if 0 <= other < len(items):
        items[index], items[other] = items[other], items[index]
        for position, item in enumerate(items, start=1):
            item.order = position
        model.objects.bulk_update(items, ["order"])
    _renumber(model, parent, renumber_field)
    start_draft(chapter_of(instance))


@transaction.atomic
def restore_version(*, instance, record):
    """Bring back the field values of a historical record as a new version."""
    model = type(instance)
    stored = model.objects.select_for_update().get(pk=instance.pk)
    for field in model._meta.concrete_fields:
        if field.name in RESTORE_SKIP or field.primary_key:
            continue
        setattr(stored, field.attname, getattr(record, field.attname))
    stored.version += 1
    stored._change_reason = _("Hersteld naar de versie van %(date)s") % {
        "date": timezone.localtime(record.history_date).strftime("%d-%m-%Y %H:%M")
    }
    stored.save()
    start_draft(chapter_of(stored))
    return stored


@transaction.atomic
def save_footnotes(*, chapter, section, notes: dict, only_new=False):
    """Footnotes a writer added or changed while editing a text: {number: text}, in the scope
    the text's `[^N]` refers to (opgaven.drafting). Unchanged notes get no new version;
    `only_new` (a new item, whose place was not known when it was written) never overwrites."""
    for number, note_text in sorted(notes.items()):
        # No ordering: the model's own joins the section, and FOR UPDATE refuses an outer join.
        found = Footnote.objects.select_for_update().filter(chapter=chapter, section=section, number=number)
        note = found.order_by("pk").first()
        if note is None:
            Footnote.objects.create(chapter=chapter, section=section, number=number, text=note_text, order=number)
        elif note.text != note_text and not only_new:
            note.text = note_text
            note.version += 1
            note.save()
    if notes:
        start_draft(chapter)


def add_comment(*, chapter, author, text: str, ambition=None):
    return chapter.comments.create(author=author, text=text, ambition=ambition)


@transaction.atomic
def handle_comment(*, comment, user, reply: str):
    comment.status = CommentStatus.HANDLED
    comment.reply = reply
    comment.handled_by = user
    comment.handled_at = timezone.now()
    comment.save()
    notifications.comment_answered(comment)
    return comment
