"""A new edition is made from the previous one; the old one stays readable as adopted."""

import pytest
from django.core.management import call_command
from django.urls import reverse
from django.utils import timezone

from jaarprogramma.models import ActionStatus
from opgaven import signoff
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

    # The new edition is a draft: the old one stays the current one until it has public text.
    draft = client.get(reverse("opgaven:edition_detail", args=[new.slug])).content.decode()
    assert "in voorbereiding" in draft and "eerdere editie" not in draft
    assert client.get(reverse("opgaven:chapter_detail", args=[new.slug, chapter.slug])).status_code == 404
    f.establish(chapter)
    old = client.get(reverse("opgaven:edition_detail", args=[world.edition.slug])).content.decode()
    assert "eerdere editie" in old and world.chapter.title in old
    assert client.get(world.chapter.get_absolute_url()).status_code == 200


def _new_edition(world):
    call_command("new_edition", "2024-2027", title="Netwerkagenda 2024-2027", **{"from": world.edition.slug})
    return Edition.objects.get(slug="2024-2027")


def test_a_new_edition_copies_the_sign_off_route(world, signoff_route):
    new = _new_edition(world)
    fields = ("position", "kind", "name", "body_id", "organisation_id", "publishes")
    assert list(new.route.values_list(*fields)) == list(world.edition.route.values_list(*fields))
    assert new.route.count() == len(signoff_route)
    assert set(world.edition.route.all()) == set(signoff_route.values())  # the old route is untouched


def test_a_chapter_of_the_new_edition_is_offered_and_established_on_its_own_route(world, signoff_route):
    new = _new_edition(world)
    chapter = new.chapters.get(slug=world.chapter.slug)
    steps = {step.name: step for step in new.route.all()}
    for name, who in [("Koersgroep biedt het onderdeel aan", world["writer"]),
                      ("Feedbackronde afgerond", world["writer"]),
                      ("Netwerkoverleg stelt vast", world["netwerkoverleg"])]:
        decision = signoff.take_step(subject=chapter, step=steps[name], user=who)
        assert decision.step.edition == new and decision.edition == new
    chapter.refresh_from_db()
    assert chapter.status == ChapterStatus.ESTABLISHED and chapter.established_at is not None
    assert signoff.route_for(chapter).label == "wacht op akkoord VOB en akkoord SPN en akkoord KB"


def test_the_home_page_stays_on_the_established_edition_until_the_new_one_has_public_text(
        client, world, signoff_route):
    new = _new_edition(world)
    assert Edition.objects.newest() == new
    assert Edition.objects.current() == world.edition
    home = client.get(reverse("opgaven:home")).content.decode()
    assert world.edition.title in home and world.chapter.title in home
    assert new.title not in home.split("<nav")[0]  # the heading names the established edition

    f.establish(new.chapters.get(slug=world.chapter.slug))
    assert Edition.objects.current() == new
    home = client.get(reverse("opgaven:home")).content.decode()
    assert f"<h1>{new.title}</h1>" in home and world.chapter.title in home


def test_the_front_matter_alone_makes_an_edition_current(world):
    new = _new_edition(world)
    assert Edition.objects.current() == world.edition
    Edition.objects.filter(pk=new.pk).update(front_matter_established_at=timezone.now())
    assert Edition.objects.current() == new


def test_without_anything_established_the_newest_edition_is_current(db):
    older = f.EditionFactory(slug="2018-2020", start_year=2018, end_year=2020)
    newer = f.EditionFactory(slug="2021-2023", start_year=2021, end_year=2023)
    f.ChapterFactory(edition=older)
    assert Edition.objects.current() == newer
    assert Edition.objects.none().current() is None
    f.establish(older.chapters.get())
    assert Edition.objects.current() == older


def test_new_edition_builds_on_the_newest_edition_even_when_it_is_a_draft(world):
    _new_edition(world).chapters.filter(slug=world.chapter.slug).update(title="Onderdeel A, herzien")
    call_command("new_edition", "2028-2031", title="Netwerkagenda 2028-2031")
    assert Edition.objects.get(slug="2028-2031").chapters.get(slug=world.chapter.slug).title == "Onderdeel A, herzien"
    assert Edition.objects.current() == world.edition
