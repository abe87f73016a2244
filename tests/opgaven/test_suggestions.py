"""Readers who may comment propose new text; the writers accept it (an edit, in the history under
both names) or decline it (an answered comment)."""

import datetime

import pytest
from django.urls import reverse
from django.utils.html import escape

from opgaven import editables
from opgaven.models import Ambition, Comment, CommentStatus, Suggestion, SuggestionStatus
from tests import factories as f

pytestmark = pytest.mark.django_db


@pytest.fixture
def ambition(world):
    return f.AmbitionFactory(chapter=world.chapter, number=1, order=1,
                             text="Iedereen in Nederland kan **lezen** en schrijven.")


def suggest(client, world, item, data):
    return client.post(editables.url_for_item("suggest", item, world.chapter), data)


def detail_url(world, suggestion, view="suggestion_detail"):
    return reverse(f"opgaven:{view}", args=[world.edition.slug, world.chapter.slug, suggestion.pk])


def name(user):
    return user.get_full_name() or user.username


def test_a_meelezer_proposes_new_text_from_a_prefilled_form(client_for, world, ambition):
    client = client_for("advisor")  # a member of the reflectiegroep: comments, never edits
    form = client.get(editables.url_for_item("suggest", ambition, world.chapter)).content.decode()
    assert "Iedereen in Nederland kan **lezen** en schrijven." in form  # the textarea holds the text as stored
    response = suggest(client, world, ambition, {
        "text": "Iedereen in Nederland kan **goed lezen** en rekenen.", "version": 1, "note": "Rekenen hoort erbij."})
    assert response.status_code == 302
    suggestion = Suggestion.objects.get()
    assert suggestion.author == world["advisor"] and suggestion.is_open
    assert suggestion.original == {"text": "Iedereen in Nederland kan **lezen** en schrijven."}
    ambition.refresh_from_db()
    assert ambition.version == 1  # nothing changed yet


def test_the_writer_sees_the_proposal_as_a_tracked_change(client_for, world, ambition):
    suggest(client_for("advisor"), world, ambition, {"text": "Iedereen in Nederland kan **lezen** en rekenen.",
                                                      "version": 1})
    page = client_for("writer").get(detail_url(world, Suggestion.objects.get())).content.decode()
    assert '<del><span class="visually-hidden">verwijderd: </span>schrijven.</del>' in page
    assert '<ins><span class="visually-hidden">toegevoegd: </span>rekenen.</ins>' in page
    assert "<strong>lezen</strong>" in page and "**" not in page.split("<main", 1)[1]
    assert "Voorstel overnemen" in page


def test_an_accepted_suggestion_is_an_edit_in_the_history_under_both_names(client_for, world, ambition):
    suggest(client_for("advisor"), world, ambition, {"text": "Iedereen in Nederland kan **lezen** en rekenen.",
                                                      "version": 1})
    suggestion = Suggestion.objects.get()
    writer = client_for("writer")
    assert writer.post(detail_url(world, suggestion, "suggestion_accept")).status_code == 302
    ambition.refresh_from_db()
    assert ambition.text == "Iedereen in Nederland kan **lezen** en rekenen."
    assert ambition.version == 2
    suggestion.refresh_from_db()
    assert suggestion.status == SuggestionStatus.ACCEPTED and suggestion.decided_by == world["writer"]
    record = ambition.history.get(history_id=suggestion.history_id)
    assert record.history_user == world["writer"]
    history = writer.get(editables.url_for_item("history", ambition, world.chapter)).content.decode()
    # Names may hold an apostrophe ("van 't Riet"), which the page escapes.
    assert escape(f"Voorstel van {name(world['advisor'])} overgenomen door {name(world['writer'])}") in history


def test_a_declined_suggestion_is_an_answered_comment_with_the_reason(client_for, world, ambition):
    suggest(client_for("advisor"), world, ambition, {"text": "Iedereen kan lezen.", "version": 1})
    suggestion = Suggestion.objects.get()
    writer = client_for("writer")
    assert writer.post(detail_url(world, suggestion, "suggestion_decline"), {"reason": ""}).status_code == 422
    response = writer.post(detail_url(world, suggestion, "suggestion_decline"),
                           {"reason": "Nederland hoort erin: het gaat om het hele land."})
    assert response.status_code == 302
    comment = Comment.objects.get()
    assert comment.author == world["advisor"] and comment.ambition == ambition
    assert comment.status == CommentStatus.HANDLED and comment.handled_by == world["writer"]
    assert comment.reply == "Nederland hoort erin: het gaat om het hele land."
    assert "Iedereen kan lezen." in comment.text
    suggestion.refresh_from_db()
    assert suggestion.status == SuggestionStatus.DECLINED and suggestion.comment == comment
    assert Ambition.objects.get().version == 1
    comments = client_for("advisor").get(reverse("opgaven:chapter_comments", args=[world.edition.slug,
                                                                                  world.chapter.slug]))
    assert "Nederland hoort erin" in comments.content.decode()


def test_a_suggestion_on_text_changed_since_is_not_accepted_as_it_stands(client_for, world, ambition):
    suggest(client_for("advisor"), world, ambition, {"text": "Iedereen kan lezen en rekenen.", "version": 1})
    suggestion = Suggestion.objects.get()
    writer = client_for("writer")
    writer.post(editables.url_for_item("edit", ambition, world.chapter),
                {"text": "Iedereen in Nederland kan lezen.", "version": 1})
    response = writer.post(detail_url(world, suggestion, "suggestion_accept"))
    assert response.status_code == 409
    page = response.content.decode()
    assert "De tekst is gewijzigd sinds dit voorstel is gedaan." in page
    # Shown against the current text: what the proposal would still change.
    assert "De tekst is gewijzigd sinds dit voorstel" in page
    ambition.refresh_from_db()
    assert ambition.text == "Iedereen in Nederland kan lezen."
    assert Suggestion.objects.get().is_open


def test_a_proposal_that_changes_nothing_is_refused(client_for, world, ambition):
    response = suggest(client_for("reader"), world, ambition, {"text": ambition.text, "version": 1})
    assert response.status_code == 422
    assert "gelijk aan de huidige tekst" in response.content.decode()
    assert not Suggestion.objects.exists()


def test_a_proposal_written_while_the_writers_saved_is_checked_again(client_for, world, ambition):
    Ambition.objects.filter(pk=ambition.pk).update(text="Nieuwe tekst van de schrijvers.", version=2)
    response = suggest(client_for("reader"), world, ambition, {"text": "Mijn voorstel.", "version": 1})
    assert response.status_code == 409
    page = response.content.decode()
    assert "Nieuwe tekst van de schrijvers." in page and "Mijn voorstel." in page
    assert not Suggestion.objects.exists()


def test_a_reader_proposes_on_an_action_of_the_jaarprogramma(client_for, world):
    programme = f.JaarprogrammaFactory(chapter=world.chapter, year=2021)
    action = f.ActionFactory(jaarprogramma=programme, title="Leesbevordering", description="Voor kinderen.")
    response = suggest(client_for("reader"), world, action,
                       {"title": "Leesbevordering", "description": "Voor kinderen en volwassenen.", "version": 1})
    assert response.status_code == 302
    suggestion = Suggestion.objects.get()
    assert suggestion.proposed == {"description": "Voor kinderen en volwassenen."}
    assert client_for("writer").post(detail_url(world, suggestion, "suggestion_accept")).status_code == 302
    action.refresh_from_db()
    assert action.description == "Voor kinderen en volwassenen."


def test_a_suggestion_during_an_open_round_is_a_remark_of_that_round(client_for, world, ambition):
    from feedback.models import Resolution
    from feedback.services import open_round

    round = open_round(user=world["writer"], edition=world.edition, chapter=world.chapter, title="Ronde",
                       closes_on=datetime.date(2099, 1, 1), bodies=[world.reflectiegroep])
    suggest(client_for("advisor"), world, ambition, {"text": "Iedereen in Nederland kan **lezen** en rekenen.",
                                                      "version": 1})
    remark = round.remarks.get()
    assert remark.suggestion == Suggestion.objects.get() and remark.item == ambition and remark.is_open
    client_for("writer").post(detail_url(world, remark.suggestion, "suggestion_accept"))
    remark.refresh_from_db()
    assert remark.resolution == Resolution.TAKEN_OVER
    assert remark.history_id == Suggestion.objects.get().history_id
    nota = client_for("writer").get(reverse("feedback:reactienota", args=[round.pk])).content.decode()
    assert '<ins><span class="visually-hidden">toegevoegd: </span>rekenen.</ins>' in nota
    assert "Verwerkt" in nota


def test_a_suggestion_outside_a_round_is_no_remark(client_for, world, ambition):
    from feedback.models import Remark

    suggest(client_for("reader"), world, ambition, {"text": "Iedereen kan lezen.", "version": 1})
    assert Suggestion.objects.exists() and not Remark.objects.exists()
