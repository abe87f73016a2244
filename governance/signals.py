"""Keep sessions in step with the accounts they belong to; the signals governance sends.

Grants are not kept here: memberships, organisations and accounts change through
governance.services, which re-derives them in the same transaction (and sends
governance.permissions.grants_changed)."""

from django.contrib.auth import get_user_model
from django.contrib.auth.signals import user_logged_out
from django.db.models.signals import post_save
from django.dispatch import Signal, receiver

from governance.models import UserSession

User = get_user_model()

# Sent after a participant list was saved (in its transaction), with result= (the ImportResult),
# user= (who imported; None for a command or the loader), edition= and filename=.
participants_imported = Signal()


@receiver(user_logged_out)
def end_all_sessions_on_logout(sender, request, user, **kwargs):
    if user is not None:
        UserSession.end_sessions_of(user)


@receiver(post_save, sender=User)
def end_sessions_of_deactivated_user(sender, instance, **kwargs):
    if not instance.is_active:
        UserSession.end_sessions_of(instance)
