"""A chapter reads as the agenda is written: its blocks in the document's order.

Every chapter of the real agenda is compared with the printed text, sentence by sentence:
each sentence of the seed stands on the public page, in the seed's order, except those left
out on purpose (listed with the reason). The rules behind it are in test_layout.py."""

import pytest

from opgaven.models import Block, BlockKind, Chapter
from tests.opgaven import seed

pytestmark = pytest.mark.django_db

# Seed sentences the pages leave out, and why.
LEFT_OUT = {
    4: {
        "Participatie in informatie-samenleving": "the chapter's cover label; the page's title says it",
        "Pijlers onder de realisering van onze plannen:": "caption of a figure the seed has no text for",
    },
    10: {"Behoeftte - Idee - Urgente vraag": "the figure spells it 'Behoefte'"},
    11: {
        "Onderstaand figuur laat zien dat er bij collectie een veelheid aan partijen betrokken is.":
            "caption of a figure the seed has no text for",
    },
}


@pytest.fixture
def agenda(module_agenda, db):
    return module_agenda


@pytest.mark.parametrize("number", range(3, 14))
def test_each_chapter_page_follows_the_printed_agenda_sentence_by_sentence(client, agenda, number):
    chapter = Chapter.objects.get(edition=agenda, number=number)
    response = client.get(chapter.get_absolute_url())
    assert response.status_code == 200

    missing, disordered = seed.compare(number, response.content.decode())

    assert disordered == []
    assert sorted(missing) == sorted(LEFT_OUT.get(number, {}))
    assert len(seed.seed_sentences(number)) > 25  # the comparison compares something


def test_items_stand_where_the_text_puts_them(client, agenda):
    html = client.get(Chapter.objects.get(number=7).get_absolute_url()).content.decode()
    # 7.2: the list the sentence introduces follows it; the conditions come after.
    lead = html.index("Partijen spreken af dat acties worden ondernomen om:")
    first_action = html.index("De inzetbaarheid van zittend personeel te vergroten")
    conditions = html.index("Hiervoor zijn randvoorwaarden:")
    assert lead < first_action < conditions

    html = client.get(Chapter.objects.get(number=8).get_absolute_url()).content.decode()
    # 8.4: the year's criteria, then the aim, then "We gaan … uitvoeren:" and the actions.
    order = ["Het jaar is geslaagd:", "Wanneer er een eerste versie", "Onze doelstelling is",
             "We gaan de volgende activiteiten uitvoeren:", 'id="actie-8-1"']
    positions = [html.index(marker) for marker in order]
    assert positions == sorted(positions)


def test_only_what_the_text_calls_a_success_criterion_is_one(agenda):
    criteria = {
        chapter.number: chapter.jaarprogrammas.get(year=2021).success_criteria.count()
        for chapter in Chapter.objects.filter(edition=agenda)
    }
    assert {n: c for n, c in criteria.items() if c} == {7: 1, 8: 3, 12: 3}
    list_block = Block.objects.get(section__number="3.4", kind=BlockKind.LIST)
    assert "**primair onderwijs**" in list_block.text and list_block.year == 2021


def test_3_4_announces_its_activities_right_before_them(client, agenda):
    html = client.get(Chapter.objects.get(number=3).get_absolute_url()).content.decode()
    announce = html.index("We gaan de volgende activiteiten uitvoeren:")
    assert html.index("In september 2021 zal de site") < announce < html.index('id="actie-3-1"')
    assert "geslaagd" not in html[html.index('id="paragraaf-3-4"'):]
