"""The document's reading order: what each section of a chapter shows, block by block.

One place decides it, for the chapter page and the PDF alike. A section shows its opening
text (`Section.body`), then its blocks in their order; a block with a year belongs to that
year's programme only, and the programme section also opens with the year's own intro.
Items (ambitions, contributions, quotes, success criteria, actions) name the block they are
printed in. An item that names no shown block (a writer's new ambition, a new year's actions,
data from before blocks existed) is still printed: in the chapter's last shown block of its
kind, or else at the end of the section covering its aspect, so nothing is ever lost.

The chapter comes from opgaven.publication (draft or established, related managers filled);
the year programme is read through the managers jaarprogramma registered there
(`programme.success_criteria`, `programme.actions`), so this module imports neither app.
"""

from dataclasses import dataclass, field

from governance.models import ActionColumn
from opgaven.models import Aspect, Block, BlockKind, ListStyle

# The agenda's per-organisation action table (chapter 7): these columns, then the others.
ACTION_TABLE_COLUMNS = [ActionColumn.VOB_SBW, ActionColumn.KB, ActionColumn.SPN, ActionColumn.OB]

# Where an item kind goes when no block of its kind is shown: the section covering this aspect.
ITEM_ASPECTS = {
    BlockKind.AMBITIONS: Aspect.AMBITION,
    BlockKind.CONTRIBUTIONS: Aspect.CONTRIBUTION,
    BlockKind.CRITERIA: Aspect.PROGRAMME,
    BlockKind.ACTIONS: Aspect.PROGRAMME,
}
DEFAULT_STYLES = {
    BlockKind.AMBITIONS: ListStyle.NUMBERED,
    BlockKind.CONTRIBUTIONS: ListStyle.BULLETS,
    BlockKind.CRITERIA: ListStyle.BULLETS,
}


@dataclass
class Shown:
    """One block as printed: its kind, its text (or caption) and its items."""

    kind: str
    block: object = None  # the Block; None for a section's opening text or placed stragglers
    text: str = ""
    items: list = field(default_factory=list)
    source: object = None  # whose text a block-less text is: the Section (its body) or the programme

    @property
    def list_style(self):
        style = self.block.list_style if self.block is not None else ""
        return style or DEFAULT_STYLES.get(self.kind, ListStyle.BULLETS)

    @property
    def is_text(self):
        return self.kind in (BlockKind.TEXT, BlockKind.LIST)

    @property
    def figure(self):
        """A figure's parts (layout, items, caption, text alternative), or None."""
        if self.kind != BlockKind.FIGURE or self.block is None:
            return None
        return self.block

    def action_rows(self):
        """The action table's rows: the carriers under each organisation column, and the others."""
        rows = []
        for action in self.items:
            by_column = {}
            for carrier in action.carriers.all():
                by_column.setdefault(carrier.column, []).append(carrier)  # a body goes under "Overig"
            rows.append({
                "action": action,
                "cells": [by_column.get(column, []) for column in ACTION_TABLE_COLUMNS],
                "others": by_column.get(ActionColumn.OTHER, []),
            })
        return rows

    @property
    def columns(self):
        return ACTION_TABLE_COLUMNS

    @property
    def has_themes(self):
        return any(getattr(item, "theme", "") for item in self.items)


@dataclass
class ShownSection:
    section: object  # the Section; None for a programme no section covers
    number: str
    title: str
    anchor: str
    footnote_prefix: str
    is_programme: bool = False
    blocks: list = field(default_factory=list)
    footnotes: list = field(default_factory=list)


def _shown_section(section, programme):
    is_programme = section.covers(Aspect.PROGRAMME)
    title = section.title
    if is_programme and programme is not None:
        # The section is the year's programme: "3.4 Jaarprogramma 2022" when 2022 is shown.
        title = f"{Aspect.PROGRAMME.label} {programme.year}"
    shown = ShownSection(section, section.number, title, section.anchor, section.footnote_prefix, is_programme)
    if section.body:
        shown.blocks.append(Shown(BlockKind.TEXT, text=section.body, source=section))
    return shown


def _items(chapter, programme):
    return {
        BlockKind.AMBITIONS: list(chapter.ambitions.all()),
        BlockKind.CONTRIBUTIONS: list(chapter.contributions.all()),
        BlockKind.QUOTE: list(chapter.quotes.all()),
        BlockKind.CRITERIA: list(programme.success_criteria.all()) if programme is not None else [],
        BlockKind.ACTIONS: list(programme.actions.all()) if programme is not None else [],
    }


def chapter_layout(chapter, programme=None):
    """[ShownSection] of the chapter in reading order, showing `programme`'s year (or no year)."""
    year = programme.year if programme is not None else None
    sections = []
    by_block = {}  # block pk -> Shown
    last_of_kind = {}  # kind -> the last shown block of that kind, in reading order
    for section in chapter.sections.all():
        shown_section = _shown_section(section, programme)
        if shown_section.is_programme and programme is not None and programme.intro:
            shown_section.blocks.append(Shown(BlockKind.TEXT, text=programme.intro))
        for block in section.blocks.all():
            if not block.shown_in(year):
                continue
            if block.kind in (BlockKind.CRITERIA, BlockKind.ACTIONS) and programme is None:
                continue
            shown = Shown(block.kind, block, text=block.text)
            shown_section.blocks.append(shown)
            by_block[block.pk] = shown
            last_of_kind[block.kind] = shown
        sections.append(shown_section)

    stragglers = {}
    for kind, items in _items(chapter, programme).items():
        for item in items:
            target = by_block.get(item.block_id)
            if target is not None and target.kind == kind:
                target.items.append(item)
            else:
                stragglers.setdefault(kind, []).append(item)

    _place_quotes(sections, stragglers.pop(BlockKind.QUOTE, []))
    for kind, items in stragglers.items():
        target = last_of_kind.get(kind)
        if target is None:
            target = Shown(kind)
            _section_for(sections, ITEM_ASPECTS[kind], chapter, programme).blocks.append(target)
        target.items.extend(items)

    _attach_footnotes(sections, chapter)
    for shown_section in sections:
        shown_section.blocks = [b for b in shown_section.blocks if b.items or b.kind not in Block.ITEM_KINDS]
    return [s for s in sections if s.section is not None or s.blocks]


def _place_quotes(sections, quotes):
    """A quote without a block stands after the opening text of its section (or the first)."""
    for quote in quotes:
        home = next((s for s in sections if s.section is not None and s.section.pk == quote.section_id),
                    sections[0] if sections else None)
        if home is None:
            continue
        at = 1 if home.blocks and home.blocks[0].block is None and home.blocks[0].is_text else 0
        home.blocks.insert(at, Shown(BlockKind.QUOTE, items=[quote]))


def _section_for(sections, aspect, chapter, programme):
    def covers(shown):
        if shown.section is None:  # a programme section of its own, made below
            return shown.is_programme and aspect == Aspect.PROGRAMME
        return shown.section.covers(aspect)

    found = next((s for s in sections if covers(s)), None)
    if found is not None:
        return found
    if aspect == Aspect.PROGRAMME:
        # No section covers the programme: it gets one of its own, after the others.
        title = f"{Aspect.PROGRAMME.label} {programme.year}"
        shown = ShownSection(None, "", title, "jaarprogramma", chapter_footnote_prefix(chapter), True)
        if programme.intro:
            shown.blocks.append(Shown(BlockKind.TEXT, text=programme.intro))
        sections.append(shown)
        return shown
    if not sections:
        sections.append(ShownSection(None, "", str(aspect.label), aspect.value, chapter_footnote_prefix(chapter)))
    return sections[-1]


def _attach_footnotes(sections, chapter):
    """Each section lists its own footnotes. `[^N]` in a section with footnotes refers to its
    own note N (the document restarts its numbers); elsewhere to the chapter's note N."""
    by_section = {s.section.pk: s for s in sections if s.section is not None}
    for note in chapter.footnotes.all():
        home = by_section.get(note.section_id)
        if home is not None:
            home.footnotes.append(note)
    for shown in sections:
        if not shown.footnotes:
            shown.footnote_prefix = chapter_footnote_prefix(chapter)


def chapter_footnote_prefix(chapter):
    return f"hoofdstuk-{chapter.number}-"


def loose_footnotes(chapter):
    """Footnotes that belong to no section: printed at the end of the chapter."""
    return [note for note in chapter.footnotes.all() if note.section_id is None]
