"""Search finds what the reader may read: the established agenda, drafts only for those who
may read them (marked), never a draft for anyone else."""

import re

import pytest
from django.core.management import call_command
from django.urls import reverse

from opgaven.models import Chapter
from tests import factories as f
from zoeken import index
from zoeken.models import SearchEntry
from zoeken.search import search

pytestmark = pytest.mark.django_db


def hits(client, q, **params):
    html = client.get(reverse("zoeken:search"), {"q": q, **params}).content.decode()
    return html, re.findall(r'<h3><a href="([^"]+)">', html)


def distinctive_word(chapter, entries):
    """A long word of this chapter's indexed text that no other entry contains, even as part of a word."""
    def text(entry):
        return f"{entry.title} {entry.text}".lower()

    mine = {w.lower() for e in entries if e.chapter_id == chapter.pk
            for w in re.findall(r"[A-Za-zÀ-ÿ]{9,}", f"{e.title} {e.text}")}
    others = " ".join(text(e) for e in entries if e.chapter_id != chapter.pk)
    return sorted((w for w in mine if w not in others), key=lambda w: (-len(w), w))[0]


def test_a_word_from_each_chapter_of_the_real_agenda_finds_that_chapter(agenda, client):
    entries = list(SearchEntry.objects.all())
    chapters = list(Chapter.objects.filter(edition=agenda))
    assert len(chapters) == 11 and all(c.established_at for c in chapters)
    for chapter in chapters:
        word = distinctive_word(chapter, entries)
        _, urls = hits(client, word)
        # On PostgreSQL another chapter may hold an inflection of the word: that chapter is found too.
        assert any(url.startswith(chapter.get_absolute_url()) for url in urls), (chapter.slug, word, urls)


def test_leesoffensief_finds_the_chapter_on_literacy_with_the_word_highlighted(agenda, client):
    html, urls = hits(client, "Leesoffensief")
    chapter = Chapter.objects.get(edition=agenda, slug="geletterde-samenleving")
    assert any(url.startswith(chapter.get_absolute_url() + "#paragraaf-") for url in urls)
    assert re.search(r"<mark>Leesoffensief</mark>", html, re.IGNORECASE)


def test_every_page_has_the_search_field_in_its_header(agenda, client):
    chapter = Chapter.objects.filter(edition=agenda).first()
    for url in [reverse("opgaven:home"), chapter.get_absolute_url(), reverse("governance:body_list"),
                reverse("monitoring:cockpit"), reverse("zoeken:search")]:
        html = client.get(url).content.decode()
        header = html.split("</header>")[0]
        assert 'role="search"' in header and f'action="{reverse("zoeken:search")}"' in header, url


@pytest.fixture
def drafted(world):
    """world.chapter established with one ambition; a draft-only ambition added since."""
    chapter = world.chapter
    f.SectionFactory(chapter=chapter, aspects=["context", "ambitie"], body="Over het vastgestelde leesplan.")
    f.AmbitionFactory(chapter=chapter, text="Vastgesteldwoord in een ambitie.")
    f.establish(chapter)
    f.AmbitionFactory(chapter=chapter, text="Conceptwoord alleen in de werkversie: de bibliotheek.")
    return world


def test_a_draft_only_word_finds_nothing_for_readers_without_a_draft_right(drafted, client_for):
    for persona in ("anonymous", "kb_staff", "other_writer", "other_reader"):
        html, urls = hits(client_for(persona), "Conceptwoord")
        assert urls == [] and "werkversie" not in html, persona
        _, urls = hits(client_for(persona), "Vastgesteldwoord")
        assert len(urls) == 1, persona


def test_draft_readers_find_the_draft_marked_as_draft(drafted, client_for):
    for persona in ("writer", "reader", "netwerkoverleg"):
        html, urls = hits(client_for(persona), "Conceptwoord")
        assert len(urls) == 1 and urls[0].startswith(drafted.chapter.get_absolute_url() + "#ambitie-"), persona
        assert 'status-concept">Concept</span>' in html, persona
        # The chapter they read as a draft is searched in the draft, not twice.
        _, urls = hits(client_for(persona), "Vastgesteldwoord")
        assert len(urls) == 1, persona


def test_establishing_puts_the_new_text_in_the_index(drafted, client):
    from opgaven import publication

    assert hits(client, "Conceptwoord")[1] == []
    publication.publish(drafted.chapter)
    assert len(hits(client, "Conceptwoord")[1]) == 1


def test_a_never_established_chapter_is_not_found(world, client):
    chapter = f.ChapterFactory(edition=world.edition, slug="geheim", number=12)
    f.AmbitionFactory(chapter=chapter, text="Nooitvastgesteld plan.")
    index.rebuild_all()
    assert hits(client, "Nooitvastgesteld")[1] == []


def test_filters_by_chapter_kind_and_year(world, client):
    for chapter, word in [(world.chapter, "Gedeeldwoord eerste"), (world.other_chapter, "Gedeeldwoord tweede")]:
        f.AmbitionFactory(chapter=chapter, text=word)
        programme = f.JaarprogrammaFactory(chapter=chapter, year=2022)
        f.ActionFactory(jaarprogramma=programme, title=f"{word} actie")
        f.establish(chapter)
    assert len(hits(client, "Gedeeldwoord")[1]) == 4
    assert len(hits(client, "Gedeeldwoord", onderdeel=world.chapter.pk)[1]) == 2
    _, urls = hits(client, "Gedeeldwoord", soort="actie")
    assert len(urls) == 2 and all("?jaar=2022#actie-" in url for url in urls)
    assert len(hits(client, "Gedeeldwoord", jaar=2022)[1]) == 2
    assert hits(client, "Gedeeldwoord", jaar=2023)[1] == []


def test_bodies_and_organisations_are_found_and_follow_their_changes(world, client):
    _, urls = hits(client, "Rijnbrink")
    assert world.poi.get_absolute_url() in urls
    world.poi.name = "Rijnbrink Nieuwenaam"
    world.poi.save()
    assert world.poi.get_absolute_url() in hits(client, "Nieuwenaam")[1]
    assert world.koersgroep.get_absolute_url() in hits(client, "Koersgroep")[1]


def test_snippets_are_escaped_and_highlighted(world, client):
    f.AmbitionFactory(chapter=world.chapter, text="Een <script>alert(1)</script> zoekwoordtest & meer")
    f.establish(world.chapter)
    html, _ = hits(client, "zoekwoordtest")
    assert "<script>alert(1)" not in html
    assert "<mark>zoekwoordtest</mark>" in html


def test_paging_and_an_empty_query(world, client):
    for n in range(25):
        f.AmbitionFactory(chapter=world.chapter, text=f"Veelvoorkomend woord {n}")
    f.establish(world.chapter)
    results = search(None, "veelvoorkomend")
    assert results.total == 25 and len(results.hits) == 20 and results.pages == 2
    assert len(search(None, "veelvoorkomend", page=2).hits) == 5
    assert search(None, "   ").total == 0
    assert client.get(reverse("zoeken:search")).status_code == 200


def test_a_hit_in_a_title_ranks_before_a_hit_only_in_the_text(world, client):
    """Both backends rank a title hit higher (PostgreSQL: the title weighs A, the text B; SQLite:
    words in the title count double), whatever the document order: here the text hit comes first."""
    f.SectionFactory(chapter=world.chapter, number="3.1", title="Inleiding",
                     body="Hier gaat het ook over de rangordetoets, maar terloops.")
    f.SectionFactory(chapter=world.chapter, number="3.2", title="De rangordetoets", body="Hoe het werkt.")
    f.establish(world.chapter)
    entries = {entry.title: entry for entry in SearchEntry.objects.filter(kind="tekst")}
    in_text, in_title = entries["3.1 Inleiding"], entries["3.2 De rangordetoets"]
    assert in_text.position < in_title.position  # document order alone would put the text hit first

    _, urls = hits(client, "rangordetoets")
    assert urls == [in_title.url, in_text.url]
    results = search(None, "rangordetoets")
    assert results.hits[0].rank > results.hits[1].rank


@pytest.mark.postgres
def test_a_dutch_inflection_finds_its_stem_on_postgresql(postgres, world, client):
    f.AmbitionFactory(chapter=world.chapter, text="Elke bibliotheek leest voor.")
    f.establish(world.chapter)
    html, urls = hits(client, "bibliotheken", soort="ambitie")
    assert len(urls) == 1
    assert "<mark>bibliotheek</mark>" in html
    assert SearchEntry.objects.exclude(vector=None).exists()


@pytest.mark.postgres
def test_a_draft_reader_finds_inflections_in_the_draft_too(postgres, drafted, client_for):
    html, urls = hits(client_for("writer"), "bibliotheken", soort="ambitie")
    assert len(urls) == 1 and "<mark>bibliotheek</mark>" in html and "status-concept" in html


def _search_queries(client, django_assert_max_num_queries, q):
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    with CaptureQueriesContext(connection) as queries:
        assert client.get(reverse("zoeken:search"), {"q": q}).status_code == 200
    return len(queries)


def test_search_keeps_its_query_count_at_ten_times_the_real_agenda(agenda, client, django_assert_max_num_queries):
    from opgaven import publication

    def count(q):
        return _search_queries(client, django_assert_max_num_queries, q)

    real = {q: count(q) for q in ("bibliotheek", "Leesoffensief", "geenenkeletreffer")}
    call_command("seed_scale", factor=10, verbosity=0)
    for chapter in Chapter.objects.filter(edition=agenda):
        publication.publish(chapter)
    index.rebuild_all()
    assert SearchEntry.objects.filter(kind="actie").count() >= 10 * len(
        [e for e in SearchEntry.objects.filter(kind="actie") if "[synthetisch]" not in e.title]) > 0
    for q, n in real.items():
        assert count(q) == n, q


def test_migrate_fills_an_empty_index_of_a_database_from_before_search(world):
    from django.apps import apps

    from zoeken.apps import _fill_empty_index

    SearchEntry.objects.all().delete()
    _fill_empty_index(apps.get_app_config("zoeken"))
    assert SearchEntry.objects.filter(chapter=world.chapter, kind="onderdeel").exists()
    assert SearchEntry.objects.filter(kind="organisatie").count() == 6
