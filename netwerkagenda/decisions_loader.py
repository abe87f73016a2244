"""Load fixtures/besluitvorming.yaml: the edition's sign-off route, meetings and decisions."""

import datetime

from django.utils import timezone

from governance.models import Body, Meeting
from opgaven.models import Decision, Edition, RouteStep

DECISIONS_FILE = "besluitvorming.yaml"


def published_at(data):
    """When the public could first read the agenda (its presentation), as an aware datetime."""
    day = data.get("published")
    return timezone.make_aware(datetime.datetime.combine(day, datetime.time(12))) if day else None


def load_decisions(loader, data):
    edition = Edition.objects.get(slug=data["edition"])
    bodies = {body.slug: body for body in Body.objects.all()}
    for step in data.get("route") or []:
        loader.sync(RouteStep, {"edition": edition, "position": step["position"], "name": step["name"]},
                    kind=step["kind"], body=bodies.get(step.get("body")),
                    organisation=loader.org(step.get("organisation")), publishes=bool(step.get("publishes")))
    for item in data.get("meetings") or []:
        loader.sync(Meeting, {"body": bodies[item["body"]], "title": item["title"]}, date=item.get("date"),
                    agenda=item.get("agenda") or "", minutes=item.get("minutes") or "", source=item.get("source") or "")
    for item in data.get("decisions") or []:
        loader.sync(Decision, {"edition": edition, "chapter": None, "text": item["text"]}, date=item.get("date"),
                    body=bodies.get(item.get("body")), source=item.get("source") or "")
