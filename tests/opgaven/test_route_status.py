"""The status says where a text is in its route ("wacht op akkoord SPN") wherever a chapter's
status shows, for whoever reads its draft; the public sees the established status."""

import re

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from governance.models import User
from opgaven import signoff
from tests import factories as f

pytestmark = pytest.mark.django_db


def take(chapter, route, *steps):
    for name, who in steps:
        signoff.take_step(subject=chapter, step=route[name], user=User.objects.get(username=who))


def up_to_akkoord_spn(chapter, route):
    take(chapter, route, ("Koersgroep biedt het onderdeel aan", "writer"), ("Feedbackronde afgerond", "writer"),
         ("Netwerkoverleg stelt vast", "netwerkoverleg"), ("Akkoord VOB", "netwerkoverleg"),
         ("Akkoord KB", "kb_rep"))


def card_badge(html, chapter):
    card = re.search(rf'<li class="card">\s*<h4><a href="{re.escape(chapter.get_absolute_url())}">.*?</li>',
                     html, re.S).group(0)
    return re.search(r'<span class="badge status-([^"]+)">([^<]*)</span>', card).groups()


def test_draft_readers_see_the_route_on_the_home_page_and_the_public_the_established_status(
        client_for, world, signoff_route):
    up_to_akkoord_spn(world.chapter, signoff_route)
    for persona in ("writer", "reader", "netwerkoverleg"):
        html = client_for(persona).get(reverse("opgaven:home")).content.decode()
        assert card_badge(html, world.chapter) == ("vastgesteld", "Wacht op akkoord SPN"), persona
    for persona in ("anonymous", "kb_staff", "other_writer"):
        html = client_for(persona).get(reverse("opgaven:home")).content.decode()
        assert card_badge(html, world.chapter) == ("vastgesteld", "Vastgesteld"), persona
        assert "wacht op" not in html.lower()
    # The other chapter is in no route: its writers see it as established, like the public.
    html = client_for("other_writer").get(reverse("opgaven:home")).content.decode()
    assert card_badge(html, world.other_chapter) == ("vastgesteld", "Vastgesteld")


def test_an_offered_chapter_and_one_sent_back(client_for, world, signoff_route):
    take(world.chapter, signoff_route, ("Koersgroep biedt het onderdeel aan", "writer"))
    html = client_for("writer").get(reverse("opgaven:home")).content.decode()
    assert card_badge(html, world.chapter) == ("ter-bespreking", "Wacht op feedbackronde afgerond")
    assert card_badge(client_for("anonymous").get(reverse("opgaven:home")).content.decode(),
                      world.chapter) == ("vastgesteld", "Vastgesteld")

    take(world.chapter, signoff_route, ("Feedbackronde afgerond", "writer"))
    signoff.take_step(subject=world.chapter, step=signoff_route["Netwerkoverleg stelt vast"],
                      user=world["netwerkoverleg"], outcome="teruggestuurd", reasons="Eerst de cijfers.")
    html = client_for("writer").get(reverse("opgaven:home")).content.decode()
    assert card_badge(html, world.chapter) == ("concept", "Concept")


def test_the_edit_page_and_the_chapter_page_say_where_the_text_is(client_for, world, signoff_route):
    up_to_akkoord_spn(world.chapter, signoff_route)
    writer = client_for("writer")
    edit = writer.get(reverse("opgaven:chapter_edit", args=[world.edition.slug, world.chapter.slug]))
    assert re.search(r'Status: <span class="badge status-vastgesteld">Wacht op akkoord SPN</span>',
                     edit.content.decode())
    assert "wacht op akkoord SPN" in writer.get(world.chapter.get_absolute_url()).content.decode()
    public = client_for("anonymous").get(world.chapter.get_absolute_url()).content.decode()
    assert "wacht op" not in public.lower() and "vastgesteld op" in public


def test_the_home_page_costs_the_same_queries_for_a_draft_reader_however_many_chapters_are_in_a_route(
        client_for, world, signoff_route, django_assert_num_queries):
    client = client_for("netwerkoverleg")  # reads every chapter's draft (the netwerkoverleg establishes)
    client.get(reverse("opgaven:home"))
    with CaptureQueriesContext(connection) as before:
        client.get(reverse("opgaven:home"))
    up_to_akkoord_spn(world.chapter, signoff_route)
    take(world.other_chapter, signoff_route, ("Koersgroep biedt het onderdeel aan", "other_writer"))
    for n in range(3):
        chapter = f.ChapterFactory(edition=world.edition, slug=f"extra-{n}", number=10 + n, position=10 + n)
        chapter.koersgroepen.add(world.koersgroep)
        take(chapter, signoff_route, ("Koersgroep biedt het onderdeel aan", "writer"))
    with django_assert_num_queries(len(before.captured_queries)):
        html = client.get(reverse("opgaven:home")).content.decode()
    assert html.count("Wacht op feedbackronde afgerond") == 4 and "Wacht op akkoord SPN" in html
