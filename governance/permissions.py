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
from dataclasses import dataclass, field

from django.contrib.auth import get_user_model
from django.contrib.auth.models import Group, Permission
from django.contrib.contenttypes.models import ContentType
from django.db import transaction
from django.db.models import Q
from django.dispatch import Signal

NETWERKOVERLEG_GROUP = "Netwerkoverleg"

# Caches that Django and the access modules keep on a user object; stale after a sync.
USER_CACHES = ("_perm_cache", "_user_perm_cache", "_group_perm_cache", "_chapter_grants", "_draft_chapter_ids")

# Sent by a sync (in its transaction) that changed something, with changes=[GrantChange, …], one
# per account whose derived grants or netwerkoverleg group changed. For the apps above (the audit log).
grants_changed = Signal()


@dataclass
class GrantChange:
    """What one sync gave and took from one account: object grants as (content model, codename,
    object id), and whether it joined or left the group Netwerkoverleg."""

    user: object
    added: list = field(default_factory=list)
    removed: list = field(default_factory=list)
    joined_group: bool = False
    left_group: bool = False


@dataclass(frozen=True)
class GrantDeriver:
    """Which object grants of one guardian table the people of some accounts call for.

    `wanted(subjects)` gets a list of `GrantSubject`s and returns one {(codename, object id)}
    per subject, in the same order, in a fixed number of queries however many there are (an
    import re-derives thousands of accounts at once)."""

    permission_model: type  # a guardian UserObjectPermissionBase with a direct foreign key
    codenames: tuple
    wanted: Callable

    @property
    def content_model(self):
        return self.permission_model._meta.get_field("content_object").related_model


@dataclass
class GrantSubject:
    """What an account's grants follow from: its person (None: an account without one), that
    person's memberships (with their body) and organisations."""

    user: object
    person: object = None
    memberships: list = field(default_factory=list)
    organisations: list = field(default_factory=list)


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


def subjects(users) -> list:
    """A GrantSubject per account, in four queries whatever their number."""
    from governance.models import Membership, Person

    users = list(users)
    result = {user.pk: GrantSubject(user=user) for user in users}
    people = {p.pk: p for p in Person.objects.filter(user__in=[u.pk for u in users])}
    for person in people.values():
        result[person.user_id].person = person
    for membership in Membership.objects.filter(person__in=list(people)).select_related("body"):
        result[people[membership.person_id].user_id].memberships.append(membership)
    links = Person.organisations.through.objects.filter(person__in=list(people)).select_related("organisation")
    for link in links:
        result[people[link.person_id].user_id].organisations.append(link.organisation)
    return list(result.values())


def _sync_rows(deriver, subjects, changes):
    """Make the stored rows of one guardian table equal to what the deriver wants; note what
    changed in `changes` ({user id: GrantChange})."""
    model = deriver.permission_model
    permissions = _permissions(deriver)
    by_id = {p.pk: codename for codename, p in permissions.items()}
    wanted = {s.user.pk: set(grants) for s, grants in zip(subjects, deriver.wanted(subjects), strict=True)}
    existing = model.objects.filter(user__in=list(wanted), permission__in=list(permissions.values()))
    stale, have = [], set()
    for pk, user_id, permission_id, object_id in existing.values_list("pk", "user_id", "permission_id",
                                                                      "content_object_id"):
        key = (by_id[permission_id], object_id)
        if key in wanted[user_id]:
            have.add((user_id, *key))
        else:
            stale.append(pk)
            changes[user_id].removed.append((deriver.content_model, *key))
    if stale:
        model.objects.filter(pk__in=stale).delete()
    missing = [model(user_id=user_id, permission=permissions[codename], content_object_id=object_id)
               for user_id, grants in wanted.items() for codename, object_id in grants
               if (user_id, codename, object_id) not in have]
    for row in missing:
        changes[row.user_id].added.append((deriver.content_model, row.permission.codename, row.content_object_id))
    if missing:
        model.objects.bulk_create(missing, ignore_conflicts=True)


def _sync_group(subjects, changes):
    """Members of an establishing body are in the group Netwerkoverleg, nobody else."""
    group = netwerkoverleg_group()
    through = get_user_model().groups.through
    inside = {s.user.pk for s in subjects if any(m.body.establishes for m in s.memberships)}
    present = set(through.objects.filter(group=group, user__in=[s.user.pk for s in subjects])
                  .values_list("user_id", flat=True))
    for pk in present - inside:
        changes[pk].left_group = True
    for pk in inside - present:
        changes[pk].joined_group = True
    if present - inside:
        through.objects.filter(group=group, user__in=present - inside).delete()
    if inside - present:
        through.objects.bulk_create([through(group=group, user_id=pk) for pk in inside - present],
                                    ignore_conflicts=True)


@transaction.atomic
def sync_user(user):
    """Make `user`'s derived grants match their memberships and organisations."""
    _sync_many([user])


def _sync_many(users):
    users = list(users)
    if not users:
        return
    found = subjects(users)
    changes = {s.user.pk: GrantChange(user=s.user) for s in found}
    for deriver in _derivers:
        _sync_rows(deriver, found, changes)
    _sync_group(found, changes)
    # The user objects may carry a permission cache from before the sync.
    for user in users:
        for attr in USER_CACHES:
            user.__dict__.pop(attr, None)
    changed = [c for c in changes.values() if c.added or c.removed or c.joined_group or c.left_group]
    if changed:
        grants_changed.send(sender=get_user_model(), changes=changed)


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
    with transaction.atomic():
        _sync_many(users)


def sync_all():
    """Re-derive every user's grants (management command `sync_permissions`)."""
    users = list(get_user_model().objects.all())
    sync_users(users)
    return len(users)


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
