"""Feedback rounds (reactierondes): invited people comment on a draft's items or on a passage of
one; the writers answer each remark, and the reactienota lists them all when the round closes."""

from django.conf import settings
from django.contrib.contenttypes.fields import GenericForeignKey
from django.contrib.contenttypes.models import ContentType
from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _


class FeedbackRound(models.Model):
    """A round on a chapter, on one year's programme of a chapter, or on the whole agenda."""

    edition = models.ForeignKey("opgaven.Edition", on_delete=models.CASCADE, related_name="feedback_rounds")
    chapter = models.ForeignKey("opgaven.Chapter", null=True, blank=True, on_delete=models.CASCADE,
                                related_name="feedback_rounds", verbose_name=_("onderdeel"))
    year = models.PositiveSmallIntegerField(_("jaarprogramma"), null=True, blank=True)
    title = models.CharField(_("titel"), max_length=200)
    closes_on = models.DateField(_("sluit op"))
    invited_bodies = models.ManyToManyField("governance.Body", blank=True, related_name="feedback_rounds",
                                            verbose_name=_("uitgenodigde gremia"))
    everyone = models.BooleanField(_("iedereen met een account"), default=False)
    opened_by = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL, related_name="+")
    opened_at = models.DateTimeField(default=timezone.now)
    closed_at = models.DateTimeField(null=True, blank=True)
    # The decision that followed the round: its reactienota stays with it.
    decision = models.ForeignKey("opgaven.Decision", null=True, blank=True, on_delete=models.SET_NULL,
                                 related_name="feedback_rounds")

    class Meta:
        ordering = ["-opened_at"]
        verbose_name = _("reactieronde")
        verbose_name_plural = _("reactierondes")

    def __str__(self):
        return self.title

    def get_absolute_url(self):
        from django.urls import reverse

        return reverse("feedback:round_detail", args=[self.pk])

    @property
    def is_open(self):
        return self.closed_at is None

    @property
    def scope_label(self):
        if self.chapter_id is None:
            return _("de hele agenda")
        if self.year:
            return _("jaarprogramma %(year)s van %(chapter)s") % {"year": self.year, "chapter": self.chapter.title}
        return self.chapter.title


class Resolution(models.TextChoices):
    OPEN = "", _("Open")
    TAKEN_OVER = "verwerkt", _("Verwerkt")
    PARTLY = "deels", _("Deels verwerkt")
    NOT_TAKEN = "niet", _("Niet overgenomen")


class Remark(models.Model):
    """One reaction on one item (or a passage quoted from its text), and how it was answered."""

    round = models.ForeignKey(FeedbackRound, on_delete=models.CASCADE, related_name="remarks")
    item_type = models.ForeignKey(ContentType, on_delete=models.CASCADE, related_name="+")
    item_id = models.PositiveBigIntegerField()
    item = GenericForeignKey("item_type", "item_id")
    item_label = models.CharField(_("onderdeel"), max_length=300)  # as it was called when commented on
    quote = models.TextField(_("passage"), blank=True)
    text = models.TextField(_("reactie"))
    author = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="remarks")
    created_at = models.DateTimeField(default=timezone.now)
    resolution = models.CharField(_("afhandeling"), max_length=20, choices=Resolution.choices, blank=True,
                                  default=Resolution.OPEN)
    reply = models.TextField(_("antwoord"), blank=True)
    answered_by = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL,
                                    related_name="+")
    answered_at = models.DateTimeField(null=True, blank=True)
    # "Verwerkt": the history record (django-simple-history) of the edit that took it over.
    history_id = models.PositiveBigIntegerField(null=True, blank=True)
    version = models.PositiveIntegerField(default=1)
    # A proposed new text (a tracked change) rather than a remark in words: answered when the
    # writers accept or decline it (feedback.suggestions).
    suggestion = models.ForeignKey("opgaven.Suggestion", null=True, blank=True, on_delete=models.SET_NULL,
                                   related_name="remarks", verbose_name=_("voorstel tot wijziging"))

    class Meta:
        ordering = ["created_at", "pk"]
        verbose_name = _("reactie")
        verbose_name_plural = _("reacties")
        indexes = [models.Index(fields=["item_type", "item_id"])]

    def __str__(self):
        return f"{self.author} over {self.item_label}"

    @property
    def is_open(self):
        return self.resolution == Resolution.OPEN


class RemarkMessage(models.Model):
    """The thread under a remark: questions and answers after the first answer."""

    remark = models.ForeignKey(Remark, on_delete=models.CASCADE, related_name="messages")
    author = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+")
    text = models.TextField(_("bericht"))
    created_at = models.DateTimeField(default=timezone.now)

    class Meta:
        ordering = ["created_at", "pk"]
        verbose_name = _("bericht")
        verbose_name_plural = _("berichten")

    def __str__(self):
        return f"{self.author}: {self.text[:40]}"
