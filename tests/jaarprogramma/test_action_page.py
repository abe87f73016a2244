"""Every action has a page of its own, at the document's numbering, readable by everyone once its
chapter is established: the text as established (never a draft), its carriers, the status of each
part, and every update."""

import datetime

import pytest
from django.urls import reverse
from django.utils import timezone

from jaarprogramma.models import ActionStatus
from monitoring.services import post_progress_update
from tests import factories as f

pytestmark = pytest.mark.django_db


def established_action(world, *, number="2.3", title="Vastgestelde actie", chapter=None):
    chapter = chapter or world.chapter
    programme = f.JaarprogrammaFactory._meta.model.objects.get_or_create(chapter=chapter, year=2021)[0]
    action = f.ActionFactory(jaarprogramma=programme, number=number, title=title)
    f.ActionCarrierFactory(action=action, organisation=world.kb)
    f.ActionCarrierFactory(action=action, organisation=world.poi)
    f.establish(chapter)
    return action


def test_the_address_follows_the_documents_numbering(world):
    action = established_action(world)
    assert action.get_page_url() == f"/agenda/{world.edition.slug}/{world.chapter.slug}/2021/acties/2-3/"


def test_anyone_reads_an_established_action_with_its_parts_and_updates(client, world):
    action = established_action(world)
    post_progress_update(carrier=action.carriers.get(organisation=world.kb), author=world["kb_staff"],
                         date=timezone.localdate(), text="Het plan van aanpak is klaar.",
                         status=ActionStatus.DONE, percentage=100)
    response = client.get(action.get_page_url())
    assert response.status_code == 200
    html = response.content.decode()
    assert "Vastgestelde actie" in html
    # The update is there, dated and with its status; its text stays internal.
    assert response.context["updates"][0].status == ActionStatus.DONE
    assert "Het plan van aanpak is klaar." not in html
    parts = {part.organisation: part for part in response.context["parts"]}
    assert parts[world.kb].status == ActionStatus.DONE  # a live fact, over the established text
    assert parts[world.poi].status == ActionStatus.NOT_STARTED
    assert response.context["action"].status == ActionStatus.ON_TRACK
    assert "Afgerond" in html and "Niet gestart" in html and "Op schema" in html


def test_progress_texts_are_for_the_netwerkoverleg_and_the_carriers(client_for, world):
    action = established_action(world)
    post_progress_update(carrier=action.carriers.get(organisation=world.kb), author=world["kb_staff"],
                         date=timezone.localdate(), text="Het plan van aanpak is klaar.")
    for persona, shown in [("netwerkoverleg", True), ("kb_staff", True), ("poi_staff", True), ("reader", False)]:
        html = client_for(persona).get(action.get_page_url()).content.decode()
        assert ("Het plan van aanpak is klaar." in html) is shown, persona


def test_the_public_never_sees_the_draft_the_writer_does(client_for, world):
    action = established_action(world)
    action.title = "GEHEIMEWERKVERSIE"
    action.save()
    public = client_for("anonymous").get(action.get_page_url()).content.decode()
    assert "GEHEIMEWERKVERSIE" not in public and "Vastgestelde actie" in public
    draft = client_for("writer").get(action.get_page_url()).content.decode()
    assert "GEHEIMEWERKVERSIE" in draft
    established = client_for("writer").get(action.get_page_url() + "?versie=vastgesteld").content.decode()
    assert "GEHEIMEWERKVERSIE" not in established


def test_an_action_added_after_establishing_does_not_exist_for_the_public(client_for, world):
    established_action(world)
    programme = world.chapter.jaarprogrammas.get()
    draft_only = f.ActionFactory(jaarprogramma=programme, number="9")
    assert client_for("anonymous").get(draft_only.get_page_url()).status_code == 404
    assert client_for("writer").get(draft_only.get_page_url()).status_code == 200


@pytest.mark.parametrize("year, number", [(2021, "7-7"), (2022, "2-3")])
def test_unknown_numbers_and_years_are_404(client, world, year, number):
    established_action(world)
    url = reverse("jaarprogramma:action_detail", args=[world.edition.slug, world.chapter.slug, year, number])
    assert client.get(url).status_code == 404


def test_a_body_carrying_an_action_is_shown_as_such(client, world):
    programme = f.JaarprogrammaFactory(chapter=world.chapter, year=2021)
    action = f.ActionFactory(jaarprogramma=programme, number="1")
    f.ActionCarrierFactory(action=action, organisation=None, body=world.koersgroep, inferred=True,
                           note="De activiteit noemt geen uitvoerder")
    f.establish(world.chapter)
    html = client.get(action.get_page_url()).content.decode()
    assert world.koersgroep.name in html and "Afgeleid" in html
    assert world.koersgroep.get_absolute_url() in html


def test_the_chapter_page_organisation_page_and_cockpit_link_to_it(client, world):
    action = established_action(world)
    post_progress_update(carrier=action.carriers.get(organisation=world.kb), author=world["kb_staff"],
                         date=timezone.localdate(), text="Gestart.", status=ActionStatus.ON_TRACK)
    url = action.get_page_url()
    assert url in client.get(world.chapter.get_absolute_url()).content.decode()
    assert url in client.get(reverse("governance:organisation_detail", args=[world.kb.key])).content.decode()
    assert url in client.get(reverse("monitoring:cockpit")).content.decode()


def build(world, size):
    """`size` actions in each of two established chapters, each with three parts and updates."""
    for chapter in (world.chapter, world.other_chapter):
        programme = f.JaarprogrammaFactory._meta.model.objects.get_or_create(chapter=chapter, year=2021)[0]
        for _ in range(size):
            action = f.ActionFactory(jaarprogramma=programme)
            f.ActionCarrierFactory(action=action, organisation=world.kb)
            f.ActionCarrierFactory(action=action, organisation=world.poi)
            f.ActionCarrierFactory(action=action, organisation=None, body=world.koersgroep)
            f.SubItemFactory(action=action)
            for days in (1, 40):
                f.ProgressUpdateFactory(action=action, organisation=world.kb, author=world["kb_staff"],
                                        date=timezone.localdate() - datetime.timedelta(days=days))
        f.establish(chapter)


@pytest.mark.parametrize("persona, queries", [("anonymous", 11), ("kb_staff", 24)])
def test_the_action_page_query_count_does_not_grow_with_the_data(client_for, world, persona, queries,
                                                                django_assert_num_queries):
    build(world, 1)
    action = world.chapter.jaarprogrammas.get().actions.first()
    client = client_for(persona)
    client.get(action.get_page_url())  # content types are cached for the process in real use
    with django_assert_num_queries(queries):
        assert client.get(action.get_page_url()).status_code == 200
    build(world, 10)
    with django_assert_num_queries(queries):
        assert client.get(action.get_page_url()).status_code == 200


def test_years_of_updates_are_shown_a_page_at_a_time_with_each_parts_last_date(client_for, world):
    from monitoring.selectors import UPDATES_PER_PAGE

    action = established_action(world)
    kb_part = action.carriers.get(organisation=world.kb)
    today = timezone.localdate()
    for days in range(UPDATES_PER_PAGE + 2):
        f.ProgressUpdateFactory(action=action, carrier=kb_part, organisation=world.kb, author=world["kb_staff"],
                                date=today - datetime.timedelta(days=days))
    for persona, url in [("anonymous", action.get_page_url()),
                         ("kb_staff", reverse("monitoring:action_progress", args=[action.pk]))]:
        client = client_for(persona)
        first = client.get(url)
        assert len(first.context["updates"]) == UPDATES_PER_PAGE and first.context["updates"][0].date == today
        assert "pagina=2" in first.content.decode()
        second = client.get(url, {"pagina": 2})
        assert [u.date for u in second.context["updates"]] == [today - datetime.timedelta(days=d)
                                                                 for d in (UPDATES_PER_PAGE, UPDATES_PER_PAGE + 1)]
        parts = {part.organisation: part for part in second.context["parts"]}
        assert parts[world.kb].last_update == today and parts[world.poi].last_update is None
        assert f'<time datetime="{today:%Y-%m-%d}">' in second.content.decode()
