"""What search finds: kinds of items and how each becomes a document to index.

A chapter's documents are built from a Chapter as opgaven.publication hands it out (the
established copy, or a live draft for someone who may read it: the same shape), so search
shows what the reader's chapter page shows. Items that are public as they are (bodies,
organisations) are sources of their own, indexed whenever they are saved.

Another app's content joins the same way, from here (zoeken may import every app; a lower
app must not import zoeken), as decisions do:

    sources.register_kind("besluit", _("Besluit"), _("Besluiten"))
    sources.register_source("besluit", model=Decision, queryset=lambda: signoff.public_decisions(),
                            document=decision_document, chapter_field="chapter")

`queryset` says what the public may find; `document(obj)` returns a Document. Saving or
deleting one updates the index; with `chapter_field`, so does establishing its chapter (a
decision on a version becomes public when that version does).
"""

from collections.abc import Callable
from dataclasses import dataclass

from django.urls import reverse
from django.utils.translation import gettext_lazy as _

from opgaven.text import plain


@dataclass(frozen=True)
class Kind:
    key: str
    label: str
    plural: str


@dataclass
class Document:
    kind: str
    object_id: str
    title: str
    text: str
    url: str
    context: str = ""
    edition_id: int | None = None
    chapter_id: int | None = None
    year: int | None = None
    position: int = 0


@dataclass(frozen=True)
class Source:
    kind: str
    model: type
    queryset: Callable  # () -> the public rows of the model
    document: Callable  # obj -> Document
    chapter_field: str | None = None  # re-indexed when that chapter is established (it may become public)


KINDS: dict = {}
CHAPTER_BUILDERS: list = []
SOURCES: dict = {}


def register_kind(key, label, plural):
    KINDS[key] = Kind(key, label, plural)


def register_chapter_documents(builder):
    """`builder(chapter) -> iterable of Document` for content that hangs in a chapter."""
    if builder not in CHAPTER_BUILDERS:
        CHAPTER_BUILDERS.append(builder)


def register_source(kind, *, model, queryset, document, chapter_field=None):
    SOURCES[kind] = Source(kind, model, queryset, document, chapter_field)
    from zoeken import index

    index.watch(SOURCES[kind])


def chapter_documents(chapter):
    """Every document of a chapter (established or draft), in reading order."""
    documents = []
    for builder in CHAPTER_BUILDERS:
        documents.extend(builder(chapter))
    for position, document in enumerate(documents):
        document.position = chapter.number * 10000 + position
        document.chapter_id, document.edition_id = chapter.pk, chapter.edition_id
        document.context = document.context or chapter.display_title
    return documents


# -- the agenda's own content -----------------------------------------------------------------

def _text(*parts):
    return "\n".join(plain(part) for part in parts if part)


def _programme_url(chapter, year, anchor):
    return f"{chapter.get_absolute_url()}?jaar={year}#{anchor}"


def _action_url(action, year):
    url = action.get_absolute_url()
    if "#" in url and "?" not in url:  # an anchor on the chapter page: open the action's year
        path, anchor = url.split("#", 1)
        url = f"{path}?jaar={year}#{anchor}"
    return url


def _block_texts(section):
    """The texts, lists and figures a section holds as blocks (issue 13), in reading order."""
    blocks = getattr(section, "blocks", None)
    if blocks is None:
        return []
    texts = []
    for block in blocks.all():
        texts += [block.text, getattr(block, "figure_description", "")]
        for item in getattr(block, "figure_items", None) or []:
            if isinstance(item, dict):
                texts += [str(item.get("title") or ""), str(item.get("text") or "")]
    return texts


def agenda_documents(chapter):
    url = chapter.get_absolute_url()
    yield Document("onderdeel", str(chapter.pk), chapter.display_title, str(chapter.get_kind_display()), url)
    # Links use the page's own anchors, from the document's numbering (opgaven.layout).
    sections = list(chapter.sections.all())
    anchors = {section.pk: section.anchor for section in sections}
    programme_section = next((s for s in sections if "jaarprogramma" in (s.aspects or [])), None)
    for section in sections:
        yield Document("tekst", f"paragraaf-{section.pk}", f"{section.number} {plain(section.title)}",
                       _text(section.body, *_block_texts(section)), f"{url}#{section.anchor}")
    for quote in chapter.quotes.all():
        anchor = f"#{anchors[quote.section_id]}" if quote.section_id in anchors else ""
        yield Document("tekst", f"citaat-{quote.pk}", str(_("Citaat")), _text(quote.text), url + anchor)
    for note in chapter.footnotes.all():
        yield Document("tekst", f"voetnoot-{note.pk}", str(_("Voetnoot %(n)s") % {"n": note.number}),
                       _text(note.text), f"{url}#{note.anchor}")
    for ambition in chapter.ambitions.all():
        yield Document("ambitie", str(ambition.pk), str(_("Ambitie %(n)s") % {"n": ambition.number}),
                       _text(ambition.text), f"{url}#{ambition.anchor}")
    for contribution in chapter.contributions.all():
        who = str(contribution.organisation) if contribution.organisation else str(_("Het netwerk"))
        title = str(_("Bijdrage van %(who)s") % {"who": who})
        amount = f"€ {contribution.amount_eur} {contribution.amount_period}" if contribution.amount_eur else ""
        yield Document("bijdrage", str(contribution.pk), title, _text(contribution.text, amount),
                       f"{url}#{contribution.anchor}")
    for programme in sorted(chapter.jaarprogrammas.all(), key=lambda p: p.year):
        year = programme.year
        context = f"{chapter.display_title} · {_('Jaarprogramma')} {year}"
        anchor = programme_section.anchor if programme_section else "jaarprogramma"
        if programme.intro:
            yield Document("tekst", f"jaarprogramma-{programme.pk}", f"{_('Jaarprogramma')} {year}",
                           _text(programme.intro), _programme_url(chapter, year, anchor), context, year=year)
        for criterion in programme.success_criteria.all():
            yield Document("succescriterium", str(criterion.pk), str(_("Het jaar is geslaagd als …")),
                           _text(criterion.text), _programme_url(chapter, year, criterion.anchor),
                           context, year=year)
        for action in programme.actions.all():
            carriers = ", ".join(carrier.party_name for carrier in action.carriers.all())
            parts = [f"{item.letter}. {plain(item.text)}" for item in action.subitems.all()]
            yield Document("actie", str(action.pk), f"{_('Actie')} {action.number}: {plain(action.title)}",
                           "\n".join(filter(None, [plain(action.description), *parts, action.theme, carriers])),
                           _action_url(action, year), context, year=year)


# -- public records ---------------------------------------------------------------------------

def organisation_document(organisation):
    names = [organisation.name, organisation.short_name, *(organisation.aliases or [])]
    return Document("organisatie", str(organisation.pk), organisation.name,
                    "\n".join(filter(None, [*names, str(organisation.get_type_display())])),
                    organisation.get_absolute_url(), str(_("Organisatie")))


def body_document(body):
    return Document("gremium", str(body.pk), body.name,
                    "\n".join(filter(None, [str(body.get_kind_display()), plain(body.description)])),
                    body.get_absolute_url(), str(body.get_kind_display()))


def decision_document(decision):
    by = decision.decided_by
    outcome = str(decision.get_outcome_display())
    about = decision.chapter.display_title if decision.chapter_id else decision.edition.title
    texts = [plain(decision.text), decision.reasons if decision.outcome == "teruggestuurd" else "",
             decision.source, f"{decision.date:%d-%m-%Y}" if decision.date else ""]
    return Document("besluit", str(decision.pk), f"{by}: {outcome} – {about}" if by else f"{outcome} – {about}",
                    "\n".join(filter(None, texts)), reverse("opgaven:decision_list") + f"#besluit-{decision.pk}",
                    str(_("Besluit")), edition_id=decision.edition_id)


def register_builtin():
    from governance.models import Body, Organisation
    from opgaven import signoff
    from opgaven.models import Decision

    for key, label, plural in [
        ("onderdeel", _("Onderdeel"), _("Onderdelen")),
        ("tekst", _("Tekst"), _("Teksten")),
        ("ambitie", _("Ambitie"), _("Ambities")),
        ("bijdrage", _("Bijdrage"), _("Bijdragen van partners")),
        ("succescriterium", _("Succescriterium"), _("Succescriteria")),
        ("actie", _("Actie"), _("Acties")),
        ("gremium", _("Gremium"), _("Gremia")),
        ("organisatie", _("Organisatie"), _("Organisaties")),
        ("besluit", _("Besluit"), _("Besluiten")),
    ]:
        register_kind(key, label, plural)
    register_chapter_documents(agenda_documents)
    register_source("organisatie", model=Organisation, queryset=lambda: Organisation.objects.all(),
                    document=organisation_document)
    register_source("gremium", model=Body, queryset=lambda: Body.objects.all(), document=body_document)
    register_source("besluit", model=Decision, queryset=lambda: signoff.public_decisions(),
                    document=decision_document, chapter_field="chapter")
