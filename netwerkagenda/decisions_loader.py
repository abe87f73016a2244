"""Load fixtures/besluitvorming.yaml: the edition's sign-off route, meetings and decisions."""

import datetime

from django.utils import timezone

from governance.models import Body, Erasure, Meeting, Person, identity_digests, normalise_name
from opgaven.models import Decision, Edition, RouteStep

DECISIONS_FILE = "besluitvorming.yaml"


def published_at(data):
    """When the public could first read the agenda (its presentation), as an aware datetime."""
    day = data.get("published")
    return timezone.make_aware(datetime.datetime.combine(day, datetime.time(12))) if day else None


def _attendee(people, name):
    """The participant a meeting's attendee is (by name, as the participant list spells it);
    someone anonymised at their request (AVG) is left out."""
    person = people.get(normalise_name(name))
    if person is None and identity_digests(name) & Erasure.objects.digests():
        return None
    if person is None:
        raise KeyError(f"{DECISIONS_FILE}: aanwezige {name!r} staat niet in de deelnemerslijst")
    return person


def load_decisions(loader, data):
    edition = Edition.objects.get(slug=data["edition"])
    bodies = {body.slug: body for body in Body.objects.all()}
    for step in data.get("route") or []:
        loader.sync(RouteStep, {"edition": edition, "position": step["position"], "name": step["name"]},
                    kind=step["kind"], body=bodies.get(step.get("body")),
                    organisation=loader.org(step.get("organisation")), publishes=bool(step.get("publishes")))
    people, meetings = None, {}
    for item in data.get("meetings") or []:
        meeting = meetings[item["title"]] = loader.sync(
            Meeting, {"body": bodies[item["body"]], "title": item["title"]}, date=item.get("date"),
            agenda=item.get("agenda") or "", minutes=item.get("minutes") or "", source=item.get("source") or "",
            is_public=bool(item.get("public")))
        names = item.get("attendees") or []
        if names and people is None:
            people = {person.normalised_name: person for person in Person.objects.all()}
        attendees = [_attendee(people, name) for name in names]
        loader.set_m2m(meeting, "attendees", [person for person in attendees if person is not None])
    for item in data.get("decisions") or []:
        loader.sync(Decision, {"edition": edition, "chapter": None, "text": item["text"]}, date=item.get("date"),
                    body=bodies.get(item.get("body")), source=item.get("source") or "",
                    meeting=meetings[item["meeting"]] if item.get("meeting") else None)
