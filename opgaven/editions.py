"""A new edition of the agenda, made from the previous one.

The new edition starts as a draft copy of the previous one: motto, introduction, manifest,
its sign-off route, the chapters with their bodies and their text, ready to be revised and taken through the
route. The old edition keeps its established versions and stays readable. Apps above opgaven
add their part through `edition_created` (jaarprogramma carries the open actions over).
"""

from django.db import transaction
from django.dispatch import Signal

from opgaven.models import ChapterStatus, Edition

# sent(sender=Edition, previous=…, edition=…, chapters={previous chapter pk: new chapter},
#      copies={(model, previous pk): copy}) inside the transaction that makes the edition
edition_created = Signal()


def copy_instance(instance, copies=None, **values):
    """A saved copy of `instance` with `values` set; foreign keys to rows that were copied too
    ({(model, old pk): copy}) point at their copies."""
    copies = {} if copies is None else copies
    model = type(instance)
    fields = {}
    for field in model._meta.concrete_fields:
        if field.primary_key or field.attname in values:
            continue
        value = getattr(instance, field.attname)
        if field.is_relation and value is not None and (field.related_model, value) in copies:
            value = copies[(field.related_model, value)].pk
        fields[field.attname] = value
    copy = model.objects.create(**{**fields, **values})
    copies[(model, instance.pk)] = copy
    return copy


class _Copier:
    """Copies model instances, pointing foreign keys at the copies of what they referred to."""

    def __init__(self):
        self.copies = {}  # (model, old pk) → copy

    def copy(self, instance, **values):
        return copy_instance(instance, self.copies, **values)

    def tree(self, parent, copy_of_parent, children):
        """Copy `parent`'s registered children (and theirs) under `copy_of_parent`."""
        for name in children.get(type(parent), []):
            related = getattr(type(parent), name).rel
            for item in getattr(parent, name).all():
                copied = self.copy(item, **{related.field.attname: copy_of_parent.pk})
                self.tree(item, copied, children)


def _opgaven_children():
    """The chapter content opgaven owns (higher apps copy their own part)."""
    from opgaven import publication

    children = {}
    for parent, kinds in publication._TREE.items():
        for kind in kinds:
            model = getattr(parent, kind.name).rel.related_model
            if model._meta.app_label == "opgaven":
                children.setdefault(parent, []).append(kind.name)
    return children


@transaction.atomic
def create_next_edition(*, previous, slug, title, start_year, end_year):
    copier = _Copier()
    edition = copier.copy(previous, slug=slug, title=title, start_year=start_year, end_year=end_year,
                          front_matter_established_at=None, version=1)
    children = _opgaven_children()
    copier.tree(previous, edition, children)
    # The sign-off route: without it nothing in the new edition can be offered or established.
    for step in previous.route.all():
        copier.copy(step, edition_id=edition.pk)
    chapters = {}
    for chapter in previous.chapters.all():
        new = copier.copy(chapter, edition_id=edition.pk, status=ChapterStatus.CONCEPT, established_at=None,
                          version=1)
        new.koersgroepen.set(chapter.koersgroepen.all())
        copier.tree(chapter, new, children)
        chapters[chapter.pk] = new
    edition.participants.set(previous.participants.all())
    edition_created.send(sender=Edition, previous=previous, edition=edition, chapters=chapters,
                         copies=copier.copies)
    return edition

