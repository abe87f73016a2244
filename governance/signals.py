"""Keep derived grants and sessions in step with the data they follow from."""

from django.contrib.auth import get_user_model
from django.contrib.auth.signals import user_logged_out
from django.db.models.signals import m2m_changed, post_delete, post_save, pre_save
from django.dispatch import receiver

from governance import permissions
from governance.models import Body, BodyKind, Membership, Person, UserSession
from jaarprogramma.models import ActionCarrier
from opgaven.models import Chapter

User = get_user_model()


@receiver(user_logged_out)
def end_all_sessions_on_logout(sender, request, user, **kwargs):
    if user is not None:
        UserSession.end_sessions_of(user)


@receiver(post_save, sender=User)
def end_sessions_of_deactivated_user(sender, instance, **kwargs):
    if not instance.is_active:
        UserSession.end_sessions_of(instance)


@receiver([post_save, post_delete], sender=Membership)
def membership_changed(sender, instance, raw=False, **kwargs):
    if raw:  # loaddata: run `manage.py sync_permissions` afterwards
        return
    permissions.sync_users(permissions.users_of_people([instance.person_id]))


@receiver(pre_save, sender=Person)
def remember_previous_account(sender, instance, raw=False, **kwargs):
    if raw:
        return
    instance._previous_user_id = (
        Person.objects.filter(pk=instance.pk).values_list("user_id", flat=True).first() if instance.pk else None
    )


@receiver([post_save, post_delete], sender=Person)
def person_saved(sender, instance, raw=False, **kwargs):
    if raw:
        return
    user_ids = {instance.user_id, getattr(instance, "_previous_user_id", None)} - {None}
    if user_ids:
        permissions.sync_users(User.objects.filter(pk__in=user_ids))


@receiver(m2m_changed, sender=Person.organisations.through)
def person_organisations_changed(sender, instance, action, reverse, pk_set, **kwargs):
    if action not in ("post_add", "post_remove", "post_clear", "pre_clear"):
        return
    if not reverse:
        if action != "pre_clear" and instance.user_id:
            permissions.sync_users(User.objects.filter(pk=instance.user_id))
        return
    # organisation.people.add(...): the people are in pk_set (or, when cleared, captured first).
    if action == "pre_clear":
        instance._cleared_people = list(instance.people.values_list("pk", flat=True))
        return
    people = pk_set if action != "post_clear" else getattr(instance, "_cleared_people", [])
    permissions.sync_users(permissions.users_of_people(people or []))


@receiver(m2m_changed, sender=Chapter.koersgroepen.through)
def chapter_koersgroepen_changed(sender, instance, action, reverse, pk_set, **kwargs):
    if action == "pre_clear":
        instance._cleared_related = list(
            instance.koersgroepen.values_list("pk", flat=True) if not reverse else [instance.pk]
        )
        return
    if action not in ("post_add", "post_remove", "post_clear"):
        return
    if action == "post_clear":
        body_ids = getattr(instance, "_cleared_related", [])
    else:
        body_ids = [instance.pk] if reverse else list(pk_set or [])
    permissions.sync_users(permissions.users_of_bodies(body_ids))


@receiver(post_save, sender=Chapter)
def chapter_created(sender, instance, created, raw=False, **kwargs):
    if created and not raw:
        overleg = Body.objects.filter(kind=BodyKind.NETWERKOVERLEG).values_list("pk", flat=True)
        permissions.sync_users(permissions.users_of_bodies(list(overleg)))


@receiver([post_save, post_delete], sender=ActionCarrier)
def carrier_changed(sender, instance, raw=False, **kwargs):
    if raw:
        return
    permissions.sync_users(permissions.users_of_organisations([instance.organisation]))
