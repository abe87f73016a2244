"""The one place where grants are derived from memberships and organisations.

Who may do what follows from the data the administrators maintain:
- a *schrijver* in a koersgroep (or other body) edits and comments on the chapters it steers;
- every other member of that body (meelezer, lid, voorzitter …) comments;
- netwerkoverleg members establish every chapter, and through the group
  "Netwerkoverleg" may export the agenda and see every dashboard;
- staff of an organisation that carries an action (directly, or through a collective
  organisation of its type) update that action's progress.

The object grants for these codenames are owned by this module: `sync_user` makes the
stored guardian rows equal to what the memberships say, so a removed membership never
leaves a grant behind. Ad-hoc grants belong on groups (ChapterGroupObjectPermission).
"""

from contextlib import contextmanager
from contextvars import ContextVar

from django.contrib.auth import get_user_model
from django.contrib.auth.models import Group, Permission
from django.db import transaction
from django.db.models import Q

from governance.models import BodyKind, Role

NETWERKOVERLEG_GROUP = "Netwerkoverleg"
# Global permissions that membership of the netwerkoverleg brings.
NETWERKOVERLEG_PERMISSIONS = [("opgaven", "export_agenda"), ("monitoring", "view_dashboard")]

CHAPTER_PERMISSIONS = ("edit_chapter_content", "comment_chapter", "establish_chapter")
ACTION_PERMISSIONS = ("update_progress",)


def _permissions(app_label, codenames):
    return {
        p.codename: p
        for p in Permission.objects.filter(content_type__app_label=app_label, codename__in=codenames)
    }


def netwerkoverleg_group():
    group, _ = Group.objects.get_or_create(name=NETWERKOVERLEG_GROUP)
    # Added every time, so a permission that joins the list later reaches existing databases.
    wanted = Q()
    for app_label, codename in NETWERKOVERLEG_PERMISSIONS:
        wanted |= Q(content_type__app_label=app_label, codename=codename)
    group.permissions.add(*Permission.objects.filter(wanted))
    return group


def wanted_chapter_grants(person, memberships=None):
    """{(codename, chapter_id)} that this person's memberships call for."""
    from opgaven.models import Chapter

    grants = set()
    if memberships is None:
        memberships = list(person.memberships.select_related("body")) if person else []
    if any(m.body.kind == BodyKind.NETWERKOVERLEG for m in memberships):
        for chapter_id in Chapter.objects.values_list("pk", flat=True):
            grants |= {("establish_chapter", chapter_id), ("comment_chapter", chapter_id)}
    # Usually a koersgroep; a reflectiegroep may steer a chapter too (Chapter.koersgroepen).
    steering_roles = {m.body_id: m.role for m in memberships}
    if steering_roles:
        steered = Chapter.koersgroepen.through.objects.filter(body_id__in=steering_roles)
        for chapter_id, body_id in steered.values_list("chapter_id", "body_id"):
            grants.add(("comment_chapter", chapter_id))
            if steering_roles[body_id] == Role.WRITER:
                grants.add(("edit_chapter_content", chapter_id))
    return grants


def wanted_action_grants(person):
    from jaarprogramma.models import Action

    if person is None:
        return set()
    organisations = list(person.organisations.all())
    if not organisations:
        return set()
    return {("update_progress", pk) for pk in Action.objects.carried_by(organisations).values_list("pk", flat=True)}


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
    from jaarprogramma.models import ActionUserObjectPermission
    from opgaven.models import ChapterUserObjectPermission

    from governance.models import Person

    person = Person.objects.filter(user=user).first()
    memberships = list(person.memberships.select_related("body")) if person else []
    _sync_rows(ChapterUserObjectPermission, user, _permissions("opgaven", CHAPTER_PERMISSIONS),
               wanted_chapter_grants(person, memberships))
    _sync_rows(ActionUserObjectPermission, user, _permissions("jaarprogramma", ACTION_PERMISSIONS),
               wanted_action_grants(person))
    in_netwerkoverleg = any(m.body.kind == BodyKind.NETWERKOVERLEG for m in memberships)
    group = netwerkoverleg_group()
    if in_netwerkoverleg:
        user.groups.add(group)
    else:
        user.groups.remove(group)
    # The user object may carry a permission cache from before the sync.
    for attr in ("_perm_cache", "_user_perm_cache", "_group_perm_cache"):
        user.__dict__.pop(attr, None)


_deferred = ContextVar("deferred_permission_sync", default=None)


@contextmanager
def deferred():
    """Collect the users whose grants need re-deriving; sync each once at the end.

    For bulk work (imports, fixtures) that would otherwise re-sync a user per change."""
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
    users = get_user_model().objects.select_related("person")
    count = 0
    for user in users.iterator():
        sync_user(user)
        count += 1
    return count


def users_of_people(people):
    return get_user_model().objects.filter(person__in=people)


def users_of_bodies(body_ids):
    return get_user_model().objects.filter(person__memberships__body_id__in=body_ids).distinct()


def users_of_organisations(organisations):
    """Staff of these organisations; a collective one stands for all organisations of its type."""
    from governance.models import Organisation

    organisations = list(organisations)
    collective_types = {org.type for org in organisations if org.collective}
    related = Organisation.objects.filter(pk__in=[o.pk for o in organisations])
    if collective_types:
        related = related | Organisation.objects.filter(type__in=collective_types)
    return get_user_model().objects.filter(person__organisations__in=related).distinct()
