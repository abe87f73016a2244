"""The audit log under the AVG: a retention term, and anonymising keeps the event, not the name.

Both plug into netwerkagenda.privacy (registered in AuditConfig.ready), so the nightly purge
and an erasure reach this table like every other log."""

import re
from datetime import timedelta

from django.conf import settings
from django.db.models import Q

from governance.models import ERASED_NAME

from .models import AuditEntry, Kind


def purge_expired(now) -> int:
    """Entries older than AUDIT_LOG_RETENTION_DAYS (the term the administration's log has)."""
    cutoff = now - timedelta(days=settings.AUDIT_LOG_RETENTION_DAYS)
    return AuditEntry.objects.filter(at__lt=cutoff).delete()[0]


def scrub_person(person, user_id, identity) -> dict:
    """What they did and what was done to them stays in the log, under ERASED_NAME. Their own
    addresses and browsers go, as their sign-in logs do: those are about nobody else."""
    entries = AuditEntry.objects.all()
    changed = set()
    own = Q(actor_id=user_id) if user_id is not None else Q(pk__in=[])
    # Failed sign-ins as them: by the name tried (a generic scrub may have emptied `target` already).
    logins = identity.usernames | identity.emails
    tried = Q(kind=Kind.SIGNIN_FAILED) & (_any(("target__iexact", value) for value in logins)
                                          | _any(("description__icontains", f"‘{value}’") for value in logins))
    changed.update(entries.filter(own | tried).values_list("pk", flat=True))
    entries.filter(own).update(actor_name=ERASED_NAME, ip_address=None, user_agent="")
    entries.filter(tried).update(target=ERASED_NAME, ip_address=None, user_agent="")

    replacements = _replacements(identity)
    if replacements:
        mentions = _any((f"{column}__icontains", text) for text, _ in replacements
                        for column in ("description", "target"))
        for pk, description, target in entries.filter(mentions).values_list("pk", "description", "target"):
            entries.filter(pk=pk).update(description=_replace(description, replacements),
                                         target=_replace(target, replacements))
            changed.add(pk)
    return {AuditEntry: len(changed)}


def _any(lookups):
    condition = Q(pk__in=[])
    for lookup, value in lookups:
        condition |= Q(**{lookup: value})
    return condition


def _replacements(identity):
    """(text, replacement), longest first: 'Name (username)' as audit.log.name_of wrote it,
    then names and addresses anywhere, and a username where the log quotes or brackets it
    (a short username is too likely to occur in other words)."""
    pairs = [(f"{name} ({username})", ERASED_NAME) for name in identity.names for username in identity.usernames]
    pairs += [(value, ERASED_NAME) for value in identity.values]
    pairs += [(f"({username})", "") for username in identity.usernames]
    pairs += [(f"‘{username}’", f"‘{ERASED_NAME}’") for username in identity.usernames]
    return sorted(pairs, key=lambda pair: len(pair[0]), reverse=True)


def _replace(text, replacements):
    for value, replacement in replacements:
        text = re.sub(re.escape(value), replacement, text, flags=re.IGNORECASE)
    return " ".join(text.split()) if text else text
