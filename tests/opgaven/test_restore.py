"""A restore brings back what the item's own form edits, and nothing that is someone else's."""

import datetime

import pytest
from django.contrib.messages import get_messages

from jaarprogramma.models import ActionStatus
from jaarprogramma.services import judge_success_criterion
from monitoring.services import post_progress_update
from opgaven import editables
from tests import factories as f

pytestmark = pytest.mark.django_db


def url(view, item, chapter, **extra):
    return editables.url_for_item(view, item, chapter, **extra)


def restore_first(client, item, chapter):
    first = item.history.order_by("history_date").first()
    return client.post(url("restore", item, chapter, history_id=first.history_id))


@pytest.fixture
def programme(world):
    return f.JaarprogrammaFactory(chapter=world.chapter, year=2021)


def test_restoring_a_success_criterion_keeps_the_netwerkoverlegs_judgement(client_for, world, programme):
    criterion = f.SuccessCriterionFactory(jaarprogramma=programme, text="Tien bibliotheken doen mee.")
    place = criterion.order
    client = client_for("writer")
    assert client.post(url("edit", criterion, world.chapter),
                       {"text": "Twintig bibliotheken doen mee.", "version": 1}).status_code == 302
    judge_success_criterion(criterion=criterion, met=False, note="Niet behaald: acht deden mee.")

    assert restore_first(client, criterion, world.chapter).status_code == 302
    criterion.refresh_from_db()
    assert criterion.text == "Tien bibliotheken doen mee."
    assert criterion.met is False and criterion.met_note == "Niet behaald: acht deden mee."
    assert criterion.order == place and criterion.version == 3


def test_restoring_an_action_keeps_the_status_and_progress_its_carriers_reported(client_for, world, programme):
    action = f.ActionFactory(jaarprogramma=programme, number="1", title="Pilot leesclubs")
    carrier = f.ActionCarrierFactory(action=action, organisation=world.kb)
    client = client_for("writer")
    assert client.post(url("edit", action, world.chapter), {
        "number": "1", "title": "Pilot leesclubs in tien bibliotheken", "version": 1, "carriers": [world.kb.pk],
    }).status_code == 302
    post_progress_update(carrier=carrier, author=None, source="Voortgangsrapportage 2021",
                         date=datetime.date(2021, 6, 1), text="Later gestart.", status=ActionStatus.DELAYED,
                         percentage=30)

    assert restore_first(client, action, world.chapter).status_code == 302
    action.refresh_from_db()
    carrier.refresh_from_db()
    assert action.title == "Pilot leesclubs"
    assert action.status == ActionStatus.DELAYED
    assert (carrier.status, carrier.percentage) == (ActionStatus.DELAYED, 30)
    assert list(action.carriers.values_list("organisation", flat=True)) == [world.kb.pk]


def test_restoring_an_ambition_keeps_its_current_number_and_numbers_stay_unique(client_for, world):
    first = f.AmbitionFactory(chapter=world.chapter, number=1, order=1, text="Iedereen kan lezen.")
    second = f.AmbitionFactory(chapter=world.chapter, number=2, order=2, text="Iedereen doet mee.")
    client = client_for("writer")
    client.post(url("edit", second, world.chapter), {"text": "Iedereen doet volop mee.", "version": 1})
    client.post(url("move", second, world.chapter), {"direction": "up"})  # now ambition 1

    assert restore_first(client, second, world.chapter).status_code == 302
    second.refresh_from_db()
    first.refresh_from_db()
    assert second.text == "Iedereen doet mee."
    assert (second.number, second.order) == (1, 1) and (first.number, first.order) == (2, 2)


def test_an_action_number_another_action_took_meanwhile_is_not_restored(client_for, world, programme):
    action = f.ActionFactory(jaarprogramma=programme, number="1", title="Eerste")
    other = f.ActionFactory(jaarprogramma=programme, number="2", title="Tweede")
    client = client_for("writer")
    client.post(url("edit", action, world.chapter), {"number": "3", "title": "Eerste", "version": 1})
    client.post(url("edit", other, world.chapter), {"number": "1", "title": "Tweede", "version": 1})

    response = restore_first(client, action, world.chapter)
    assert response.status_code == 302
    assert any("niet hersteld" in str(m) for m in get_messages(response.wsgi_request))
    action.refresh_from_db()
    assert action.number == "3" and action.version == 2


def test_a_writer_cannot_give_an_action_a_number_the_programme_already_has(client_for, world, programme):
    f.ActionFactory(jaarprogramma=programme, number="1")
    action = f.ActionFactory(jaarprogramma=programme, number="2")
    response = client_for("writer").post(url("edit", action, world.chapter),
                                         {"number": "1", "title": "Dubbel", "version": 1})
    assert response.status_code == 422
    assert "Actie 1 bestaat al in dit jaarprogramma." in response.content.decode()
