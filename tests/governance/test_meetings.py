"""A page per meeting: date, agenda, minutes (Markdown), attendees, documents and the decisions
taken in it; public when the meeting is, otherwise for its body's members."""

import datetime

import pytest
from django.core.files.base import ContentFile
from django.urls import reverse

from governance.models import Meeting, MeetingDocument
from netwerkagenda.decisions_loader import load_decisions
from netwerkagenda.loader import Loader
from opgaven import signoff
from tests import factories as f

pytestmark = pytest.mark.django_db


@pytest.fixture
def meeting(world):
    meeting = Meeting.objects.create(
        body=world.netwerkoverleg, date=datetime.date(2022, 3, 14), title="Netwerkoverleg van 14 maart 2022",
        is_public=True, agenda="Opening\nVaststellen onderdeel A\nRondvraag",
        minutes="Het overleg stelt **onderdeel A** vast.\n\n- KB akkoord\n- SPN akkoord\n\n<script>alert(1)</script>",
    )
    meeting.attendees.add(f.PersonFactory(name="Jos Debeij", organisations=[world.kb]),
                          f.PersonFactory(name="Demo Persoon", is_demo=True))
    MeetingDocument.objects.create(meeting=meeting, title="Agenda en stukken",
                                   file=ContentFile(b"%PDF-1.7 stukken", name="stukken-2022-03-14.pdf"))
    return meeting


def test_a_public_meeting_shows_date_agenda_minutes_attendees_and_documents(client, world, meeting):
    response = client.get(meeting.get_absolute_url())
    assert response.status_code == 200
    html = response.content.decode()
    assert '<time datetime="2022-03-14">maandag 14 maart 2022</time>' in html
    assert "<ol><li>Opening</li><li>Vaststellen onderdeel A</li><li>Rondvraag</li></ol>" in html
    assert "<strong>onderdeel A</strong>" in html and "<li>KB akkoord</li>" in html  # rendered Markdown
    assert "<script>alert" not in html  # cleaned like every agenda text
    assert f"Jos Debeij <span class=\"meta\">({world.kb})</span>" in html
    assert "Demo Persoon" not in html  # demo people are never shown on public pages
    document = meeting.documents.get()
    assert f'href="{document.get_absolute_url()}"' in html
    download = client.get(document.get_absolute_url())
    assert download.status_code == 200 and b"".join(download.streaming_content) == b"%PDF-1.7 stukken"
    assert 'filename="stukken-2022-03-14' in download["Content-Disposition"]
    assert meeting.get_absolute_url() in client.get(world.netwerkoverleg.get_absolute_url()).content.decode()


def test_a_meeting_that_is_not_public_is_for_its_bodys_members(client_for, world, meeting):
    Meeting.objects.filter(pk=meeting.pk).update(is_public=False)
    urls = [meeting.get_absolute_url(), meeting.documents.get().get_absolute_url()]
    for url in urls:
        anonymous = client_for("anonymous").get(url)
        assert anonymous.status_code == 302 and "login" in anonymous["Location"]
        for persona in ("kb_staff", "writer", "other_writer"):
            assert client_for(persona).get(url).status_code == 404, persona
        for persona in ("netwerkoverleg", "admin"):
            assert client_for(persona).get(url).status_code == 200, persona
    body_page = world.netwerkoverleg.get_absolute_url()
    assert meeting.get_absolute_url() not in client_for("anonymous").get(body_page).content.decode()
    assert meeting.get_absolute_url() in client_for("netwerkoverleg").get(body_page).content.decode()
    # A meeting of another body, asked for under this body's address, does not exist.
    wrong = reverse("governance:meeting_detail", args=[world.koersgroep.slug, meeting.pk])
    assert client_for("admin").get(wrong).status_code == 404


def test_decisions_link_to_their_meeting_and_the_meeting_lists_its_public_decisions(
        client, world, signoff_route, meeting):
    for name, who in [("Koersgroep biedt het onderdeel aan", world["writer"]),
                      ("Feedbackronde afgerond", world["writer"])]:
        signoff.take_step(subject=world.chapter, step=signoff_route[name], user=who)
    established = signoff.take_step(subject=world.chapter, step=signoff_route["Netwerkoverleg stelt vast"],
                                    user=world["netwerkoverleg"], meeting=meeting,
                                    text="Het netwerkoverleg stelt onderdeel A vast.")
    # Another chapter only offered in the same meeting: its version is not public, nor its decision.
    other_route = {s.name: s for s in signoff_route.values()}
    signoff.take_step(subject=world.other_chapter, step=other_route["Koersgroep biedt het onderdeel aan"],
                      user=world["other_writer"], meeting=meeting, text="Onderdeel B wordt aangeboden.")

    decisions = client.get(reverse("opgaven:decision_list")).content.decode()
    assert f'in de vergadering <a href="{meeting.get_absolute_url()}">{meeting.title}</a>' in decisions

    html = client.get(meeting.get_absolute_url()).content.decode()
    assert "Besluiten in deze vergadering" in html and established.text in html
    changes = reverse("opgaven:chapter_changes", args=[world.edition.slug, world.chapter.slug])
    assert f'href="{changes}?naar={established.version_id}#versie-{established.version_id}"' in html
    assert "Onderdeel B wordt aangeboden." not in html

    Meeting.objects.filter(pk=meeting.pk).update(is_public=False)
    decisions = client.get(reverse("opgaven:decision_list")).content.decode()
    assert f"in de vergadering {meeting.title}" in decisions and meeting.get_absolute_url() not in decisions


def test_the_loader_records_attendees_by_their_names_in_the_participant_list(world):
    f.PersonFactory(name="Jos Debeij", organisations=[world.kb])
    f.PersonFactory(name="Anton Kok", organisations=[world.kb])
    data = {"edition": world.edition.slug, "meetings": [
        {"body": "netwerkoverleg", "title": "Netwerkoverleg", "date": datetime.date(2020, 3, 30), "public": True,
         "attendees": ["Jos Debeij", "anton kok"]}]}
    load_decisions(Loader(), data)
    meeting = Meeting.objects.get(title="Netwerkoverleg")
    assert meeting.is_public and sorted(p.name for p in meeting.attendees.all()) == ["Anton Kok", "Jos Debeij"]
    load_decisions(Loader(), data)  # twice changes nothing
    assert meeting.attendees.count() == 2 and Meeting.objects.count() == 1

    data["meetings"][0]["attendees"].append("Niemand Bekend")
    with pytest.raises(KeyError, match="Niemand Bekend"):
        load_decisions(Loader(), data)
