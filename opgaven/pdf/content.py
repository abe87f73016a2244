"""The agenda as the PDF shows it: loaded in one fixed set of queries, shaped for the template.

Nothing here renders a page; `render.py` turns this into HTML and the HTML into a PDF.
"""

from dataclasses import dataclass, field

from django.contrib.auth.models import AnonymousUser
from django.db.models import Prefetch, prefetch_related_objects
from django.utils.safestring import mark_safe

from governance.models import ActionColumn, Person
from opgaven import layout, publication
from opgaven import text as agenda_text
from opgaven.models import BlockKind, Chapter, Edition

COLUMNS = layout.ACTION_TABLE_COLUMNS


def _markdown(text):
    return agenda_text.to_html(text or "")


def inline_markdown(text):
    # A one-paragraph text goes inside another element (a footnote, a table cell).
    return agenda_text.to_html(text or "", inline=True)


class ChapterText:
    """Markdown of one chapter to safe HTML; `[^N]` becomes footnote N of the section the text
    stands in (the document numbers footnotes per page), placed by WeasyPrint."""

    def __init__(self, footnotes):
        self.footnotes = {(note.section_id, note.number): note for note in footnotes}
        self.by_number = {}
        for note in footnotes:
            self.by_number.setdefault(note.number, []).append(note)
        self.used = set()
        self.section_id = None

    def in_section(self, section_id):
        self.section_id = section_id
        return self

    def _footnote(self, number):
        note = self.footnotes.get((self.section_id, number)) or self.footnotes.get((None, number))
        if note is None and len(self.by_number.get(number, [])) == 1:
            note = self.by_number[number][0]  # a chapter that numbers its notes straight through
        if note is None:
            return ""
        self.used.add(note.pk)
        return footnote_html(note)

    def block(self, text):
        return mark_safe(agenda_text.to_html(text or "", footnote=self._footnote))  # noqa: S308

    def inline(self, text):
        return mark_safe(agenda_text.to_html(text or "", footnote=self._footnote, inline=True))  # noqa: S308

    def leftovers(self):
        """Footnotes no text refers to: still printed, at the end of the chapter."""
        notes = sorted((n for n in self.footnotes.values() if n.pk not in self.used),
                       key=lambda n: (n.section_id or 0, n.number))
        return mark_safe("".join(footnote_html(note) for note in notes))


def footnote_html(note):
    return (f'<span class="footnote" data-n="{note.number}">{inline_markdown(note.text)}</span>')


@dataclass
class ActionRow:
    action: object
    title: str
    description: str
    subitems: list
    columns: list
    other: str
    anchor: str = ""

    @property
    def bold_title(self):
        # A title with its own emphasis (chapter 7's table) is printed as written.
        return "<" not in self.title


@dataclass
class ActionGroup:
    theme: str
    rows: list = field(default_factory=list)


@dataclass
class Programme:
    year: int
    groups: list
    has_carriers: bool
    has_other: bool


@dataclass
class Figure:
    layout: str
    caption: str
    items: list  # [(title html, text html)]
    description: str


@dataclass
class PdfBlock:
    """One block of a section as the PDF prints it, its text already HTML."""

    kind: str
    html: str = ""
    items: list = field(default_factory=list)
    list_style: str = ""
    programme: Programme | None = None
    figure: Figure | None = None
    placed: bool = True  # False: items no block of the document places (printed with a heading)


@dataclass
class SectionPart:
    number: str
    title: str
    anchor: str
    blocks: list
    loose_footnotes: str = ""


@dataclass
class ChapterPart:
    chapter: Chapter
    anchor: str
    parts: list


def _carrier_names(carriers, column):
    # A carrier is an organisation or a body (a koersgroep, under "Overig"): jaarprogramma's
    # ActionCarrier says which column and name.
    # The document prints "VOB SBW" in one column; the other partners are a list.
    separator = ", " if column == ActionColumn.OTHER else " "
    return separator.join(c.party_name for c in carriers if c.column == column)


def build_programme(year, actions, text, chapter_number=None):
    groups = []
    has_carriers = has_other = False
    for action in actions:
        carriers = list(action.carriers.all())
        has_carriers = has_carriers or bool(carriers)
        other = _carrier_names(carriers, ActionColumn.OTHER)
        has_other = has_other or bool(other)
        if not groups or groups[-1].theme != action.theme:
            groups.append(ActionGroup(action.theme))
        groups[-1].rows.append(ActionRow(
            action, text.inline(action.title), text.block(action.description),
            [(item.letter, text.inline(item.text)) for item in action.subitems.all()],
            [_carrier_names(carriers, column) for column in COLUMNS], other,
            # The page's anchors (Action.anchor), so a link into the document finds the action.
            action.anchor_in(chapter_number) if chapter_number is not None else "",
        ))
    return Programme(year, groups, has_carriers, has_other)


def build_figure(block, text):
    return Figure(
        block.figure_layout, text.inline(block.text),
        [(text.inline(item.get("title", "")), text.block(item.get("text", ""))) for item in block.figure_items],
        agenda_text.plain(block.figure_description),
    )


def build_block(shown, text, year, chapter_number=None):
    """A shown block (opgaven.layout) with its texts rendered, footnotes in reading order."""
    pdf = PdfBlock(shown.kind, list_style=shown.list_style, placed=shown.block is not None)
    if shown.kind in (BlockKind.TEXT, BlockKind.LIST):
        pdf.html = text.block(shown.text)
    elif shown.kind == BlockKind.QUOTE:
        pdf.items = [mark_safe(inline_markdown(quote.text)) for quote in shown.items]  # noqa: S308
    elif shown.kind == BlockKind.AMBITIONS:
        pdf.items = [(ambition.number, text.inline(ambition.text)) for ambition in shown.items]
    elif shown.kind == BlockKind.CONTRIBUTIONS:
        for contribution in shown.items:
            contribution.html = text.inline(contribution.text)
        pdf.items = shown.items
    elif shown.kind == BlockKind.CRITERIA:
        pdf.items = [text.inline(criterion.text) for criterion in shown.items]
    elif shown.kind == BlockKind.ACTIONS:
        pdf.programme = build_programme(year, shown.items, text, chapter_number)
    elif shown.kind == BlockKind.FIGURE:
        pdf.figure = build_figure(shown.block, text)
    return pdf


def build_chapter(chapter, year):
    """The chapter's sections in the document's reading order (opgaven.layout), as the PDF prints them."""
    anchor = f"hoofdstuk-{chapter.number}"
    text = ChapterText(list(chapter.footnotes.all()))
    programme = next((p for p in chapter.jaarprogrammas.all() if p.year == year), None)
    parts = []
    for shown_section in layout.chapter_layout(chapter, programme):
        text.in_section(shown_section.section.pk if shown_section.section is not None else None)
        blocks = [build_block(shown, text, year, chapter.number) for shown in shown_section.blocks]
        parts.append(SectionPart(shown_section.number, shown_section.title, f"{anchor}-{shown_section.anchor}",
                                 blocks))
    if parts:
        parts[-1].loose_footnotes = text.leftovers()
    return ChapterPart(chapter, anchor, parts)


def _intro_html(section):
    """An introduction section: its text, then its blocks (a figure, a note)."""
    text = ChapterText([])
    html = _markdown(section.body)
    blocks = [PdfBlock(block.kind, figure=build_figure(block, text)) if block.kind == BlockKind.FIGURE
              else PdfBlock(block.kind, html=mark_safe(_markdown(block.text)))  # noqa: S308
              for block in section.blocks.all()]
    return mark_safe(html), blocks  # noqa: S308


def load_edition(edition_id, year, chapter_id=None):
    """Everything the document shows, in a fixed number of queries whatever the size.

    The document is the agenda as established (opgaven.publication), never a draft."""
    edition = publication.front_matter(AnonymousUser(), Edition(pk=edition_id))
    prefetch_related_objects(
        [edition], Prefetch("participants", queryset=Person.objects.prefetch_related("organisations")))
    filters = {} if chapter_id is None else {"pk": chapter_id}
    edition.shown_chapters = publication.published(edition, **filters)
    return edition


def participant_rows(edition):
    rows = []
    for person in sorted(edition.participants.all(), key=lambda p: p.name):
        organisations = " en ".join(str(org) for org in person.organisations.all())
        rows.append((person.name, organisations))
    return rows


def agenda_context(edition_id, year, chapter_id=None):
    edition = load_edition(edition_id, year, chapter_id)
    chapters = [build_chapter(chapter, year) for chapter in edition.shown_chapters]
    single = chapters[0] if chapter_id is not None and chapters else None
    title = edition.title if single is None else f"{single.chapter.display_title} – {edition.title}"
    intro = [(section, *_intro_html(section)) for section in edition.intro_sections.all()]
    principles = [
        (p.number, mark_safe(inline_markdown(p.title)), mark_safe(_markdown(p.body)))
        for p in edition.principles.all()
    ]
    return {
        "edition": edition,
        "year": year,
        "title": title,
        "single": single,
        "motto": mark_safe(inline_markdown(edition.motto)),  # noqa: S308
        "intro": intro,
        "manifest_intro": mark_safe(_markdown(edition.manifest_intro)),
        "principles": principles,
        "chapters": chapters,
        "participants": participant_rows(edition) if single is None else [],
        "columns": [column.label for column in COLUMNS],
    }
