"""The draft as writers edit it in place: where an item stands on the page, and its footnotes.

The chapter's edit view shows the draft exactly as the chapter page does (opgaven.layout);
an item edited in place is shown again from the same layout, so its footnote numbers and
list style are the page's. `[^N]` in a text refers to the footnotes of the section it is
printed in when that section has its own notes, else to the chapter's (opgaven.layout), so a
writer's new footnote gets the next number in that same scope.
"""

from dataclasses import dataclass

from django.db.models import Max

from opgaven import layout, publication
from opgaven.models import Block, Chapter, Footnote, Section


@dataclass
class Place:
    """Where an item is printed: its section as shown (`part`) and its block (`shown`)."""

    part: object
    shown: object
    item: object  # the draft's instance, with its related rows prefetched

    @property
    def footnote_section(self):
        """The section whose footnotes `[^N]` here refers to; None for the chapter's own."""
        return self.part.section if self.part.footnotes else None

    @property
    def inline(self):
        """Success criteria in a list are printed without a paragraph (blocks/succescriteria.html)."""
        return self.shown is not None and self.shown.kind == "succescriteria" and self.shown.list_style != "alineas"


def draft(chapter):
    return publication.drafts(Chapter.objects.filter(pk=chapter.pk))[0]


def _programme_for(chapter, item):
    year = getattr(getattr(item, "jaarprogramma", None), "year", None) or getattr(item, "year", None)
    programmes = sorted(chapter.jaarprogrammas.all(), key=lambda p: p.year, reverse=True)
    return next((p for p in programmes if p.year == year), programmes[0] if programmes else None)


def locate(chapter, item):
    """The Place of `item` (a section, block or list item) on the chapter's draft page, or None."""
    shown_chapter = draft(chapter)
    model = type(item)
    for part in layout.chapter_layout(shown_chapter, _programme_for(shown_chapter, item)):
        if model is Section and part.section is not None and part.section.pk == item.pk:
            opening = next((s for s in part.blocks if s.source is not None), None)
            return Place(part, opening, part.section)
        for shown in part.blocks:
            if model is Block and shown.block is not None and shown.block.pk == item.pk:
                return Place(part, shown, shown.block)
            for listed in shown.items:
                if type(listed) is model and listed.pk == item.pk:
                    return Place(part, shown, listed)
    return None


def numbering_section(chapter, section_pk):
    """The section with that pk if it numbers its own footnotes, else None (the chapter's)."""
    try:
        pk = int(section_pk)
    except (TypeError, ValueError):
        return None
    return Section.objects.filter(chapter=chapter, pk=pk, footnotes__isnull=False).distinct().first()


def footnotes_in_scope(chapter, section):
    """{number: text} of the footnotes `[^N]` refers to in `section` (None: the chapter's)."""
    notes = Footnote.objects.filter(chapter=chapter, section=section).order_by("number")
    return {note.number: note.text for note in notes}


def next_footnote_number(chapter, section):
    top = Footnote.objects.filter(chapter=chapter, section=section).aggregate(m=Max("number"))["m"]
    return (top or 0) + 1
