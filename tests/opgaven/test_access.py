"""opgaven.access: each chapter right read once, from the grants memberships bring."""

import pytest
from django.contrib.auth.models import AnonymousUser

from opgaven import access

pytestmark = pytest.mark.django_db


def test_who_may_do_what_with_a_chapter(world):
    chapter = world.chapter
    expected = {  # persona: (edit, comment, establish, view draft)
        "writer": (True, True, False, True),
        "reader": (False, True, False, True),
        "advisor": (False, True, False, True),
        "netwerkoverleg": (False, True, True, True),
        "admin": (True, True, True, True),
        "other_writer": (False, False, False, False),
        "kb_staff": (False, False, False, False),
    }
    for persona, rights in expected.items():
        user = world[persona]
        actual = (access.can_edit(user, chapter), access.can_comment(user, chapter),
                  access.can_establish(user, chapter), access.can_view_draft(user, chapter))
        assert actual == rights, persona
    anonymous = AnonymousUser()
    assert not any(check(anonymous, chapter) for check in (
        access.can_edit, access.can_comment, access.can_establish, access.can_view_draft))


def test_the_chapters_a_user_edits(world):
    assert list(access.chapters_editable_for(world["writer"])) == [world.chapter]
    assert list(access.chapters_editable_for(world["other_writer"])) == [world.other_chapter]
    assert not access.chapters_editable_for(world["reader"]).exists()
    assert not access.chapters_editable_for(AnonymousUser()).exists()
    assert set(access.chapters_editable_for(world["admin"])) == {world.chapter, world.other_chapter}
    assert set(access.chapters_in_draft_for(world["netwerkoverleg"])) == {world.chapter, world.other_chapter}


def test_exporting_is_for_the_netwerkoverleg_and_superusers(world):
    assert access.can_export(world["netwerkoverleg"])
    assert access.can_export(world["admin"])
    assert not access.can_export(world["writer"])
    assert not access.can_export(AnonymousUser())


def test_an_inactive_account_may_do_nothing(world):
    writer = world["writer"]
    writer.is_active = False

    assert not access.can_edit(writer, world.chapter)
    assert not access.can_view_draft(writer, world.chapter)


def test_rights_are_looked_up_once_per_user_object(world, django_assert_num_queries):
    writer = type(world["writer"]).objects.get(pk=world["writer"].pk)
    access.can_edit(writer, world.chapter)
    with django_assert_num_queries(0):
        access.can_edit(writer, world.other_chapter)
        access.can_edit(writer, world.chapter)
