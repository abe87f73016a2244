"""The retention task removes sign-in logs, the admin log, the audit log and sessions past their
term, and nothing else."""

from datetime import timedelta

import pytest
from axes.models import AccessAttempt, AccessFailureLog, AccessLog
from django.contrib.admin.models import ADDITION, LogEntry
from django.contrib.contenttypes.models import ContentType
from django.core.management import call_command
from django.utils import timezone

from audit.models import AuditEntry, Kind
from governance.models import Organisation, UserSession
from netwerkagenda.privacy.retention import purge_expired_logs
from netwerkagenda.tasks import purge_expired_logs as purge_task

pytestmark = pytest.mark.django_db

NOW = timezone.now()
COMMON = {"user_agent": "Firefox", "ip_address": "192.0.2.1", "http_accept": "*/*", "path_info": "/"}


def aged(model, days, time_field="attempt_time", **values):
    row = model.objects.create(**values)
    model.objects.filter(pk=row.pk).update(**{time_field: NOW - timedelta(days=days)})
    return row.pk


@pytest.fixture
def logs(settings, world):
    settings.SIGNIN_LOG_RETENTION_DAYS = 90
    settings.AUDIT_LOG_RETENTION_DAYS = 730
    content_type = ContentType.objects.get_for_model(Organisation)
    entry = {"user": world["admin"], "content_type": content_type, "object_id": "1", "object_repr": "KB",
             "action_flag": ADDITION}
    ids = {
        "old access": aged(AccessLog, 91, username="oud", **COMMON),
        "new access": aged(AccessLog, 89, username="nieuw", **COMMON),
        "old failure": aged(AccessFailureLog, 120, username="oud", **COMMON),
        "new failure": aged(AccessFailureLog, 1, username="nieuw", **COMMON),
        "old attempt": aged(AccessAttempt, 100, username="oud", get_data="", post_data="", failures_since_start=1,
                            **COMMON),
        "new attempt": aged(AccessAttempt, 0, username="nieuw", get_data="", post_data="", failures_since_start=1,
                            **COMMON),
        "old entry": aged(LogEntry, 731, "action_time", **entry),
        "new entry": aged(LogEntry, 729, "action_time", **entry),
        "old audit": aged(AuditEntry, 731, "at", kind=Kind.SIGNED_IN, description="oud"),
        "new audit": aged(AuditEntry, 729, "at", kind=Kind.SIGNED_IN, description="nieuw"),
    }
    AuditEntry.objects.exclude(pk__in=[ids["old audit"], ids["new audit"]]).delete()  # the world's own
    UserSession.objects.create(session_key="verlopen", session_data="", expire_date=NOW - timedelta(minutes=1))
    UserSession.objects.create(session_key="geldig", session_data="", expire_date=NOW + timedelta(hours=1))
    return ids


def remaining():
    return {
        "access": set(AccessLog.objects.values_list("username", flat=True)),
        "failure": set(AccessFailureLog.objects.values_list("username", flat=True)),
        "attempt": set(AccessAttempt.objects.values_list("username", flat=True)),
        "entry": LogEntry.objects.count(),
        "sessions": set(UserSession.objects.values_list("session_key", flat=True)),
        "audit": set(AuditEntry.objects.values_list("description", flat=True)),
    }


def test_only_what_is_past_its_term_is_removed(logs):
    removed = purge_expired_logs(now=NOW)

    assert remaining() == {"access": {"nieuw"}, "failure": {"nieuw"}, "attempt": {"nieuw"}, "entry": 1,
                           "sessions": {"geldig"}, "audit": {"nieuw"}}
    assert LogEntry.objects.get().pk == logs["new entry"]
    assert removed == {"aanmeldingen": 1, "mislukte aanmeldingen": 1, "aanmeldpogingen": 1, "beheerlog": 1,
                       "verlopen sessies": 1, "auditlog": 1}


def test_the_terms_come_from_the_settings(logs, settings):
    settings.SIGNIN_LOG_RETENTION_DAYS = 30
    settings.AUDIT_LOG_RETENTION_DAYS = 3000

    purge_expired_logs(now=NOW)

    assert remaining()["access"] == set()  # 89 days is past 30
    assert remaining()["failure"] == {"nieuw"}
    assert remaining()["entry"] == 2


def test_the_scheduled_task_and_the_command_do_the_same(logs, capsys):
    purge_task.delay()
    assert remaining()["access"] == {"nieuw"}

    call_command("purge_expired_logs")
    assert "aanmeldingen: 0 verwijderd" in capsys.readouterr().out


def test_a_term_shorter_than_login_throttling_looks_back_is_refused(monkeypatch):
    import importlib

    from django.core.exceptions import ImproperlyConfigured

    import netwerkagenda.settings as module

    monkeypatch.setenv("SIGNIN_LOG_RETENTION_DAYS", "7")
    with pytest.raises(ImproperlyConfigured, match="minstens 30"):
        importlib.reload(module)
    monkeypatch.delenv("SIGNIN_LOG_RETENTION_DAYS")
    importlib.reload(module)
