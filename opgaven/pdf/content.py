"""The agenda as the PDF shows it: loaded in one fixed set of queries, shaped for the template.

Nothing here renders a page; `render.py` turns this into HTML and the HTML into a PDF.
"""

from dataclasses import dataclass, field

from django.db.models import Prefetch
from django.utils.safestring import mark_safe

from governance.models import ActionColumn, Person
from opgaven import publication
from opgaven import text as agenda_text
from opgaven.models import Aspect, Chapter, Edition

COLUMNS = [ActionColumn.VOB_SBW, ActionColumn.KB, ActionColumn.SPN, ActionColumn.OB]


def _markdown(text):
    return agenda_text.to_html(text or "")


def inline_markdown(text):
    # A one-paragraph text goes inside another element (a footnote, a table cell).
    return agenda_text.to_html(text or "", inline=True)


class ChapterText:
    """Markdown of one chapter to safe HTML; `[^N]` becomes footnote N, placed by WeasyPrint."""

    def __init__(self, footnotes):
        self.footnotes = footnotes
        self.used = set()

    def _footnote(self, number):
        note = self.footnotes.get(number)
        if note is None:
            return ""
        self.used.add(note.number)
        return footnote_html(note)

    def block(self, text):
        return mark_safe(agenda_text.to_html(text or "", footnote=self._footnote))  # noqa: S308

    def inline(self, text):
        return mark_safe(agenda_text.to_html(text or "", footnote=self._footnote, inline=True))  # noqa: S308

    def leftovers(self):
        """Footnotes no text refers to: still printed, at the end of the chapter."""
        notes = [self.footnotes[n] for n in sorted(self.footnotes) if n not in self.used]
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
    intro: str
    criteria: list
    groups: list
    has_carriers: bool
    has_other: bool


@dataclass
class SectionPart:
    number: str
    title: str
    body: str
    quotes: list
    ambitions: list = field(default_factory=list)
    contributions: list = field(default_factory=list)
    programme: Programme | None = None
    loose_footnotes: str = ""


@dataclass
class ChapterPart:
    chapter: Chapter
    anchor: str
    parts: list


def _carrier_names(carriers, column):
    return " ".join(str(c.organisation) for c in carriers if c.organisation.action_column == column)


def build_programme(jaarprogramma, text):
    groups = []
    has_carriers = has_other = False
    for action in jaarprogramma.actions.all():
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
        ))
    criteria = [text.inline(c.text) for c in jaarprogramma.success_criteria.all()]
    return Programme(jaarprogramma.year, text.block(jaarprogramma.intro), criteria, groups,
                     has_carriers, has_other)


def build_chapter(chapter, year):
    """The chapter's sections in order, each with the listed items of the aspects it covers."""
    text = ChapterText({note.number: note for note in chapter.footnotes.all()})
    sections = list(chapter.sections.all())
    bodies = [text.block(section.body) for section in sections]  # footnotes in reading order
    programmes = [p for p in chapter.jaarprogrammas.all() if p.year == year]
    contributions = list(chapter.contributions.all())
    for contribution in contributions:
        contribution.html = text.inline(contribution.text)
    listed = {
        Aspect.AMBITION: [text.inline(a.text) for a in chapter.ambitions.all()],
        Aspect.CONTRIBUTION: contributions,
        Aspect.PROGRAMME: build_programme(programmes[0], text) if programmes else None,
    }
    quotes_by_section = {}
    for quote in chapter.quotes.all():
        quote_html = mark_safe(inline_markdown(quote.text))  # noqa: S308
        quotes_by_section.setdefault(quote.section_id, []).append(quote_html)

    parts, placed = [], set()
    for index, (section, body) in enumerate(zip(sections, bodies)):
        part = SectionPart(section.number, section.title, body, quotes_by_section.pop(section.id, []))
        if index == 0:
            part.quotes += quotes_by_section.pop(None, [])
        if section.covers(Aspect.AMBITION):
            part.ambitions, placed = listed[Aspect.AMBITION], placed | {Aspect.AMBITION}
        if section.covers(Aspect.CONTRIBUTION):
            part.contributions, placed = listed[Aspect.CONTRIBUTION], placed | {Aspect.CONTRIBUTION}
        if section.covers(Aspect.PROGRAMME):
            part.programme, placed = listed[Aspect.PROGRAMME], placed | {Aspect.PROGRAMME}
        parts.append(part)

    # Items whose aspect no section covers still belong in the chapter.
    next_number = len(parts) + 1
    for aspect, title in [(Aspect.AMBITION, Aspect.AMBITION.label),
                          (Aspect.CONTRIBUTION, Aspect.CONTRIBUTION.label),
                          (Aspect.PROGRAMME, f"{Aspect.PROGRAMME.label} {year}")]:
        if aspect in placed or not listed[aspect]:
            continue
        part = SectionPart(f"{chapter.number}.{next_number}", str(title), "", [])
        setattr(part, {Aspect.AMBITION: "ambitions", Aspect.CONTRIBUTION: "contributions",
                       Aspect.PROGRAMME: "programme"}[aspect], listed[aspect])
        parts.append(part)
        next_number += 1

    if parts:
        parts[-1].loose_footnotes = text.leftovers()
        for orphan_quotes in quotes_by_section.values():
            parts[-1].quotes += orphan_quotes
    return ChapterPart(chapter, f"hoofdstuk-{chapter.number}", parts)


def load_edition(edition_id, year, chapter_id=None):
    """Everything the document shows, in a fixed number of queries whatever the size.

    The document is the agenda as established (opgaven.publication), never a draft."""
    edition = Edition.objects.prefetch_related(
        "intro_sections", "principles",
        Prefetch("participants", queryset=Person.objects.prefetch_related("organisations")),
    ).get(pk=edition_id)
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
    intro = [
        (section, mark_safe(_markdown(section.body)))
        for section in edition.intro_sections.all()
    ]
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
