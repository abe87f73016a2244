"""The items of a round's draft, in reading order: what people may comment on, with the text a
passage is quoted from. Live draft content (a round is about the draft, not the public text)."""

from dataclasses import dataclass

from django.contrib.contenttypes.models import ContentType
from django.utils.translation import gettext as _

from jaarprogramma.models import Jaarprogramma
from opgaven.text import plain


@dataclass
class Item:
    obj: object
    label: str
    text: str  # Markdown, as stored

    @property
    def key(self):
        """"<content type id>-<pk>": how a form names the item."""
        return f"{ContentType.objects.get_for_model(type(self.obj)).pk}-{self.obj.pk}"


def _programme_items(programme):
    items = []
    if programme.intro:
        items.append(Item(programme, _("Jaarprogramma %(year)s: inleiding") % {"year": programme.year},
                          programme.intro))
    for number, criterion in enumerate(programme.success_criteria.all(), start=1):
        items.append(Item(criterion, _("Jaarprogramma %(year)s: succescriterium %(n)s") % {
            "year": programme.year, "n": number}, criterion.text))
    for action in programme.actions.all():
        items.append(Item(action, _("Jaarprogramma %(year)s: actie %(number)s") % {
            "year": programme.year, "number": action.number}, f"{action.title}\n\n{action.description}".strip()))
    return items


def _chapter_items(chapter, year=None):
    items = []
    if year is None:
        for section in chapter.sections.all():
            items.append(Item(section, f"{chapter.title} – {section.number} {section.title}", section.body))
        for ambition in chapter.ambitions.all():
            items.append(Item(ambition, _("%(chapter)s – ambitie %(n)s") % {"chapter": chapter.title,
                                                                             "n": ambition.number}, ambition.text))
        for contribution in chapter.contributions.select_related("organisation"):
            items.append(Item(contribution, _("%(chapter)s – bijdrage %(org)s") % {
                "chapter": chapter.title, "org": contribution.organisation}, contribution.text))
    programmes = Jaarprogramma.objects.filter(chapter=chapter).prefetch_related("success_criteria", "actions")
    if year is not None:
        programmes = programmes.filter(year=year)
    for programme in programmes.order_by("year"):
        items.extend(_programme_items(programme))
    return items


def _front_matter(edition):
    items = [Item(edition, _("Motto"), edition.motto)]
    items += [Item(section, _("Inleiding %(n)s %(title)s") % {"n": section.number, "title": section.title},
                   section.body) for section in edition.intro_sections.all()]
    items += [Item(principle, _("Uitgangspunt %(n)s: %(title)s") % {"n": principle.number, "title": principle.title},
                   f"{principle.title}\n\n{principle.body}".strip()) for principle in edition.principles.all()]
    return items


def items_of(round):
    if round.chapter_id:
        return _chapter_items(round.chapter, round.year)
    items = _front_matter(round.edition)
    for chapter in round.edition.chapters.order_by("position"):
        items.extend(_chapter_items(chapter))
    return items


def find(round, key):
    """The item a form names, if it belongs to the round (else None)."""
    return next((item for item in items_of(round) if item.key == key), None)


def quoted(item, passage):
    """Whether the passage comes from the item's text (as read: without Markdown, spaces folded)."""
    def fold(text):
        return " ".join(text.split()).casefold()

    return fold(passage) in fold(plain(item.text)) or fold(passage) in fold(item.text)
