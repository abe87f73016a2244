"""An upload between its preview and its confirmation: the parsed rows and the plan."""

from django.conf import settings
from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _


class ParticipantImport(models.Model):
    """The file is read and planned once, at the upload; confirming applies the stored plan
    (governance.imports.stored). Only the administrator who uploaded it sees it; it is deleted
    when confirmed and after a day."""

    token = models.CharField(max_length=32, unique=True, editable=False)
    created_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="+",
                                   verbose_name=_("door"))
    created_at = models.DateTimeField(_("geüpload op"), default=timezone.now)
    filename = models.CharField(_("bestand"), max_length=200)
    # A participant list (governance.participant_lists): governance does not know its model.
    edition_id = models.PositiveIntegerField(null=True, blank=True)
    invite = models.BooleanField(default=False)
    include_anonymised = models.BooleanField(default=False)
    # zlib-compressed JSON (stored.pack): a 10,000-row upload is ~2 MB of JSON, which PostgreSQL
    # would parse into jsonb for nothing (nobody queries inside it), a tenth of the import's time.
    sheet = models.BinaryField(editable=False)
    plan = models.BinaryField(editable=False)
    # What the plan was made against (stored.data_state): when it differs, plan again.
    state = models.CharField(max_length=200, editable=False)

    class Meta:
        verbose_name = _("import van deelnemers")
        verbose_name_plural = _("imports van deelnemers")

    def __str__(self):
        return self.filename
