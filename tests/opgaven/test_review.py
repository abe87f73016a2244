import pytest
from django.test import Client
from django.urls import reverse

from opgaven.models import CommentStatus
from tests import factories as f

pytestmark = pytest.mark.django_db


def comments_url(chapter):
    return reverse("opgaven:chapter_comments", args=[chapter.edition.slug, chapter.slug])


def test_a_reader_comments_on_an_ambition_and_the_writer_handles_it(client_for, world):
    ambition = f.AmbitionFactory(chapter=world.chapter)
    response = client_for("reader").post(
        comments_url(world.chapter), {"text": "Graag concreter.", "ambition": ambition.pk}
    )
    assert response.status_code == 302
    comment = world.chapter.comments.get()
    assert comment.author == world["reader"] and comment.ambition == ambition
    handle = reverse("opgaven:comment_handle", args=[world.edition.slug, world.chapter.slug, comment.pk])
    assert client_for("reader").post(handle, {"reply": "Nee.", "version": 1}).status_code == 403
    assert client_for("writer").post(handle, {"reply": "Aangepast in versie 3.", "version": 1}).status_code == 302
    comment.refresh_from_db()
    assert comment.status == CommentStatus.HANDLED
    assert comment.reply == "Aangepast in versie 3." and comment.handled_by == world["writer"]


def test_the_second_of_two_answers_to_one_comment_is_refused_and_shows_the_first(world):
    comment = world.chapter.comments.create(author=world["reader"], text="Wat betekent robuust?")
    handle = reverse("opgaven:comment_handle", args=[world.edition.slug, world.chapter.slug, comment.pk])
    first, second = Client(), Client()
    # Two writers of the chapter; the same account in two browsers is the same race.
    first.force_login(world["writer"])
    second.force_login(world["writer"])
    # Both open the answer form while the comment is unanswered.
    assert 'name="version" value="1"' in first.get(handle).content.decode()
    assert 'name="version" value="1"' in second.get(handle).content.decode()
    assert first.post(handle, {"reply": "Zie paragraaf 3.2.", "version": 1}).status_code == 302
    response = second.post(handle, {"reply": "Dat staat in de inleiding.", "version": 1})
    assert response.status_code == 409
    page = response.content.decode()
    assert "Iemand anders heeft dit commentaar intussen beantwoord" in page
    assert "Zie paragraaf 3.2." in page and "Dat staat in de inleiding." in page
    comment.refresh_from_db()
    assert comment.reply == "Zie paragraaf 3.2." and comment.version == 2
    # Replacing the first answer is a choice made knowingly, at the version now stored.
    assert 'name="version" value="2"' in page
    assert second.post(handle, {"reply": "Dat staat in de inleiding.", "version": 2}).status_code == 302
    comment.refresh_from_db()
    assert comment.reply == "Dat staat in de inleiding."


def test_members_of_the_chapters_bodies_comment_others_may_not(client_for, world):
    assert client_for("reader").post(comments_url(world.chapter), {"text": "Mooi."}).status_code == 302
    assert client_for("netwerkoverleg").post(comments_url(world.chapter), {"text": "Akkoord."}).status_code == 302
    # Staff without a membership, and members of a body linked to another chapter, do not.
    assert client_for("ob_staff").post(comments_url(world.chapter), {"text": "Spam"}).status_code == 403
    assert client_for("other_reader").post(comments_url(world.chapter), {"text": "Spam"}).status_code == 403
    response = client_for("anonymous").post(comments_url(world.chapter), {"text": "Spam"})
    assert response.status_code == 302 and reverse("login") in response["Location"]
    assert world.chapter.comments.count() == 2


def test_the_chapter_page_shows_open_comments_to_members(client_for, world):
    f.AmbitionFactory(chapter=world.chapter)
    world.chapter.comments.create(author=world["reader"], text="Open vraag over de context.")
    world.chapter.comments.create(author=world["reader"], text="Al afgehandeld.", status=CommentStatus.HANDLED)
    page = client_for("writer").get(world.chapter.get_absolute_url()).content.decode()
    assert "Open vraag over de context." in page
    assert "Al afgehandeld." not in page
    assert "Open vraag" not in client_for("anonymous").get(world.chapter.get_absolute_url()).content.decode()


def test_the_public_sees_the_established_text_while_writers_see_the_draft(client_for, world):
    chapter = world.chapter
    f.SectionFactory(chapter=chapter, aspects=["context", "ambitie"])
    ambition = f.AmbitionFactory(chapter=chapter, text="Vastgestelde ambitie.")
    programme = f.JaarprogrammaFactory(chapter=chapter)
    action = f.ActionFactory(jaarprogramma=programme, title="Vastgestelde actie")
    f.ActionCarrierFactory(action=action, organisation=world.kb)
    f.establish(chapter)
    client = client_for("writer")
    client.post(reverse("opgaven:item_edit", args=[world.edition.slug, chapter.slug, "ambitie", ambition.pk]),
                {"text": "Nieuw concept.", "version": 1})
    f.AmbitionFactory(chapter=chapter, text="Nog niet vastgesteld.")
    action.title = "Gewijzigde actie"
    action.save()

    public = client_for("anonymous").get(chapter.get_absolute_url()).content.decode()
    assert "Vastgestelde ambitie." in public and "Vastgestelde actie" in public
    assert "Nieuw concept." not in public and "Nog niet vastgesteld." not in public
    assert "Gewijzigde actie" not in public
    draft = client_for("writer").get(chapter.get_absolute_url()).content.decode()
    assert "Nieuw concept." in draft and "Nog niet vastgesteld." in draft


def test_the_chapter_page_costs_the_same_queries_however_much_content(client, world,
                                                                      django_assert_max_num_queries):
    chapter = world.chapter
    programme = f.JaarprogrammaFactory(chapter=chapter)

    def add():
        f.AmbitionFactory(chapter=chapter)
        f.SectionFactory(chapter=chapter, aspects=["context", "ambitie"])
        f.ContributionFactory(chapter=chapter)
        action = f.ActionFactory(jaarprogramma=programme)
        f.ActionCarrierFactory(action=action, organisation=world.kb)
        f.SubItemFactory(action=action)

    add()
    f.establish(chapter)
    with django_assert_max_num_queries(10) as small:
        assert client.get(chapter.get_absolute_url()).status_code == 200
    add()
    marker = f.AmbitionFactory(chapter=chapter, text="Telt mee in de vastgestelde versie.")
    f.establish(chapter)
    with django_assert_max_num_queries(len(small.captured_queries)):
        response = client.get(chapter.get_absolute_url())
    assert marker.text in response.content.decode()
    client.force_login(world["writer"])
    with django_assert_max_num_queries(30) as member:
        assert client.get(chapter.get_absolute_url()).status_code == 200
    add()
    with django_assert_max_num_queries(len(member.captured_queries)):
        assert client.get(chapter.get_absolute_url()).status_code == 200
