"""Remove sign-in and audit logs once their term (settings.py) has passed.

- Sign-in logs: django-axes' access log (successful sign-ins and sign-outs), its failure log
  and its attempt records, with their addresses and browsers: SIGNIN_LOG_RETENTION_DAYS.
- Audit log: the administration's log entries (who changed what in /beheer/):
  AUDIT_LOG_RETENTION_DAYS.
- Sessions that have expired.
- Logs of the apps above this package, which register their own purge here (`register`): the
  audit log (audit.privacy) with AUDIT_LOG_RETENTION_DAYS.
The agenda's version history (django-simple-history) is the agenda's own record and stays.
"""

from datetime import timedelta

from axes.models import AccessAttempt, AccessFailureLog, AccessLog
from django.conf import settings
from django.contrib.admin.models import LogEntry
from django.db import transaction
from django.utils import timezone

from governance.models import UserSession

# {what, in Dutch: purge(now) → number of rows removed}, registered in an AppConfig.ready.
_purges = {}


def register(what: str, purge):
    _purges[what] = purge


@transaction.atomic
def purge_expired_logs(now=None) -> dict:
    """Delete what is past its term; returns {what: number of rows removed}."""
    now = now or timezone.now()
    signin_cutoff = now - timedelta(days=settings.SIGNIN_LOG_RETENTION_DAYS)
    audit_cutoff = now - timedelta(days=settings.AUDIT_LOG_RETENTION_DAYS)
    return {
        "aanmeldingen": AccessLog.objects.filter(attempt_time__lt=signin_cutoff).delete()[0],
        "mislukte aanmeldingen": AccessFailureLog.objects.filter(attempt_time__lt=signin_cutoff).delete()[0],
        "aanmeldpogingen": AccessAttempt.objects.filter(attempt_time__lt=signin_cutoff).delete()[0],
        "beheerlog": LogEntry.objects.filter(action_time__lt=audit_cutoff).delete()[0],
        "verlopen sessies": UserSession.objects.filter(expire_date__lt=now).delete()[0],
        **{what: purge(now) for what, purge in _purges.items()},
    }
