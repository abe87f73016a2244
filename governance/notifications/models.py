from django.conf import settings
from django.db import models
from django.db.models import Q
from django.utils import timezone
from django.utils.translation import gettext_lazy as _


class Delivery(models.TextChoices):
    IMMEDIATE = "direct", _("Direct per e-mail")
    DIGEST = "dagelijks", _("Eén keer per dag, gebundeld in één e-mail")
    NEVER = "nooit", _("Niet")


class Notification(models.Model):
    """Something the portal told one person: shown in their list, e-mailed as they chose."""

    user = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="notifications")
    kind = models.CharField(_("soort"), max_length=50)
    subject = models.CharField(_("onderwerp"), max_length=200)
    text = models.TextField(_("tekst"), blank=True)
    url = models.CharField(_("link"), max_length=500, blank=True)
    # One event notifies a person once, however often a scheduled job looks at it (reminders).
    key = models.CharField(max_length=200, blank=True)
    delivery = models.CharField(max_length=20, choices=Delivery.choices, default=Delivery.IMMEDIATE)
    created_at = models.DateTimeField(default=timezone.now, db_index=True)
    read_at = models.DateTimeField(null=True, blank=True)
    emailed_at = models.DateTimeField(null=True, blank=True)
    # When the e-mail was handed to the broker (governance.jobs outbox); empty while it was down.
    enqueued_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        ordering = ["-created_at", "-pk"]
        verbose_name = _("melding")
        verbose_name_plural = _("meldingen")
        constraints = [
            models.UniqueConstraint(fields=["user", "kind", "key"], condition=~Q(key=""),
                                    name="notification_once_per_event"),
        ]
        indexes = [models.Index(fields=["user", "read_at"])]

    def __str__(self):
        return f"{self.user} – {self.subject}"


class NotificationPreference(models.Model):
    """A person's choice for one kind; without a row the kind's default applies."""

    user = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.CASCADE,
                             related_name="notification_preferences")
    kind = models.CharField(max_length=50)
    delivery = models.CharField(max_length=20, choices=Delivery.choices)

    class Meta:
        verbose_name = _("meldingsvoorkeur")
        verbose_name_plural = _("meldingsvoorkeuren")
        constraints = [models.UniqueConstraint(fields=["user", "kind"], name="notification_preference_once")]

    def __str__(self):
        return f"{self.user} – {self.kind}: {self.delivery}"
