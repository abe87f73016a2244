"""Anonymising a person keeps the events they took part in, not their name, address or
browser; entries past the retention term go with the nightly purge; backups hold the log."""

from datetime import timedelta

import pytest
from django.test import Client
from django.urls import reverse
from django.utils import timezone

from audit.log import name_of, record
from audit.models import AuditEntry, Kind
from governance import services
from governance.models import ERASED_NAME, Role
from netwerkagenda.privacy.erasure import erase_person
from netwerkagenda.privacy.retention import purge_expired_logs
from tests.privacy.conftest import EMAIL, NEEDLES, USERNAME, tables_mentioning

pytestmark = pytest.mark.django_db


def test_anonymising_keeps_the_events_but_not_the_name_address_or_browser(participant, world):
    Client().post(reverse("login"), {"username": USERNAME, "password": "correct horse battery"},
                  REMOTE_ADDR="198.51.100.3", HTTP_USER_AGENT="Firefox/140.0")
    Client().post(reverse("login"), {"username": EMAIL, "password": "fout"}, REMOTE_ADDR="198.51.100.3")
    services.change_membership(membership=participant.person.memberships.get(), role=Role.READER)
    own = set(AuditEntry.objects.filter(actor=participant.user).values_list("pk", flat=True))
    before = AuditEntry.objects.count()
    assert own and "audit_auditentry" in tables_mentioning(NEEDLES)

    report = erase_person(person=participant.person, by=world["admin"])

    assert "audit_auditentry" not in tables_mentioning(NEEDLES + ["198.51.100.3", "Firefox/140.0"])
    assert AuditEntry.objects.count() > before  # the erasure's own changes were logged too
    signed_in = AuditEntry.objects.get(kind=Kind.SIGNED_IN, actor=participant.user)
    assert signed_in.actor_name == ERASED_NAME and signed_in.ip_address is None and signed_in.user_agent == ""
    failed = AuditEntry.objects.get(kind=Kind.SIGNIN_FAILED)
    assert failed.target == ERASED_NAME and failed.ip_address is None
    membership = AuditEntry.objects.filter(kind=Kind.MEMBERSHIP, description__contains="rol Schrijver → Meelezer")
    assert membership.get().description.startswith(ERASED_NAME)
    assert report.rows_scrubbed["audit_auditentry"] >= len(own)


def test_anonymising_someone_else_leaves_an_administrators_entries_alone(participant, world):
    done = record(Kind.EXPORT, "Bestand gedownload: deelnemers.csv", actor=world["admin"])

    erase_person(person=participant.person, by=world["admin"])

    done.refresh_from_db()
    assert done.actor_name == name_of(world["admin"]) and done.description == "Bestand gedownload: deelnemers.csv"


def test_entries_past_the_retention_term_are_purged_at_night(world, settings):
    settings.AUDIT_LOG_RETENTION_DAYS = 365
    old = record(Kind.SIGNED_IN, "Aangemeld", actor=world["writer"])
    AuditEntry.objects.filter(pk=old.pk).update(at=timezone.now() - timedelta(days=366))
    kept = record(Kind.SIGNED_IN, "Aangemeld", actor=world["writer"])
    AuditEntry.objects.filter(pk=kept.pk).update(at=timezone.now() - timedelta(days=364))

    removed = purge_expired_logs()

    assert removed["auditlog"] >= 1
    assert not AuditEntry.objects.filter(pk=old.pk).exists() and AuditEntry.objects.filter(pk=kept.pk).exists()
