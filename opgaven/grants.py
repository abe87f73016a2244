"""Chapter grants: what the members of the bodies linked to a chapter may do with it.

The rule is the body's (governance.models: `Body.power`, `Membership.writes`): members of an
establishing body (the netwerkoverleg) establish and comment on every chapter; the schrijvers
of a steering body (a koersgroep) edit the chapters it is linked to and every other member of
a linked body, steering or advisory, comments. `opgaven.access` reads these grants.

OpgavenConfig.ready registers the deriver with governance.permissions and connects the
handlers below, which re-derive the grants when a chapter is created or its bodies change."""

from django.db.models.signals import m2m_changed, post_save

from governance import permissions
from opgaven.access import COMMENT, EDIT, ESTABLISH
from opgaven.models import Chapter, ChapterUserObjectPermission


def wanted_chapter_grants(subjects):
    """{(codename, chapter id)} that each subject's memberships call for (governance.permissions)."""
    establishing = [any(m.body.establishes for m in s.memberships) for s in subjects]
    chapter_ids = list(Chapter.objects.values_list("pk", flat=True)) if any(establishing) else []
    body_ids = {m.body_id for s in subjects for m in s.memberships}
    chapters_of = {}
    if body_ids:
        links = Chapter.koersgroepen.through.objects.filter(body_id__in=body_ids)
        for chapter_id, body_id in links.values_list("chapter_id", "body_id"):
            chapters_of.setdefault(body_id, []).append(chapter_id)
    result = []
    for subject, establishes in zip(subjects, establishing, strict=True):
        grants = set()
        if establishes:
            for chapter_id in chapter_ids:
                grants |= {(ESTABLISH, chapter_id), (COMMENT, chapter_id)}
        for membership in subject.memberships:
            for chapter_id in chapters_of.get(membership.body_id, []):
                grants.add((COMMENT, chapter_id))
                if membership.writes:
                    grants.add((EDIT, chapter_id))
        result.append(grants)
    return result


def chapter_created(sender, instance, created, raw=False, **kwargs):
    if created and not raw:
        permissions.sync_users(permissions.users_of_establishing_bodies())


def chapter_bodies_changed(sender, instance, action, reverse, pk_set, **kwargs):
    """chapter.koersgroepen (or body.chapters) changed: re-derive the grants of those bodies' members."""
    if action == "pre_clear":
        # Cleared rows are gone by post_clear: remember whose grants to re-derive.
        bodies = [instance.pk] if reverse else list(instance.koersgroepen.values_list("pk", flat=True))
        instance._cleared_bodies = bodies
        return
    if action not in ("post_add", "post_remove", "post_clear"):
        return
    if action == "post_clear":
        body_ids = getattr(instance, "_cleared_bodies", [])
    else:
        body_ids = [instance.pk] if reverse else list(pk_set or [])
    permissions.sync_users(permissions.users_of_bodies(body_ids))


def connect():
    permissions.register_grant_deriver(
        permission_model=ChapterUserObjectPermission, codenames=(EDIT, COMMENT, ESTABLISH),
        wanted=wanted_chapter_grants,
    )
    permissions.register_netwerkoverleg_permission("opgaven.export_agenda")
    post_save.connect(chapter_created, sender=Chapter, dispatch_uid="opgaven.grants.chapter_created")
    m2m_changed.connect(chapter_bodies_changed, sender=Chapter.koersgroepen.through,
                        dispatch_uid="opgaven.grants.chapter_bodies_changed")
