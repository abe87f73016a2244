"""Readers read a chapter's established version from its frozen copy (opgaven.publication). A
version never changes once written, so a process decodes its content once and keeps it by the
version's token; a new version is read afresh."""

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from opgaven import publication
from opgaven.models import Chapter, Section
from tests import factories as f

pytestmark = pytest.mark.django_db


def content_of(chapter):
    [(_chapter, content)] = publication.established_content(Chapter.objects.filter(pk=chapter.pk))
    return content


def section_titles(content):
    return [node["fields"]["title"] for node in content["sections"]]


def test_a_version_is_decoded_once_and_read_again_with_the_same_queries(world):
    f.establish(world.chapter)
    with CaptureQueriesContext(connection) as first_queries:
        first = content_of(world.chapter)
    with CaptureQueriesContext(connection) as again_queries:
        again = content_of(world.chapter)
    assert again is first  # not sent by the database, not decoded again
    assert len(again_queries) == len(first_queries)


@pytest.fixture(autouse=True)
def sections(world):
    for chapter in (world.chapter, world.other_chapter):
        f.SectionFactory(chapter=chapter, title=f"Context van {chapter.slug}")


def test_a_new_version_is_read_afresh(world):
    f.establish(world.chapter)
    before = section_titles(content_of(world.chapter))
    Section.objects.filter(chapter=world.chapter).update(title="Nieuwe titel")
    f.establish(world.chapter)
    after = section_titles(content_of(world.chapter))
    assert after and after != before and set(after) == {"Nieuwe titel"}


def test_the_kept_content_is_bounded_and_what_went_is_read_again(world, monkeypatch):
    monkeypatch.setattr(publication._decoded, "SIZE", 1)
    monkeypatch.setattr(publication._decoded, "items", {})
    f.establish(world.chapter)
    f.establish(world.other_chapter)
    content_of(world.other_chapter)  # kept; then read again after the first chapter pushed it out
    both = publication.established_content(Chapter.objects.filter(pk__in=[world.chapter.pk, world.other_chapter.pk]))
    assert len(publication._decoded.items) == 1
    assert {chapter.pk: section_titles(content) for chapter, content in both} == {
        world.chapter.pk: [f"Context van {world.chapter.slug}"],
        world.other_chapter.pk: [f"Context van {world.other_chapter.slug}"]}
    assert section_titles(content_of(world.chapter)) and section_titles(content_of(world.other_chapter))
