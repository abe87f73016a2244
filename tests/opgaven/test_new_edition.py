"""A new edition is made from the previous one; the old one stays readable as adopted."""

import pytest
from django.core.management import call_command
from django.urls import reverse

from jaarprogramma.models import ActionStatus
from opgaven.models import ChapterStatus, Edition
from tests import factories as f

pytestmark = pytest.mark.django_db


def test_a_new_edition_copies_structure_bodies_and_open_actions(client, world):
    f.SectionFactory(chapter=world.chapter, aspects=["context", "ambitie"], body="Context van toen.")
    f.AmbitionFactory(chapter=world.chapter, text="Ambitie van toen.")
    programme = f.JaarprogrammaFactory(chapter=world.chapter, year=2023)
    open_action = f.ActionFactory(jaarprogramma=programme, title="Loopt door", status=ActionStatus.DELAYED)
    f.ActionCarrierFactory(action=open_action, organisation=world.kb)
    f.ActionFactory(jaarprogramma=programme, title="Klaar", status=ActionStatus.DONE)
    f.establish(world.chapter)

    call_command("new_edition", "2024-2027", title="Netwerkagenda 2024-2027", **{"from": world.edition.slug})
    new = Edition.objects.get(slug="2024-2027")
    chapter = new.chapters.get(slug=world.chapter.slug)
    assert chapter.status == ChapterStatus.CONCEPT and chapter.established_at is None
    assert set(chapter.koersgroepen.all()) == set(world.chapter.koersgroepen.all())
    assert chapter.ambitions.get().text == "Ambitie van toen."
    first = chapter.jaarprogrammas.get()
    assert first.year == 2024
    carried = first.actions.get()
    assert carried.title == "Loopt door" and carried.carried_over_from == open_action
    assert [c.organisation for c in carried.carriers.all()] == [world.kb]

    old = client.get(reverse("opgaven:edition_detail", args=[world.edition.slug])).content.decode()
    assert "eerdere editie" in old and world.chapter.title in old
    assert client.get(world.chapter.get_absolute_url()).status_code == 200
    assert client.get(reverse("opgaven:chapter_detail", args=[new.slug, chapter.slug])).status_code == 404
