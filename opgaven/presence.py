"""Who is working on a chapter now, and on which block: heartbeats kept in the cache.

The edit page sends a heartbeat every ten seconds (htmx polling), naming the block whose
form is open. A heartbeat older than EXPIRES_AFTER no longer counts: a closed tab simply
stops beating. The cache is the project's (Redis in production); nothing here is lasting.
"""

from datetime import timedelta

from django.core.cache import cache
from django.utils import timezone

EXPIRES_AFTER = timedelta(seconds=30)
POLL_SECONDS = 10


def _key(chapter_pk, user_pk):
    return f"aanwezig:{chapter_pk}:{user_pk}"


def _index_key(chapter_pk):
    return f"aanwezig:{chapter_pk}"


def name_of(user):
    return user.get_full_name() or user.get_username()


def beat(*, chapter, user, item_key="", item_label="", now=None):
    """`user` is on the chapter's edit page, editing the block `item_key` ("ambitie-12") or none."""
    now = now or timezone.now()
    key = _key(chapter.pk, user.pk)
    previous = cache.get(key)
    since = previous["since"] if previous and previous["item"] == item_key else now
    seconds = int(EXPIRES_AFTER.total_seconds())
    cache.set(key, {"user": user.pk, "name": name_of(user), "item": item_key, "label": str(item_label),
                    "since": since, "seen": now}, seconds * 2)
    members = set(cache.get(_index_key(chapter.pk)) or ())
    if user.pk not in members:
        cache.set(_index_key(chapter.pk), members | {user.pk}, seconds * 20)


def present(*, chapter, exclude=None, now=None):
    """Everyone whose heartbeat is recent, but `exclude`, by name: [{"name", "item", "label", "since"}]."""
    now = now or timezone.now()
    members = cache.get(_index_key(chapter.pk)) or set()
    found = cache.get_many([_key(chapter.pk, pk) for pk in members if exclude is None or pk != exclude.pk])
    recent = [entry for entry in found.values() if now - entry["seen"] <= EXPIRES_AFTER]
    return sorted(recent, key=lambda entry: entry["name"])
