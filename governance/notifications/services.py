"""notify(), preferences, read state, unsubscribe tokens and the e-mails: the only write path."""

import logging
from datetime import timedelta
from functools import partial

from django.conf import settings
from django.core import signing
from django.core.mail import EmailMultiAlternatives
from django.db import IntegrityError, transaction
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _

from governance import jobs
from governance.notifications import kinds
from governance.notifications.models import Delivery, Notification, NotificationPreference

logger = logging.getLogger(__name__)

UNSUBSCRIBE_SALT = "governance.notifications.unsubscribe"


def absolute(url):
    return settings.SITE_URL.rstrip("/") + url if url.startswith("/") else url


def preference(user, kind) -> str:
    chosen = NotificationPreference.objects.filter(user=user, kind=kind).values_list("delivery", flat=True).first()
    return chosen or kinds.get(kind).default


def preferences(user) -> list:
    """[(Kind, delivery)] for every registered kind, the person's choice or the default."""
    chosen = dict(NotificationPreference.objects.filter(user=user).values_list("kind", "delivery"))
    return [(kind, chosen.get(kind.key, kind.default)) for kind in kinds.all_kinds()]


@transaction.atomic
def set_preference(*, user, kind, delivery):
    kinds.get(kind)
    if delivery not in Delivery.values:
        raise ValueError(delivery)
    NotificationPreference.objects.update_or_create(user=user, kind=kind, defaults={"delivery": delivery})


def notify(user, kind, *, subject, text="", url="", key=""):
    """Tell `user` about an event of `kind`, as they chose: at once, in the daily digest, or not.

    `key` names the event, so it is told once however often a job looks at it. Returns the
    Notification, or None when the person chose not to hear of this kind (or heard already)."""
    kinds.get(kind)
    if user is None or not user.is_active:
        return None
    delivery = preference(user, kind)
    if delivery == Delivery.NEVER:
        return None
    if key and Notification.objects.filter(user=user, kind=kind, key=key).exists():
        return None
    try:
        with transaction.atomic():
            notification = Notification.objects.create(
                user=user, kind=kind, subject=subject[:200], text=text, url=url, key=key[:200], delivery=delivery,
            )
    except IntegrityError:  # the same event, told by a job running at the same time
        return None
    if delivery == Delivery.IMMEDIATE and user.email:
        transaction.on_commit(partial(_enqueue, notification.pk))
    return notification


def notify_many(users, kind, **message):
    return [n for n in (notify(user, kind, **message) for user in users) if n is not None]


def _enqueue(notification_id):
    # With the broker down the notification waits; governance.jobs.recover sends it later.
    jobs.post(Notification, notification_id)


def owed_emails(now):
    """Notifications to be e-mailed at once that were not, for a day at most (the outbox of
    governance.jobs: sent again when the broker was down or the message got lost)."""
    return (Notification.objects.filter(delivery=Delivery.IMMEDIATE, emailed_at__isnull=True,
                                        created_at__gte=now - timedelta(days=1))
            .exclude(user__email="").filter(user__is_active=True))


def unread(user):
    return Notification.objects.filter(user=user, read_at__isnull=True)


def unread_count(user):
    """For the header of every page: one indexed count. (Not cached: every page then costs the
    same number of queries, whatever was asked before.)"""
    return unread(user).count()


def mark_read(*, user, notification_id=None):
    """Mark one of the user's notifications read, or all of them."""
    notifications = unread(user)
    if notification_id is not None:
        notifications = notifications.filter(pk=notification_id)
    return notifications.update(read_at=timezone.now())


def unsubscribe_token(user, kind):
    return signing.dumps({"u": user.pk, "k": kind}, salt=UNSUBSCRIBE_SALT, compress=True)


def read_unsubscribe_token(token):
    """(user id, kind) or None: a link in an e-mail works without signing in, for its own person and kind."""
    try:
        data = signing.loads(token, salt=UNSUBSCRIBE_SALT)
        kinds.get(data["k"])
        return data["u"], data["k"]
    except (signing.BadSignature, KeyError, TypeError, LookupError):
        return None


def _unsubscribe_url(user, kind):
    return absolute(reverse("governance:notification_unsubscribe", args=[unsubscribe_token(user, kind)]))


def _link(notification):
    kind = kinds.get(notification.kind)
    if kind.link is not None:
        return kind.link(notification)
    return absolute(notification.url) if notification.url else ""


def _send(user, subject, notifications):
    items = [{"notification": n, "link": _link(n)} for n in notifications]
    unsubscribe = [{"kind": kinds.get(kind), "url": _unsubscribe_url(user, kind)}
                   for kind in dict.fromkeys(n.kind for n in notifications)]
    context = {
        "user": user, "subject": subject, "items": items, "unsubscribe": unsubscribe,
        "digest": len(notifications) > 1 or notifications[0].delivery == Delivery.DIGEST,
        "preferences_url": absolute(reverse("governance:notification_preferences")),
        "list_url": absolute(reverse("governance:notification_list")),
    }
    message = EmailMultiAlternatives(
        subject=subject,
        body=render_to_string("governance/notifications/email.txt", context),
        to=[user.email],
        headers={"List-Unsubscribe": f"<{unsubscribe[0]['url']}>"} if len(unsubscribe) == 1 else None,
    )
    message.attach_alternative(render_to_string("governance/notifications/email.html", context), "text/html")
    message.send()


def send_notification_email(notification_id):
    """E-mail one notification chosen 'at once' (the Celery task's work); never twice."""
    with transaction.atomic():
        notification = (Notification.objects.select_for_update(of=("self",)).select_related("user")
                        .filter(pk=notification_id, emailed_at__isnull=True).first())
        if notification is None or not notification.user.email or not notification.user.is_active:
            return False
        _send(notification.user, notification.subject, [notification])
        notification.emailed_at = timezone.now()
        notification.save(update_fields=["emailed_at"])
    return True


def send_daily_digests(*, now=None):
    """One e-mail per person with everything they chose to hear of daily and were not sent yet."""
    now = now or timezone.now()
    pending = (Notification.objects.filter(delivery=Delivery.DIGEST, emailed_at__isnull=True, created_at__lte=now)
               .exclude(user__email="").filter(user__is_active=True))
    sent = 0
    for user_id in pending.values_list("user_id", flat=True).distinct().order_by():
        with transaction.atomic():
            notifications = list(pending.filter(user_id=user_id).select_for_update(of=("self",)).select_related("user")
                                 .order_by("created_at", "pk"))
            if not notifications:
                continue
            user = notifications[0].user
            subject = _("Netwerkagenda: %(count)d meldingen van de afgelopen dag") % {"count": len(notifications)} \
                if len(notifications) > 1 else notifications[0].subject
            _send(user, subject, notifications)
            Notification.objects.filter(pk__in=[n.pk for n in notifications]).update(emailed_at=now)
            sent += 1
    return sent
