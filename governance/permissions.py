"""The one place where stored grants are made to follow memberships and organisations.

Who may do what follows from the data the administrators maintain. The rules live with the
objects they protect; each app registers a *grant deriver* here for its own object
permissions (governance imports none of them):
- opgaven (`opgaven/grants.py`): chapter grants from memberships of the bodies linked to a
  chapter, by what the body's kind allows (`Body.power`, `Membership.writes`);
- jaarprogramma (`jaarprogramma/grants.py`): progress grants for the staff of the
  organisations that carry an action.
Members of an establishing body (the netwerkoverleg) join the group "Netwerkoverleg"; the
apps that own a global permission put it on that group (`register_netwerkoverleg_permission`).

The object grants for the registered codenames are owned by this module: `sync_user` makes
the stored guardian rows equal to what the derivers want, so a removed membership never
leaves a grant behind. Ad-hoc grants belong on groups (e.g. ChapterGroupObjectPermission).
Memberships, organisations and accounts change through `governance.services`, which calls
`sync_users` in the same transaction.
"""

from collections.abc import Callable
from contextlib import contextmanager
from contextvars import ContextVar
from dataclasses import dataclass

from django.contrib.auth import get_user_model
from django.contrib.auth.models import Group, Permission
from django.contrib.contenttypes.models import ContentType
from django.db import transaction
from django.db.models import Q

NETWERKOVERLEG_GROUP = "Netwerkoverleg"

# Caches that Django and the access modules keep on a user object; stale after a sync.
USER_CACHES = ("_perm_cache", "_user_perm_cache", "_group_perm_cache", "_chapter_grants", "_draft_chapter_ids")


@dataclass(frozen=True)
class GrantDeriver:
    """Which object grants of one guardian table a person's memberships and organisations call for.

    `wanted(person, memberships)` returns {(codename, object id)}; `person` may be None (an
    account without a person), `memberships` come with their body."""

    permission_model: type  # a guardian UserObjectPermissionBase with a direct foreign key
    codenames: tuple
    wanted: Callable

    @property
    def content_model(self):
        return self.permission_model._meta.get_field("content_object").related_model


_derivers: list = []
_netwerkoverleg_permissions: set = set()


def register_grant_deriver(*, permission_model, codenames, wanted):
    deriver = GrantDeriver(permission_model, tuple(codenames), wanted)
    if deriver not in _derivers:
        _derivers.append(deriver)
    return deriver


def grant_derivers():
    return list(_derivers)


def register_netwerkoverleg_permission(permission: str):
    """A global permission ("app_label.codename") that members of the netwerkoverleg hold."""
    _netwerkoverleg_permissions.add(permission)


def netwerkoverleg_permissions():
    return set(_netwerkoverleg_permissions)


def netwerkoverleg_group():
    group, _ = Group.objects.get_or_create(name=NETWERKOVERLEG_GROUP)
    # Added every time, so a permission that joins the list later reaches existing databases.
    wanted = Q(pk__in=[])
    for permission in _netwerkoverleg_permissions:
        app_label, codename = permission.split(".", 1)
        wanted |= Q(content_type__app_label=app_label, codename=codename)
    group.permissions.add(*Permission.objects.filter(wanted))
    return group


def _permissions(deriver):
    content_type = ContentType.objects.get_for_model(deriver.content_model)
    return {p.codename: p for p in Permission.objects.filter(content_type=content_type,
                                                             codename__in=deriver.codenames)}


def _sync_rows(model, user, permissions, wanted):
    existing = {
        (row.permission.codename, row.content_object_id): row.pk
        for row in model.objects.filter(user=user, permission__in=permissions.values()).select_related("permission")
    }
    stale = [pk for key, pk in existing.items() if key not in wanted]
    if stale:
        model.objects.filter(pk__in=stale).delete()
    missing = wanted - existing.keys()
    if missing:
        model.objects.bulk_create(
            [model(user=user, permission=permissions[codename], content_object_id=obj_id)
             for codename, obj_id in missing],
            ignore_conflicts=True,
        )


@transaction.atomic
def sync_user(user):
    """Make `user`'s derived grants match their memberships and organisations."""
    from governance.models import Person

    person = Person.objects.filter(user=user).first()
    memberships = list(person.memberships.select_related("body")) if person else []
    for deriver in _derivers:
        _sync_rows(deriver.permission_model, user, _permissions(deriver), set(deriver.wanted(person, memberships)))
    group = netwerkoverleg_group()
    if any(m.body.establishes for m in memberships):
        user.groups.add(group)
    else:
        user.groups.remove(group)
    # The user object may carry a permission cache from before the sync.
    for attr in USER_CACHES:
        user.__dict__.pop(attr, None)


_deferred = ContextVar("deferred_permission_sync", default=None)


@contextmanager
def deferred():
    """Collect the users whose grants need re-deriving; sync each once at the end.

    For bulk work (imports, the loader) that would otherwise re-sync a user per change. Put it
    inside the work's transaction, so the grants are written in that same transaction; when
    the block fails nothing is synced (the transaction rolls back anyway)."""
    if _deferred.get() is not None:
        yield
        return
    pending = set()
    token = _deferred.set(pending)
    try:
        yield
    finally:
        _deferred.reset(token)
    sync_users(get_user_model().objects.filter(pk__in=pending))


def sync_users(users):
    pending = _deferred.get()
    if pending is not None:
        pending.update(user.pk for user in users)
        return
    for user in users:
        sync_user(user)


def sync_all():
    """Re-derive every user's grants (management command `sync_permissions`)."""
    count = 0
    for user in get_user_model().objects.iterator():
        sync_user(user)
        count += 1
    return count


def users_of_people(people):
    return get_user_model().objects.filter(person__in=people)


def users_of_bodies(bodies):
    return get_user_model().objects.filter(person__memberships__body__in=bodies).distinct()


def users_of_establishing_bodies():
    from governance.models import Body

    return users_of_bodies(Body.objects.establishing())


def users_of_organisations(organisations):
    """Staff of these organisations; a collective one stands for all organisations of its type."""
    from governance.models import Organisation

    organisations = list(organisations)
    collective_types = {org.type for org in organisations if org.collective}
    related = Organisation.objects.filter(pk__in=[o.pk for o in organisations])
    if collective_types:
        related = related | Organisation.objects.filter(type__in=collective_types)
    return get_user_model().objects.filter(person__organisations__in=related).distinct()
