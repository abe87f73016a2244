"""The layout of a chapter (opgaven.layout): a section's blocks in order, items in the block that
names them, what no block places still shown under its aspect, a year's own blocks, and writers
reordering blocks (the generic edit views, opgaven.services.move_item)."""

import pytest
from django.urls import reverse

from opgaven.models import Block, BlockKind, ListStyle
from tests import factories as f

pytestmark = pytest.mark.django_db


@pytest.fixture
def chapter(db):
    chapter = f.ChapterFactory(number=6, slug="klein")
    section = f.SectionFactory(chapter=chapter, number="6.1", aspects=["context", "ambitie"], body="Opening.")
    programme_section = f.SectionFactory(chapter=chapter, number="6.2", title="Jaarprogramma 2021",
                                         aspects=["jaarprogramma"], body="", order=2)
    ambitions = Block.objects.create(section=section, kind=BlockKind.AMBITIONS, order=1,
                                     list_style=ListStyle.BULLETS)
    Block.objects.create(section=section, kind=BlockKind.TEXT, text="Tekst na de ambities.", order=2)
    f.AmbitionFactory(chapter=chapter, number=1, text="Eerste ambitie.", block=ambitions)
    Block.objects.create(section=programme_section, kind=BlockKind.TEXT, text="Alleen in 2021.", year=2021,
                         order=1)
    actions = Block.objects.create(section=programme_section, kind=BlockKind.ACTIONS, order=2)
    Block.objects.create(section=programme_section, kind=BlockKind.TEXT, text="Na de acties.", order=3)
    programme = f.JaarprogrammaFactory(chapter=chapter, year=2021)
    f.ActionFactory(jaarprogramma=programme, number="1", title="Actie van 2021", block=actions)
    f.establish(chapter)
    return chapter


def read(client, chapter, **params):
    html = client.get(chapter.get_absolute_url(), params).content.decode()
    return html[html.index('<section class="aspect"'):]  # after the table of contents


def in_order(html, *markers):
    positions = [html.index(marker) for marker in markers]
    return positions == sorted(positions)


def test_blocks_print_in_their_order_with_items_in_their_block(client, chapter):
    html = read(client, chapter)
    assert in_order(html, "Opening.", "Eerste ambitie.", "Tekst na de ambities.",
                    "Alleen in 2021.", "Actie van 2021", "Na de acties.")
    assert '<ul class="ambitions"><li id="ambitie-6-1">' in html


def test_a_new_item_joins_the_last_block_of_its_kind(client, chapter):
    f.AmbitionFactory(chapter=chapter, number=2, text="Nieuwe ambitie.")  # names no block
    f.establish(chapter)
    assert in_order(read(client, chapter), "Eerste ambitie.", "Nieuwe ambitie.", "Tekst na de ambities.")


def test_a_new_year_shows_its_own_items_in_the_year_free_blocks_not_last_years_text(client, chapter):
    programme = f.JaarprogrammaFactory(chapter=chapter, year=2022, intro="Het jaar 2022.")
    f.ActionFactory(jaarprogramma=programme, number="1", title="Actie van 2022")
    f.establish(chapter)
    html = read(client, chapter, jaar=2022)
    assert "6.2 Jaarprogramma 2022" in html
    assert in_order(html, "Het jaar 2022.", "Actie van 2022", "Na de acties.")
    assert "Alleen in 2021." not in html and "Actie van 2021" not in html
    assert "Alleen in 2021." in read(client, chapter, jaar=2021)


def test_items_no_block_places_still_show_under_their_aspect(client):
    chapter = f.ChapterFactory(number=9)
    f.SectionFactory(chapter=chapter, number="9.1", aspects=["context"], body="Context.")
    f.SectionFactory(chapter=chapter, number="9.2", title="Bijdrage van partners", aspects=["bijdrage"],
                     body="", order=2)
    f.ContributionFactory(chapter=chapter, text="Een bijdrage zonder blok.")
    programme = f.JaarprogrammaFactory(chapter=chapter, year=2021)
    f.SuccessCriterionFactory(jaarprogramma=programme, text="Een criterium zonder blok.")
    f.establish(chapter)
    html = read(client, chapter)
    assert in_order(html, "Context.", "9.2 Bijdrage van partners", "Een bijdrage zonder blok.",
                    "Jaarprogramma 2021", "Het jaar is geslaagd als …", "Een criterium zonder blok.")


def test_writers_reorder_blocks_and_the_public_reads_the_new_order_once_established(client, world):
    chapter = world.chapter
    section = f.SectionFactory(chapter=chapter, number="3.1", body="")
    first = Block.objects.create(section=section, kind=BlockKind.TEXT, text="Eerste blok.", order=1)
    Block.objects.create(section=section, kind=BlockKind.TEXT, text="Tweede blok.", order=2)
    f.establish(chapter)
    writer = world["writer"]
    client.force_login(writer)
    url = reverse("opgaven:item_move", args=[chapter.edition.slug, chapter.slug, "blok", first.pk])
    assert client.post(url, {"direction": "down"}).status_code == 302
    assert in_order(read(client, chapter), "Tweede blok.", "Eerste blok.")  # the writer's draft
    client.logout()
    assert in_order(read(client, chapter), "Eerste blok.", "Tweede blok.")  # the public: as established
    f.establish(chapter)
    assert in_order(read(client, chapter), "Tweede blok.", "Eerste blok.")


def test_a_programme_no_section_covers_gets_one_section_of_its_own(client):
    chapter = f.ChapterFactory(number=12)
    f.SectionFactory(chapter=chapter, number="12.1", aspects=["context"], body="Context.")
    programme = f.JaarprogrammaFactory(chapter=chapter, year=2021)
    f.SuccessCriterionFactory(jaarprogramma=programme, text="Een criterium.")
    f.ActionFactory(jaarprogramma=programme, number="1", title="Een actie")
    f.establish(chapter)
    html = read(client, chapter)
    assert html.count('id="jaarprogramma"') == 1
    assert in_order(html, "Context.", "Jaarprogramma 2021", "Een criterium.", "Een actie")
