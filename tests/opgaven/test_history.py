"""The item history as people read it: in Dutch, the text rendered, changes per word, filterable."""

import datetime
import re

import pytest
from django.utils import timezone

from opgaven import editables
from tests import factories as f

pytestmark = pytest.mark.django_db

ENGLISH = ("Created", "Changed", "Deleted", "history_type", "history_change_reason", "None")


def url(world, item, view="history", **extra):
    return editables.url_for_item(view, item, world.chapter, **extra)


@pytest.fixture
def ambition(world):
    return f.AmbitionFactory(chapter=world.chapter, number=1, order=1,
                             text="Iedereen kan **lezen** en schrijven.[^1]")


def save(client, world, item, text):
    item.refresh_from_db()
    response = client.post(url(world, item, "edit"), {"text": text, "version": item.version})
    assert response.status_code == 302


def visible_text(page):
    """The page without its tags: what a reader sees (and hears)."""
    return re.sub(r"<[^>]+>", " ", page.split("<main", 1)[1])


def test_the_history_says_in_dutch_who_did_what(client_for, world, ambition):
    client = client_for("writer")
    save(client, world, ambition, "Iedereen kan **goed** lezen en schrijven.[^1]")
    first = ambition.history.order_by("history_date").first()
    client.post(url(world, ambition, "restore", history_id=first.history_id))
    page = client.get(url(world, ambition)).content.decode()
    name = world["writer"].get_full_name()
    assert f"Gewijzigd door {name}" in page
    assert f"Hersteld door {name}" in page
    assert "Aangemaakt door" in page
    shown = visible_text(page)
    for word in ENGLISH:
        assert word not in shown


def test_the_history_shows_the_text_rendered_never_its_markdown(client_for, world, ambition):
    client = client_for("writer")
    save(client, world, ambition, "Iedereen kan **goed** lezen en [rekenen](https://example.org).[^1]")
    page = client.get(url(world, ambition)).content.decode()
    shown = visible_text(page)
    assert "**" not in shown and "[^" not in shown and "](" not in shown
    assert '<a href="https://example.org"' in page
    assert "<strong>" in page


def test_changes_are_marked_per_word_for_eyes_and_ears(client_for, world, ambition):
    client = client_for("writer")
    save(client, world, ambition, "Iedereen kan **lezen** en rekenen.[^1]")
    page = client.get(url(world, ambition)).content.decode()
    assert '<del><span class="visually-hidden">verwijderd: </span>schrijven.' in page
    assert '<ins><span class="visually-hidden">toegevoegd: </span>rekenen.' in page
    # A changed word is marked whole, never letter by letter.
    assert "<ins>r</ins>" not in page and "<del>s</del>" not in page


def test_the_history_filters_by_person_and_by_date(client_for, world, ambition):
    save(client_for("writer"), world, ambition, "Eerste wijziging.")
    save(client_for("admin"), world, ambition, "Tweede wijziging.")
    admin_record = ambition.history.filter(history_user=world["admin"]).get()
    ambition.history.filter(pk=admin_record.pk).update(
        history_date=timezone.make_aware(datetime.datetime(2030, 6, 1, 12)))
    client = client_for("writer")
    page = client.get(url(world, ambition), {"persoon": world["writer"].pk}).content.decode()
    assert f"Gewijzigd door {world['writer'].get_full_name()}" in page
    assert f"Gewijzigd door {world['admin'].get_full_name()}" not in page
    page = client.get(url(world, ambition), {"van": "2030-01-01"}).content.decode()
    assert f"Gewijzigd door {world['admin'].get_full_name()}" in page
    assert f"Gewijzigd door {world['writer'].get_full_name()}" not in page
    page = client.get(url(world, ambition), {"tot": "2029-12-31", "persoon": world["admin"].pk}).content.decode()
    assert "Geen versies die aan deze filters voldoen." in page
    assert client.get(url(world, ambition), {"van": "gisteren"}).status_code == 200


def test_the_history_costs_the_same_queries_however_many_versions(client_for, world, ambition,
                                                                   django_assert_max_num_queries):
    client = client_for("writer")
    for number in range(30):
        save(client, world, ambition, f"Versie {number} van de **ambitie**.")
    with django_assert_max_num_queries(16):
        assert client.get(url(world, ambition)).status_code == 200
