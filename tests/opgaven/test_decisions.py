"""/besluiten/: the public decisions, newest first, each linking to the version it concerns;
taken in a meeting or in writing, and shown as such."""

import datetime
import re

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from governance.models import Meeting
from opgaven import signoff
from opgaven.models import Decision
from tests import factories as f

pytestmark = pytest.mark.django_db


def rows(html):
    """[(row id, row html)] of the decisions table, in the page's order."""
    return re.findall(r'<tr id="besluit-(\d+)">(.*?)</tr>', html, re.S)


def walk_to_established(world, route, *, meeting=None, in_writing=False):
    """Offer, feedback and establish world.chapter; the establishing decision as given."""
    signoff.take_step(subject=world.chapter, step=route["Koersgroep biedt het onderdeel aan"], user=world["writer"],
                      date=datetime.date(2022, 1, 10))
    signoff.take_step(subject=world.chapter, step=route["Feedbackronde afgerond"], user=world["writer"],
                      date=datetime.date(2022, 2, 1))
    return signoff.take_step(subject=world.chapter, step=route["Netwerkoverleg stelt vast"],
                             user=world["netwerkoverleg"], date=datetime.date(2022, 3, 14), meeting=meeting,
                             in_writing=in_writing, text="Het netwerkoverleg stelt het onderdeel vast.")


def test_decisions_are_listed_newest_first_with_unknown_dates_last(client, world, signoff_route):
    for date, text in [(datetime.date(2021, 2, 4), "Eerste concept"), (None, "Datum onbekend besluit"),
                       (datetime.date(2021, 6, 16), "Gepresenteerd")]:
        Decision.objects.create(edition=world.edition, date=date, text=text)
    walk_to_established(world, signoff_route)

    html = client.get(reverse("opgaven:decision_list")).content.decode()
    texts = [re.findall(r"<td>(.*?)</td>", row, re.S)[3].split("<")[0].strip() for _pk, row in rows(html)]
    assert texts == ["Het netwerkoverleg stelt het onderdeel vast.", "Feedbackronde afgerond",
                     "Koersgroep biedt het onderdeel aan", "Gepresenteerd", "Eerste concept",
                     "Datum onbekend besluit"]


def test_each_decision_links_to_the_version_it_adopted_and_what_changed(client, world, signoff_route):
    f.AmbitionFactory(chapter=world.chapter, text="Een nieuwe ambitie voor 2022.")
    decision = walk_to_established(world, signoff_route)
    html = client.get(reverse("opgaven:decision_list")).content.decode()
    row = dict(rows(html))[str(decision.pk)]
    link = re.search(r'<a href="([^"]+)">', row).group(1).replace("&amp;", "&")
    changes = reverse("opgaven:chapter_changes", args=[world.edition.slug, world.chapter.slug])
    assert link == f"{changes}?naar={decision.version_id}#versie-{decision.version_id}"

    page = client.get(link.split("#")[0]).content.decode()
    assert f'id="versie-{decision.version_id}"' in page  # the version, listed with its decisions
    assert "Het netwerkoverleg stelt het onderdeel vast." in page
    # …and what that version changed compared with the one before it
    assert re.search(rf'<option value="{decision.version_id}" selected>', page.split('id="naar"')[1])
    assert "Een nieuwe ambitie voor 2022." in page and "toegevoegd" in page

    whole = Decision.objects.create(edition=world.edition, date=datetime.date(2021, 6, 16), text="Gepresenteerd")
    row = dict(rows(client.get(reverse("opgaven:decision_list")).content.decode()))[str(whole.pk)]
    assert f'href="{reverse("opgaven:edition_detail", args=[world.edition.slug])}"' in row


def test_a_decision_in_a_meeting_and_one_in_writing_are_shown_as_such(client, world, signoff_route):
    meeting = Meeting.objects.create(body=world.netwerkoverleg, date=datetime.date(2022, 3, 14),
                                     title="Netwerkoverleg van 14 maart 2022")
    in_meeting = walk_to_established(world, signoff_route, meeting=meeting)
    in_writing = signoff.take_step(subject=world.chapter, step=signoff_route["Akkoord KB"],
                                   user=type(world["writer"]).objects.get(username="kb_rep"),
                                   date=datetime.date(2022, 3, 20), in_writing=True)
    neither = Decision.objects.create(edition=world.edition, date=datetime.date(2021, 6, 16), text="Gepresenteerd")

    found = dict(rows(client.get(reverse("opgaven:decision_list")).content.decode()))
    assert "in de vergadering Netwerkoverleg van 14 maart 2022" in found[str(in_meeting.pk)]
    assert "schriftelijk" not in found[str(in_meeting.pk)]
    assert "schriftelijk besloten" in found[str(in_writing.pk)]
    assert "in de vergadering" not in found[str(in_writing.pk)]
    assert "vergadering" not in found[str(neither.pk)] and "schriftelijk" not in found[str(neither.pk)]

    # The chapter's wijzigingen page says it too.
    changes = client.get(reverse("opgaven:chapter_changes", args=[world.edition.slug, world.chapter.slug]))
    html = changes.content.decode()
    assert "in de vergadering Netwerkoverleg van 14 maart 2022" in html and "schriftelijk besloten" in html


def test_the_decisions_page_costs_the_same_queries_however_many_decisions(client, world, signoff_route):
    meeting = Meeting.objects.create(body=world.netwerkoverleg, date=datetime.date(2022, 3, 14))
    walk_to_established(world, signoff_route, meeting=meeting)
    url = reverse("opgaven:decision_list")
    client.get(url)
    with CaptureQueriesContext(connection) as few:
        client.get(url)
    for n in range(10):
        other = Meeting.objects.create(body=world.netwerkoverleg, date=datetime.date(2020, 1, 1 + n))
        Decision.objects.create(edition=world.edition, body=world.netwerkoverleg, meeting=other,
                                date=datetime.date(2020, 1, 1 + n), text=f"Besluit {n}")
        Decision.objects.create(edition=world.edition, chapter=world.other_chapter, in_writing=True,
                                date=datetime.date(2020, 2, 1 + n), text=f"Schriftelijk {n}")
    with CaptureQueriesContext(connection) as many:
        html = client.get(url).content.decode()
    assert len(rows(html)) == 23
    assert len(many.captured_queries) == len(few.captured_queries) <= 6
