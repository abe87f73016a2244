"""A round on one year's programme (?jaar=), and remarks on a contribution, a success criterion
and an action, through the pages people use."""

import datetime

import pytest
from django.urls import reverse
from django.utils import timezone

from feedback import items, reactienota
from feedback.models import FeedbackRound
from tests import factories as f

pytestmark = pytest.mark.django_db


@pytest.fixture
def programmes(world):
    f.SectionFactory(chapter=world.chapter, number="3.1", title="Context", body="Lezen is de basis.")
    contribution = f.ContributionFactory(chapter=world.chapter, organisation=world.kb,
                                         text="De KB levert de landelijke leesmonitor.")
    old = f.JaarprogrammaFactory(chapter=world.chapter, year=2021)
    f.ActionFactory(jaarprogramma=old, number="1", title="Actie van 2021")
    new = f.JaarprogrammaFactory(chapter=world.chapter, year=2022)
    criterion = f.SuccessCriterionFactory(jaarprogramma=new, text="Vijftig scholen doen mee.")
    action = f.ActionFactory(jaarprogramma=new, number="2", title="Leesoffensief starten",
                             description="Met de leescoalities in elke provincie.")
    return contribution, criterion, action


def open_by_form(client, world, query=""):
    url = reverse("feedback:round_create_chapter", args=[world.edition.slug, world.chapter.slug]) + query
    return url, client.post(url, {"title": "Ronde", "closes_on": str(timezone.localdate() + datetime.timedelta(7)),
                                  "bodies": [world.reflectiegroep.pk]})


def test_a_round_on_one_years_programme_holds_only_that_years_items(client_for, world, programmes):
    _contribution, criterion, action = programmes
    writer = client_for("writer")
    url = reverse("feedback:round_create_chapter", args=[world.edition.slug, world.chapter.slug]) + "?jaar=2022"
    assert "Over het jaarprogramma 2022 van Onderdeel A." in writer.get(url).content.decode()
    _url, response = open_by_form(writer, world, "?jaar=2022")
    round = FeedbackRound.objects.get()
    assert response.status_code == 302 and (round.chapter, round.year) == (world.chapter, 2022)
    assert [item.obj for item in items.items_of(round)] == [criterion, action]

    page = client_for("advisor").get(round.get_absolute_url()).content.decode()
    assert "jaarprogramma 2022 van Onderdeel A" in page
    assert "Jaarprogramma 2022: actie 2" in page and "Jaarprogramma 2022: succescriterium 1" in page
    assert "Actie van 2021" not in page and "3.1 Context" not in page and "bijdrage" not in page


def test_a_round_on_a_year_without_a_programme_is_refused(client_for, world, programmes):
    _url, response = open_by_form(client_for("writer"), world, "?jaar=2030")
    assert response.status_code == 200 and "geen jaarprogramma 2030" in response.content.decode()
    assert not FeedbackRound.objects.exists()


def test_remarks_on_a_contribution_a_criterion_and_an_action(client_for, world, programmes):
    contribution, criterion, action = programmes
    _url, _response = open_by_form(client_for("writer"), world)
    round = FeedbackRound.objects.get()
    keys = {item.obj: item.key for item in items.items_of(round)}
    advisor = client_for("advisor")
    remark_url = reverse("feedback:remark_create", args=[round.pk])
    for obj, text, quote in [(contribution, "Ook de POI's leveren cijfers.", "landelijke leesmonitor"),
                             (criterion, "Vijftig is te weinig.", ""),
                             (action, "Welke provincies eerst?", "leescoalities in elke provincie")]:
        response = advisor.post(remark_url, {"item": keys[obj], "text": text, "quote": quote})
        assert response.status_code == 302, response.content.decode()[:2000]
    # A passage that is not in the chosen item's text is refused.
    refused = advisor.post(remark_url, {"item": keys[criterion], "text": "x", "quote": "leescoalities"})
    assert refused.status_code == 400

    remarks = {remark.item: remark for remark in round.remarks.all()}
    assert set(remarks) == {contribution, criterion, action}
    assert remarks[action].quote == "leescoalities in elke provincie"
    assert remarks[contribution].item_label == f"Onderdeel A – bijdrage {world.kb}"

    page = client_for("writer").get(round.get_absolute_url()).content.decode()
    for text in ("Ook de POI&#x27;s leveren cijfers.", "Vijftig is te weinig.", "Welke provincies eerst?"):
        assert text in page
    # The reactienota groups them per item, in the draft's reading order.
    labels = [label for label, _remarks in reactienota.grouped(round)]
    assert labels == [remarks[contribution].item_label, "Jaarprogramma 2022: succescriterium 1",
                      "Jaarprogramma 2022: actie 2"]
    nota = client_for("writer").get(reverse("feedback:reactienota", args=[round.pk])).content.decode()
    assert "Jaarprogramma 2022: actie 2" in nota and "Welke provincies eerst?" in nota
