"""The kinds of agenda content writers edit, and what may be done with each."""

from dataclasses import dataclass

from django.utils.translation import gettext_lazy as _

from opgaven import forms
from opgaven.models import Ambition, Block, Contribution, Section


@dataclass(frozen=True)
class Editable:
    kind: str  # the URL segment
    model: type
    form_class: type
    label: object
    parent: str = "chapter"  # or "jaarprogramma"
    addable: bool = True
    removable: bool = True
    movable: bool = True
    renumber_field: str | None = None
    # How an item is found under its parent, when not by the parent's own field (a block: by
    # its section's chapter); and the field a new item gets its place from (a block: its section).
    lookup: str | None = None
    placed_by: str | None = None
    # The text fields a reader may propose new text for (opgaven.suggestions).
    suggestible: tuple = ()

    @property
    def fields(self):
        """The model fields a writer edits in this kind's form: all a save or a restore may
        change. Everything else (a judgement, a reported status, the number) is someone else's."""
        return tuple(self.form_class._meta.fields)

    def in_parent(self, parent):
        return {self.lookup or self.parent: parent}


REGISTRY = {}
# How to find the parent an item belongs to: {"jaarprogramma": loader(chapter, year)}.
PARENTS = {"chapter": lambda chapter, year: chapter}


def register(editable):
    REGISTRY[editable.kind] = editable
    return editable


def register_parent(name, loader):
    PARENTS[name] = loader


register(Editable("paragraaf", Section, forms.SectionForm, _("paragraaf"),
                  addable=False, removable=False, movable=False, suggestible=("body",)))
register(Editable("ambitie", Ambition, forms.AmbitionForm, _("ambitie"), renumber_field="number",
                  suggestible=("text",)))
register(Editable("bijdrage", Contribution, forms.ContributionForm, _("bijdrage"), suggestible=("text",)))
# A section's blocks: writers add, edit, remove and reorder them (the document's reading order).
register(Editable("blok", Block, forms.BlockForm, _("blok"), lookup="section__chapter", placed_by="section",
                  suggestible=("text",)))


def get_editable(kind, year):
    """The editable kind of a URL: chapter items have no year, programme items have one."""
    from django.http import Http404

    editable = REGISTRY.get(kind)
    if editable is None or (editable.parent == "chapter") != (year is None):
        raise Http404
    return editable


def editable_for(model):
    return next(e for e in REGISTRY.values() if e.model is model)


def url_for(view, *, chapter, kind, pk=None, year=None, **extra):
    """URL of a generic edit view (create/edit/delete/move/history/restore) for an item kind."""
    from django.urls import reverse

    editable = REGISTRY[kind]
    kwargs = {"edition_slug": chapter.edition.slug, "chapter_slug": chapter.slug, "kind": kind, **extra}
    if pk is not None:
        kwargs["pk"] = pk
    if editable.parent == "jaarprogramma":
        kwargs["year"] = year
        return reverse(f"opgaven:programme_item_{view}", kwargs=kwargs)
    return reverse(f"opgaven:item_{view}", kwargs=kwargs)


def url_for_item(view, item, chapter, **extra):
    editable = editable_for(type(item))
    year = item.jaarprogramma.year if editable.parent == "jaarprogramma" else None
    return url_for(view, chapter=chapter, kind=editable.kind, pk=item.pk, year=year, **extra)
