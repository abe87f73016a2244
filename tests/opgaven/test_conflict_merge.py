"""The edit conflict: both versions side by side, merged word by word, the merge saved as the next version."""

import re

import pytest
from django.test import Client

from opgaven import editables
from tests import factories as f

pytestmark = pytest.mark.django_db

START = "De kat zat op de mat. Het was koud."


@pytest.fixture
def ambition(world):
    return f.AmbitionFactory(chapter=world.chapter, number=1, order=1, text=START)


def writers(world):
    first, second = Client(), Client()
    first.force_login(world["writer"])
    second.force_login(world["admin"])
    return first, second


def textarea(page):
    return re.search(r'<textarea name="text"[^>]*>\n?(.*?)</textarea>', page, re.S).group(1)


def test_two_edits_of_different_words_are_merged_and_the_merge_saved(world, ambition):
    first, second = writers(world)
    url = editables.url_for_item("edit", ambition, world.chapter)
    assert first.post(url, {"text": "De hond zat op de mat. Het was koud.", "version": 1}).status_code == 302
    response = second.post(url, {"text": "De kat zat op de mat. Het was warm.", "version": 1})
    assert response.status_code == 409
    page = response.content.decode()
    # Side by side, each with its own changes to the text both started from, per word.
    assert "Uw versie" in page and "Opgeslagen versie" in page
    assert '<ins><span class="visually-hidden">toegevoegd: </span>warm.</ins>' in page
    assert '<ins><span class="visually-hidden">toegevoegd: </span>hond</ins>' in page
    # The form holds both changes, and saves at the stored version.
    assert textarea(page) == "De hond zat op de mat. Het was warm."
    assert 'name="version" value="2"' in page
    assert "Samengevoegde versie opslaan" in page
    assert second.post(url, {"text": textarea(page), "version": 2}).status_code == 302
    ambition.refresh_from_db()
    assert ambition.text == "De hond zat op de mat. Het was warm."
    assert ambition.version == 3


def test_where_both_changed_the_same_words_the_writers_own_words_stand_and_the_page_says_so(world, ambition):
    first, second = writers(world)
    url = editables.url_for_item("edit", ambition, world.chapter)
    first.post(url, {"text": "De hond zat op de mat. Het was koud.", "version": 1})
    page = second.post(url, {"text": "De poes zat op de mat. Het was koud.", "version": 1}).content.decode()
    assert textarea(page) == "De poes zat op de mat. Het was koud."
    assert "op 1 plaats veranderden u en de ander dezelfde woorden" in page
    ambition.refresh_from_db()
    assert ambition.text == "De hond zat op de mat. Het was koud."


def test_the_merge_works_in_place_too(world, ambition):
    first, second = writers(world)
    url = editables.url_for_item("edit", ambition, world.chapter)
    first.post(url, {"text": "De hond zat op de mat. Het was koud.", "version": 1})
    response = second.post(url, {"text": "De kat zat op de mat. Het was warm.", "version": 1}, HTTP_HX_REQUEST="true")
    assert response.status_code == 200  # htmx swaps only 2xx responses
    assert "De hond zat op de mat. Het was warm." in response.content.decode()
