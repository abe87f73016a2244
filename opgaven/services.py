"""Writes to the agenda: versioned saves, restores, reordering, status and comments."""

from django.core.exceptions import FieldDoesNotExist
from django.db import IntegrityError, connection, models, transaction
from django.db.models import Max
from django.utils import timezone
from django.utils.translation import gettext as _

from opgaven import notifications
from opgaven.editables import editable_for
from opgaven.models import ChapterStatus, Comment, CommentStatus, Edition, Footnote


class VersionConflict(Exception):
    """Someone saved the item after this form was loaded; `stored` is what is there now."""

    def __init__(self, stored):
        super().__init__(f"{stored!r} was changed by someone else")
        self.stored = stored


class RestoreRefused(Exception):
    """The old version cannot come back as it was (its number is another item's now)."""


# How often an addition tries again when its number was taken meanwhile.
CREATE_ATTEMPTS = 3
# The history record of a restore starts with this (opgaven.history shows "hersteld door …").
RESTORED_REASON = "Hersteld naar de versie"


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
def save_versioned(*, instance, values: dict, version: int, reason: str = "", user=None):
    """Save `values` only if the stored item is still at `version`; raise VersionConflict if not.

    `user` is who the history records (else the request's user, simple-history's middleware)."""
    model = type(instance)
    stored = model.objects.select_for_update().get(pk=instance.pk)
    if stored.version != version:
        raise VersionConflict(stored)
    for name, value in values.items():
        setattr(stored, name, value)
    stored.version = version + 1
    if reason:
        stored._change_reason = reason
    if user is not None:
        stored._history_user = user
    stored.save()
    start_draft(chapter_of(stored))
    return stored


@transaction.atomic
def create_item(*, model, values: dict, number_field=None, **parent):
    """Add an item at the end of its parent's list; `number_field` gets the next number too.

    The parent's row is locked, so simultaneous additions take turns and each sees the number
    the one before it took. The unique constraints on the numbering judge in the end: a number
    taken anyway (by a write outside this service) is tried again with the next one."""
    _lock(parent)
    for attempt in range(1, CREATE_ATTEMPTS + 1):
        try:
            with transaction.atomic():
                instance = _append(model, values, number_field, parent)
            break
        except IntegrityError:
            if attempt == CREATE_ATTEMPTS:
                raise
    start_draft(chapter_of(instance))
    return instance


def _lock(parent):
    for value in parent.values():
        if isinstance(value, models.Model):
            list(type(value).objects.select_for_update().filter(pk=value.pk).values_list("pk", flat=True))


def _append(model, values, number_field, parent):
    siblings = model.objects.filter(**parent)
    instance = model(**parent, **values)
    instance.order = (siblings.aggregate(m=Max("order"))["m"] or 0) + 1
    if number_field:
        setattr(instance, number_field, (siblings.aggregate(m=Max(number_field))["m"] or 0) + 1)
    instance.save()
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


def _defer_unique_numbers():
    """Numbers are unique per parent, but an item takes its neighbour's number before the
    neighbour has moved on: check the (deferrable) constraints when the transaction ends."""
    if connection.vendor == "postgresql":
        with connection.cursor() as cursor:
            cursor.execute("SET CONSTRAINTS ALL DEFERRED")


def _renumber(model, parent, renumber_field):
    """Give items consecutive order values (and numbers) after a move or removal."""
    _defer_unique_numbers()
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
    """Bring back, as a new version, what the item's writers edit (the fields of its form,
    opgaven.editables) as it was in a historical record. The rest stays as it is now: the
    netwerkoverleg's judgement, the status and progress its carriers reported, its place among
    the others and the number the service gave it (an ambition's). A number the writer types
    (an action's) comes back only if no other item has it now; else RestoreRefused."""
    model = type(instance)
    stored = model.objects.select_for_update().get(pk=instance.pk)
    for name in editable_for(model).fields:
        attname = model._meta.get_field(name).attname
        setattr(stored, attname, getattr(record, attname))
    stored.version += 1
    stored._change_reason = RESTORED_REASON + " " + _("van %(date)s") % {
        "date": timezone.localtime(record.history_date).strftime("%d-%m-%Y %H:%M")
    }
    try:
        with transaction.atomic():
            stored.save()
    except IntegrityError as error:
        raise RestoreRefused(_("Deze versie is niet hersteld: haar nummer is nu dat van een ander onderdeel. "
                               "Geef een van beide eerst een ander nummer.")) from error
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
def handle_comment(*, comment, user, reply: str, version: int):
    """Answer a comment, if nobody answered it since this answer's form was loaded at
    `version`; otherwise raise VersionConflict with the stored comment and its answer."""
    stored = Comment.objects.select_for_update().get(pk=comment.pk)
    if stored.version != version:
        raise VersionConflict(stored)
    stored.status = CommentStatus.HANDLED
    stored.reply = reply
    stored.handled_by = user
    stored.handled_at = timezone.now()
    stored.version = version + 1
    stored.save()
    notifications.comment_answered(stored)
    return stored
