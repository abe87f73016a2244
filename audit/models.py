"""The audit log: who did what that matters for trust in the portal, when and from where.

Append-only: an entry is written once (audit.log.record) and never changed through the ORM's
save() or delete(). Two rules alter stored entries, each with a queryset statement of its own:
the retention term (audit.privacy.purge_expired) removes old entries, and anonymising a person
(audit.privacy.scrub_person) replaces their name and address but keeps the event."""

from django.conf import settings
from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _


class Kind(models.TextChoices):
    SIGNED_IN = "aangemeld", _("Aangemeld")
    SIGNIN_FAILED = "aanmelding_mislukt", _("Aanmelding mislukt")
    SIGNED_OUT = "afgemeld", _("Afgemeld")
    MEMBERSHIP = "lidmaatschap", _("Lidmaatschap")
    RIGHTS = "rechten", _("Rechten en rollen")
    IMPORT = "import", _("Import")
    EXPORT = "export", _("Export en download")
    DECISION = "besluit", _("Besluit in de route")
    ESTABLISHED = "vastgesteld", _("Vastgesteld")


class AppendOnlyError(RuntimeError):
    pass


class AuditEntry(models.Model):
    at = models.DateTimeField(_("tijdstip"), default=timezone.now, db_index=True)
    kind = models.CharField(_("soort"), max_length=32, choices=Kind.choices, db_index=True)
    # The account keeps the link when it is renamed; `actor_name` says who it was at the time.
    actor = models.ForeignKey(settings.AUTH_USER_MODEL, verbose_name=_("account"), null=True, blank=True,
                              on_delete=models.SET_NULL, related_name="+")
    actor_name = models.CharField(_("door"), max_length=300, blank=True)
    target = models.CharField(_("betreft"), max_length=300, blank=True)
    description = models.TextField(_("omschrijving"))
    details = models.JSONField(_("details"), default=dict, blank=True)
    ip_address = models.GenericIPAddressField(_("IP-adres"), null=True, blank=True)
    user_agent = models.CharField(_("browser"), max_length=300, blank=True)

    class Meta:
        verbose_name = _("auditlogregel")
        verbose_name_plural = _("auditlog")
        ordering = ["-at", "-pk"]
        indexes = [models.Index(fields=["kind", "-at"])]

    def __str__(self):
        return f"{self.get_kind_display()}: {self.description}"

    def save(self, *args, **kwargs):
        if not self._state.adding:
            raise AppendOnlyError("Een regel van het auditlog wordt niet gewijzigd.")
        super().save(*args, **kwargs)

    def delete(self, *args, **kwargs):
        raise AppendOnlyError("Een regel van het auditlog wordt niet verwijderd; de bewaartermijn ruimt op.")
