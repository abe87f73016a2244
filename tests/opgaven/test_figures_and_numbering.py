"""The agenda's figures as accessible content, and its own numbering for actions, footnotes and
anchors, on the real agenda: on the pages and in the PDF."""

import re

import pytest

from jaarprogramma.models import Action
from opgaven.models import Block, BlockKind, Chapter
from opgaven.pdf.render import render_html

pytestmark = pytest.mark.django_db

# Figure caption -> a phrase of its text alternative.
FIGURES = {
    "De vier punten, uitgewerkt per maatschappelijke opgave en per stelseluitdaging": "vier punten uitgewerkt",
    "Het innovatieproces": "behoefte, idee en urgente vraag",
    "Rollen en samenwerking innovatieproces": "Het innovatieproces in vier stappen",
    "Collectie moet bijdragen aan de drie maatschappelijke opgaven": "Een overzicht in twee delen",
    "Digitale Bibliotheek en lokale collecties": "de Digitale Bibliotheek en de lokale collecties",
}


@pytest.fixture
def agenda(module_agenda, db):
    return module_agenda


def content(client, url):
    html = client.get(url).content.decode()
    return html[html.index("<h1"):html.index("</main>")]


def test_every_figure_the_agenda_has_is_a_figure_with_caption_and_text_alternative(agenda):
    figures = Block.objects.filter(kind=BlockKind.FIGURE)
    assert {block.text for block in figures} == set(FIGURES)
    for block in figures:
        assert block.figure_items and FIGURES[block.text] in block.figure_description, block.text


@pytest.mark.parametrize("caption", FIGURES)
def test_a_figure_on_its_page_describes_itself_to_assistive_technology(client, agenda, caption):
    block = Block.objects.select_related("section__chapter").get(kind=BlockKind.FIGURE, text=caption)
    url = block.section.chapter.get_absolute_url() if block.section else "/"
    html = content(client, url)
    figure = re.search(r'<figure class="agenda-figure[^"]*" id="([^"]+)" aria-describedby="([^"]+)">(.*?)</figure>',
                       html[html.index(f"<figcaption>{caption}</figcaption>") - 300:], re.S)
    assert figure, caption
    anchor, described_by, inner = figure.groups()
    assert described_by == f"{anchor}-beschrijving"
    assert f'id="{described_by}"' in inner and FIGURES[caption] in inner
    for item in block.figure_items:
        assert item["title"].split(":")[0] in inner
    assert "<svg" not in inner or 'aria-hidden="true"' in inner  # arrows are decoration


def test_the_steps_of_the_innovation_process_are_an_ordered_list_with_arrows(client, agenda):
    html = content(client, Chapter.objects.get(number=10).get_absolute_url())
    steps = html[html.index('<ol class="figure-steps">'):]
    steps = steps[:steps.index("</ol>")]
    assert steps.count('<li class="figure-step">') == 4 and steps.count('class="figure-arrow"') == 3


def test_a_caption_without_its_figure_is_left_out(client, agenda):
    assert "Onderstaand figuur" not in content(client, Chapter.objects.get(number=11).get_absolute_url())
    assert "Pijlers onder de realisering" not in content(client, Chapter.objects.get(number=4).get_absolute_url())


def test_the_pdf_has_every_figure_with_its_text_alternative(agenda):
    html = " ".join(render_html("agenda", agenda.pk, 2021).split())
    for caption, description in FIGURES.items():
        assert f"<figcaption>{caption}</figcaption>" in html, caption
        assert description in html
    assert "Onderstaand figuur" not in html and "Pijlers onder de realisering" not in html


def test_chapter_11_numbers_its_actions_in_two_series(client, agenda):
    actions = Action.objects.filter(jaarprogramma__chapter__number=11).select_related("jaarprogramma__chapter")
    assert [a.number_path for a in actions] == ["1-1", "1-2", "1-3", "2-1", "2-2", "2-3"]
    assert [a.number for a in actions] == ["1", "2", "3", "1", "2", "3"]
    last = actions.last()
    assert last.anchor == "actie-11-2-3" and last.get_absolute_url().endswith("/collectie/#actie-11-2-3")
    html = content(client, last.get_absolute_url())
    for action in actions:
        assert f'<tr id="{action.anchor}">' in html
    # The series' headings stand before their numbers 1-3, as printed.
    assert html.index("Maatschappelijke opgave 1: geletterde samenleving</th>") < html.index('id="actie-11-1-1"')
    second = "Maatschappelijke opgave 2: participatie in informatiesamenleving en maatschappelijke opgave 3: " \
             "leven lang ontwikkelen</th>"
    assert html.index('id="actie-11-1-3"') < html.index(second) < html.index('id="actie-11-2-1"')


def test_the_pdf_numbers_chapter_11_in_two_series_with_the_pages_anchors(agenda):
    chapter = Chapter.objects.get(edition=agenda, number=11)
    html = " ".join(render_html("onderdeel", agenda.pk, 2021, chapter.pk).split())
    anchors = re.findall(r'<tr id="(actie-11-[\d-]+)">\s*<td class="action-number">(\d+)</td>', html)
    assert anchors == [("actie-11-1-1", "1"), ("actie-11-1-2", "2"), ("actie-11-1-3", "3"),
                       ("actie-11-2-1", "1"), ("actie-11-2-2", "2"), ("actie-11-2-3", "3")]
    second = html.index("maatschappelijke opgave 3: leven lang ontwikkelen</th>")
    assert html.index('id="actie-11-1-3"') < second < html.index('id="actie-11-2-1"')


def test_an_address_finds_the_action_by_its_number_path(agenda):
    collectie = Action.objects.filter(jaarprogramma__chapter__number=11)
    assert "Muziekweb" in collectie.with_number_path("2-3").get().title
    assert "Voorbereiding op onderzoek" in collectie.with_number_path("1-1").get().title
    assert not collectie.with_number_path("4").exists()  # the numbering before issue 13
    assert Action.objects.filter(jaarprogramma__chapter__number=7).with_number_path("12").get().number == "12"


def test_other_chapters_number_straight_through(agenda):
    assert list(Action.objects.filter(jaarprogramma__chapter__number=7).values_list("number", flat=True)) == [
        str(n) for n in range(1, 13)]
    assert not Action.objects.exclude(jaarprogramma__chapter__number=11).exclude(group=None).exists()


def test_footnotes_keep_the_documents_numbers(client, agenda):
    chapter = Chapter.objects.get(number=3)
    numbers = [(note.section.number, note.number) for note in chapter.footnotes.select_related("section")]
    assert numbers == [("3.1", 1), ("3.1", 2), ("3.1", 3), ("3.1", 4), ("3.2", 5), ("3.2", 6), ("3.2", 7),
                       ("3.2", 8), ("3.3", 9), ("3.4", 1), ("3.4", 2), ("3.4", 3)]
    html = content(client, chapter.get_absolute_url())
    # 3.4 restarts at 1, as printed; its references point at its own notes.
    assert '<li id="paragraaf-3-4-fn-1" value="1">De Bibliotheek op school vo is nu bij 49%' in html
    assert '<li id="paragraaf-3-1-fn-1" value="1">Via onder andere de gezinsaanpak' in html
    assert '<a href="#paragraaf-3-4-fn-1" title="Voetnoot 1">1</a>' in html
    assert 'data-n="1">De Bibliotheek op school vo' in render_html("onderdeel", agenda.pk, 2021, chapter.pk)


@pytest.mark.parametrize("number", range(3, 14))
def test_anchors_come_from_the_documents_numbers_never_database_ids(client, agenda, number):
    chapter = Chapter.objects.get(number=number)
    html = content(client, chapter.get_absolute_url())
    ids = set(re.findall(r'id="([^"]+)"', html))
    programme = chapter.jaarprogrammas.get(year=2021)
    expected = {s.anchor for s in chapter.sections.all()}
    expected |= {a.anchor for a in chapter.ambitions.all()} | {c.anchor for c in chapter.contributions.all()}
    expected |= {a.anchor for a in programme.actions.select_related("jaarprogramma__chapter")}
    expected |= {c.anchor for c in programme.success_criteria.select_related("jaarprogramma__chapter")}
    for note in chapter.footnotes.select_related("section"):
        expected |= {note.anchor, note.ref_anchor}
    figures = {i for i in ids if re.fullmatch(r"paragraaf(-\d+)+-figuur-\d+(-beschrijving)?", i)}
    content_ids = {i for i in ids if re.match(r"(paragraaf|ambitie|bijdrage|criterium|actie|hoofdstuk)-", i)}
    assert content_ids - figures <= expected  # every anchor is one of the document's numbers
    assert {s.anchor for s in chapter.sections.all()} <= ids
    assert {a.anchor for a in programme.actions.select_related("jaarprogramma__chapter")} <= ids
