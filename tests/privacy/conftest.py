"""A participant who took part in every way the portal records, to inspect and to anonymise."""

import json
from dataclasses import dataclass

import pytest
from axes.models import AccessAttempt, AccessFailureLog, AccessLog
from django.contrib.admin.models import CHANGE, LogEntry
from django.contrib.contenttypes.models import ContentType
from django.db import connection

from governance.models import Person, Role
from monitoring.models import ProgressUpdate
from tests import factories as f

NAME = "Janneke Zuiderveld-Testmans"
EMAIL = "janneke.zuiderveld@bieb-voorbeeld.nl"
USERNAME = "jzuiderveld"
# What must be gone after the erasure, wherever it was (compared case-insensitively).
NEEDLES = [NAME, "Zuiderveld-Testmans", EMAIL, USERNAME]


@dataclass
class Participant:
    person: Person
    user: object
    comment: object
    update: object
    ambition: object


@pytest.fixture
def participant(world):
    """Janneke: schrijver in koersgroep A for Rijnbrink, on the edition's participant list; she
    commented, edited an ambition, reported progress, signed in (once wrongly); an administrator
    corrected her record and membership in the admin."""
    user = f.UserFactory(username=USERNAME, first_name="Janneke", last_name="Zuiderveld-Testmans", email=EMAIL)
    person = f.PersonFactory(name=NAME, email=EMAIL, user=user, organisations=[world.poi])
    membership = f.MembershipFactory(body=world.koersgroep, person=person, role=Role.WRITER, organisation=world.poi)
    world.edition.participants.add(person)
    person.name = NAME  # a correction with a reason that names her
    person._change_reason = f"Spelling van {NAME} verbeterd"
    person.save()

    comment = world.chapter.comments.create(author=user, text="Mijn commentaar: de ambitie mag scherper.")
    ambition = f.AmbitionFactory(chapter=world.chapter, text="Ambitie zoals eerst geschreven.")
    ambition.text = "Ambitie zoals Janneke haar herschreef."
    ambition._history_user = user
    ambition.save()
    action = f.ActionFactory(jaarprogramma=f.JaarprogrammaFactory(chapter=world.chapter))
    f.ActionCarrierFactory(action=action, organisation=world.poi)
    update = ProgressUpdate.objects.create(action=action, author=user, organisation=world.poi, date="2021-06-01",
                                           text="Voortgang door Janneke: de pilot loopt.")

    # What belongs to her account alone: a notification addressed to her, a personal API key.
    from governance.notifications.models import Notification
    from opendata import tokens

    Notification.objects.create(user=user, kind="test", subject=f"Beste {NAME}", text="Er is een nieuwe versie.")
    tokens.create_token(user=user, name=f"Sleutel van {NAME}")

    common = {"user_agent": "Firefox", "ip_address": "192.0.2.7", "http_accept": "*/*", "path_info": "/account/login/"}
    AccessLog.objects.create(username=USERNAME, **common)
    AccessFailureLog.objects.create(username=EMAIL, **common)
    AccessAttempt.objects.create(username=USERNAME, get_data="", post_data=f"username={USERNAME}",
                                 failures_since_start=1, **common)
    admin = world["admin"]
    # As the admin writes them: her record, her account, and the body whose inline added her.
    for obj, text, message in [
        (person, NAME, {"changed": {"fields": ["Naam"]}}),
        (user, USERNAME, {"changed": {"fields": ["E-mailadres"]}}),
        (world.koersgroep, str(world.koersgroep), {"added": {"name": "lidmaatschap", "object": str(membership)}}),
    ]:
        LogEntry.objects.create(user=admin, content_type=ContentType.objects.get_for_model(obj), object_id=str(obj.pk),
                                object_repr=text, action_flag=CHANGE, change_message=json.dumps([message]))
    return Participant(person=person, user=user, comment=comment, update=update, ambition=ambition)


def tables_mentioning(needles) -> dict:
    """{table: [needle, …]} for every table in which a value contains one of `needles`."""
    found = {}
    lowered = [n.casefold() for n in needles]
    with connection.cursor() as cursor:
        for table in connection.introspection.table_names():
            cursor.execute(f"SELECT * FROM {connection.ops.quote_name(table)}")  # noqa: S608 - our own table names
            text = "\n".join(repr(row) for row in cursor.fetchall()).casefold()
            hits = [needle for needle in lowered if needle in text]
            if hits:
                found[table] = hits
    return found
