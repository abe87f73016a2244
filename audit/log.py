"""Write one entry of the audit log: the only way entries are made."""

from .context import address_of, current_request, user_agent_of, user_of
from .models import AuditEntry

# `record(actor=REQUEST)`: whoever is signed in on the request being served (if any).
REQUEST = object()


def name_of(user) -> str:
    if user is None:
        return ""
    full = user.get_full_name()
    return f"{full} ({user.username})" if full and full != user.username else user.username


def entry(kind, description, *, actor=REQUEST, target="", details=None, request=None) -> AuditEntry:
    """An unsaved entry: `kind` with a Dutch `description`. `actor`: the account that did it
    (None: the portal itself, a command or the worker); by default the request's. `request`:
    the one the event belongs to, else the one being served; it gives the address and browser."""
    request = request if request is not None else current_request()
    if actor is REQUEST:
        actor = user_of(request)
    return AuditEntry(
        kind=kind, description=description[:2000], actor=actor, actor_name=name_of(actor)[:300],
        target=str(target)[:300], details=details or {}, ip_address=address_of(request),
        user_agent=user_agent_of(request),
    )


def record(kind, description, **kwargs) -> AuditEntry:
    """Log one event (see `entry`)."""
    made = entry(kind, description, **kwargs)
    made.save()
    return made


def record_many(entries) -> list:
    """Log many events in one statement (an import that re-derives thousands of accounts)."""
    return AuditEntry.objects.bulk_create(entries)
