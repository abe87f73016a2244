"""Feedback rounds: open with invitations, remarks on items and quoted passages, answers linked
to the edit that took them over, no silent overwrite, closing, the reactienota, notifications."""

import datetime
import subprocess
from io import BytesIO

import pytest
from django.core.exceptions import ValidationError
from django.urls import reverse
from django.utils import timezone
from openpyxl import load_workbook

from feedback import items, services
from feedback.models import Resolution
from feedback.notifications import ROUND_CLOSING, ROUND_OPENED
from governance.notifications.models import Notification
from opgaven.notifications import COMMENT_ANSWERED
from opgaven.services import VersionConflict
from tests import factories as f

pytestmark = pytest.mark.django_db


@pytest.fixture
def draft(world):
    section = f.SectionFactory(chapter=world.chapter, number="3.1", title="Context",
                               body="Lezen is de basis. Bibliotheken werken samen met scholen.")
    ambition = f.AmbitionFactory(chapter=world.chapter, text="Iedereen leest mee.")
    return section, ambition


@pytest.fixture
def round(world, draft):
    return services.open_round(user=world["writer"], edition=world.edition, chapter=world.chapter,
                               title="Ronde over onderdeel A", closes_on=timezone.localdate() + datetime.timedelta(7),
                               bodies=[world.reflectiegroep])



def item_key(round, obj):
    return next(item.key for item in items.items_of(round) if item.obj == obj)


def told(kind):
    return sorted(Notification.objects.filter(kind=kind).values_list("user__username", flat=True))


def test_opening_tells_the_invited_bodies_members(world, round):
    assert told(ROUND_OPENED) == ["advisor"]


def test_remarks_on_an_item_and_on_a_quoted_passage(world, round, draft):
    section, ambition = draft
    on_item = services.add_remark(round=round, user=world["advisor"], item_key=item_key(round, ambition),
                                  text="Wie is iedereen?")
    on_passage = services.add_remark(round=round, user=world["advisor"], item_key=item_key(round, section),
                                     text="Ook met kinderopvang.", quote="werken samen   met scholen")
    assert on_item.item == ambition and on_item.quote == ""
    assert on_passage.item == section and on_passage.quote == "werken samen   met scholen"
    with pytest.raises(ValidationError):
        services.add_remark(round=round, user=world["advisor"], item_key=item_key(round, section),
                            text="x", quote="staat er niet in")


def test_an_answer_verwerkt_names_the_edit_and_tells_the_author(world, round, draft):
    _section, ambition = draft
    remark = services.add_remark(round=round, user=world["advisor"], item_key=item_key(round, ambition),
                                 text="Wie is iedereen?")
    with pytest.raises(ValidationError):  # verwerkt without the edit
        services.answer_remark(remark=remark, user=world["writer"], resolution=Resolution.TAKEN_OVER,
                               reply="Aangepast.", version=remark.version)
    ambition.text = "Iedere inwoner leest mee."
    ambition.save()
    edit = ambition.history.latest()
    answered = services.answer_remark(remark=remark, user=world["writer"], resolution=Resolution.TAKEN_OVER,
                                      reply="Aangepast.", version=remark.version, history_id=edit.history_id)
    assert answered.history_id == edit.history_id and answered.version == 2
    assert told(COMMENT_ANSWERED) == ["advisor"]
    assert "verwerkt" in Notification.objects.get(kind=COMMENT_ANSWERED).subject


def test_concurrent_answers_never_overwrite_each_other(world, round, draft, client):
    _section, ambition = draft
    remark = services.add_remark(round=round, user=world["advisor"], item_key=item_key(round, ambition),
                                 text="Wie is iedereen?")
    loaded = remark.version
    services.answer_remark(remark=remark, user=world["writer"], resolution=Resolution.NOT_TAKEN,
                           reply="Eerste antwoord.", version=loaded)
    with pytest.raises(VersionConflict):
        services.answer_remark(remark=remark, user=world["writer"], resolution=Resolution.PARTLY,
                               reply="Tweede antwoord.", version=loaded)
    client.force_login(world["writer"])
    url = reverse("feedback:remark_answer", args=[round.pk, remark.pk])
    response = client.post(url, {"resolution": Resolution.PARTLY, "reply": "Tweede antwoord.", "version": loaded})
    assert response.status_code == 409
    assert "Eerste antwoord." in response.text and "Tweede antwoord." in response.text
    remark.refresh_from_db()
    assert remark.reply == "Eerste antwoord."


def test_who_sees_and_comments(world, round, draft, client):
    url = reverse("feedback:round_detail", args=[round.pk])
    for persona, status in [("ob_staff", 404), ("other_writer", 404), ("advisor", 200), ("writer", 200),
                            ("netwerkoverleg", 200)]:
        client.force_login(world[persona])
        assert client.get(url).status_code == status, persona
    client.force_login(world["ob_staff"])
    response = client.post(reverse("feedback:remark_create", args=[round.pk]),
                           {"item": item_key(round, draft[1]), "text": "Mag ik?"})
    assert response.status_code == 404


def test_the_round_page_shows_per_item_what_is_open_and_answered(world, round, draft, client):
    section, ambition = draft
    services.add_remark(round=round, user=world["advisor"], item_key=item_key(round, ambition), text="Eén.")
    answered = services.add_remark(round=round, user=world["advisor"], item_key=item_key(round, section), text="Twee.")
    services.answer_remark(remark=answered, user=world["writer"], resolution=Resolution.NOT_TAKEN, reply="Nee.",
                           version=1)
    client.force_login(world["writer"])
    page = client.get(reverse("feedback:round_detail", args=[round.pk])).text
    assert "1 open, 1 beantwoord." in page
    assert "0 open, 1 beantwoord" in page and "1 open, 0 beantwoord" in page
    writers_list = client.get(reverse("feedback:open_feedback")).text
    assert "Eén." in writers_list and "Twee." not in writers_list


def test_closing_and_the_reactienota_per_item(world, round, draft, client):
    section, ambition = draft
    remark = services.add_remark(round=round, user=world["advisor"], item_key=item_key(round, section),
                                 text="=SOM(1)", quote="Lezen is de basis.")
    services.answer_remark(remark=remark, user=world["writer"], resolution=Resolution.PARTLY, reply="Deels.",
                           version=1)
    services.add_message(remark=remark, user=world["advisor"], text="Dank.")
    client.force_login(world["writer"])
    client.post(reverse("feedback:round_close", args=[round.pk]))
    round.refresh_from_db()
    assert not round.is_open
    with pytest.raises(ValidationError):
        services.add_remark(round=round, user=world["advisor"], item_key=item_key(round, ambition), text="Te laat.")
    response = client.get(reverse("feedback:reactienota_xlsx", args=[round.pk]))
    sheet = load_workbook(BytesIO(response.content)).active
    rows = [[cell.value for cell in row] for row in sheet.iter_rows(min_row=5)]
    assert rows[0][0] == "Onderdeel A – 3.1 Context"
    assert rows[0][1] == "Lezen is de basis." and rows[0][2] == "'=SOM(1)"  # never a formula
    assert rows[0][5] == "Deels verwerkt" and "Deels." in rows[0][6] and "Dank." in rows[0][6]
    page = client.get(reverse("feedback:reactienota", args=[round.pk])).text
    assert "Deels verwerkt" in page and "3.1 Context" in page


def test_beat_closes_rounds_past_their_date_and_reminds_two_days_before(world, round):
    today = timezone.localdate()
    services.daily(today=round.closes_on - datetime.timedelta(days=3))
    assert told(ROUND_CLOSING) == []
    services.daily(today=round.closes_on - datetime.timedelta(days=2))
    services.daily(today=round.closes_on - datetime.timedelta(days=1))
    assert told(ROUND_CLOSING) == ["advisor"]  # once
    services.daily(today=round.closes_on)
    round.refresh_from_db()
    assert round.is_open  # the closing day itself is still open
    services.daily(today=round.closes_on + datetime.timedelta(days=1))
    round.refresh_from_db()
    assert not round.is_open and today


def test_a_round_for_the_whole_agenda_is_opened_by_the_netwerkoverleg(world, draft):
    with pytest.raises(ValidationError):
        services.open_round(user=world["netwerkoverleg"], edition=world.edition, title="Agenda",
                            closes_on=timezone.localdate())
    from feedback import access

    assert access.can_open_round(world["netwerkoverleg"], world.edition)
    assert not access.can_open_round(world["writer"], world.edition)
    agenda_round = services.open_round(user=world["netwerkoverleg"], edition=world.edition, title="Agenda",
                                       closes_on=timezone.localdate() + datetime.timedelta(1), everyone=True)
    labels = [item.label for item in items.items_of(agenda_round)]
    assert labels[0] == "Motto" and "Onderdeel A – 3.1 Context" in labels
    assert "writer" in told(ROUND_OPENED) and "netwerkoverleg" not in told(ROUND_OPENED)


def test_the_reactienota_pdf_goes_through_the_export_pipeline(world, round, draft, client,
                                                               django_capture_on_commit_callbacks):
    remark = services.add_remark(round=round, user=world["advisor"], item_key=item_key(round, draft[1]),
                                 text="Reactie voor de nota.")
    services.answer_remark(remark=remark, user=world["writer"], resolution=Resolution.NOT_TAKEN,
                           reply="Antwoord in de nota.", version=1)
    client.force_login(world["advisor"])
    url = reverse("feedback:reactienota_pdf", args=[round.pk])
    assert client.get(url).status_code == 404  # not while the round is open
    services.close_round(round=round)
    with django_capture_on_commit_callbacks(execute=True):  # eager in the tests: the worker's task
        waiting = client.get(url)
    assert waiting.status_code == 202 and 'http-equiv="refresh"' in waiting.text
    response = client.get(url)
    assert response.status_code == 200 and response["Content-Type"] == "application/pdf"
    pdf = b"".join(response.streaming_content)
    assert pdf.startswith(b"%PDF")
    text = subprocess.run(["pdftotext", "-", "-"], input=pdf, capture_output=True, check=True).stdout.decode()
    assert "Reactie voor de nota." in text and "Antwoord in de nota." in text and "Niet overgenomen" in text


def test_establishing_asks_how_open_remarks_were_weighed(world, round, draft, signoff_route):
    from opgaven import signoff

    remark = services.add_remark(round=round, user=world["advisor"], item_key=item_key(round, draft[1]),
                                 text="Nog open.")
    assert remark in signoff.open_objections(world.chapter)
    services.answer_remark(remark=remark, user=world["writer"], resolution=Resolution.NOT_TAKEN, reply="Nee.",
                           version=1)
    assert remark not in signoff.open_objections(world.chapter)
