from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import models
from django.utils.translation import gettext_lazy as _
from simple_history.models import HistoricalRecords


class Indicator(models.Model):
    """A figure the network tracks: from a baseline to a target in a target year."""

    edition = models.ForeignKey("opgaven.Edition", on_delete=models.CASCADE, related_name="indicators")
    chapter = models.ForeignKey("opgaven.Chapter", null=True, blank=True, on_delete=models.SET_NULL,
                                related_name="indicators")
    slug = models.SlugField(max_length=100)
    name = models.CharField(_("naam"), max_length=300)
    unit = models.CharField(_("eenheid"), max_length=50)
    baseline = models.DecimalField(_("nulmeting"), max_digits=14, decimal_places=2, null=True, blank=True)
    baseline_year = models.PositiveSmallIntegerField(_("jaar nulmeting"), null=True, blank=True)
    target = models.DecimalField(_("doel"), max_digits=14, decimal_places=2, null=True, blank=True)
    target_year = models.PositiveSmallIntegerField(_("doeljaar"), null=True, blank=True)
    source = models.TextField(_("bron"), blank=True)

    history = HistoricalRecords()

    class Meta:
        ordering = ["edition", "name"]
        verbose_name = _("indicator")
        verbose_name_plural = _("indicatoren")
        constraints = [models.UniqueConstraint(fields=["edition", "slug"], name="indicator_unique_slug")]

    def __str__(self):
        return self.name


class Measurement(models.Model):
    indicator = models.ForeignKey(Indicator, on_delete=models.CASCADE, related_name="measurements")
    date = models.DateField(_("datum"))
    value = models.DecimalField(_("waarde"), max_digits=14, decimal_places=2)
    source = models.CharField(_("bron"), max_length=300)
    note = models.TextField(_("toelichting"), blank=True)
    recorded_by = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, blank=True,
                                    on_delete=models.SET_NULL)

    history = HistoricalRecords()

    class Meta:
        ordering = ["indicator", "date"]
        verbose_name = _("meting")
        verbose_name_plural = _("metingen")

    def __str__(self):
        return f"{self.indicator}: {self.value} ({self.date})"


class ProgressUpdate(models.Model):
    """A dated progress report on an action by one of the organisations that carry it."""

    action = models.ForeignKey("jaarprogramma.Action", on_delete=models.CASCADE, related_name="updates")
    author = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT,
                               related_name="progress_updates")
    organisation = models.ForeignKey("governance.Organisation", on_delete=models.PROTECT,
                                     related_name="progress_updates")
    date = models.DateField(_("datum"))
    created_at = models.DateTimeField(auto_now_add=True)
    text = models.TextField(_("voortgang"))
    percentage = models.PositiveSmallIntegerField(_("percentage gereed"), null=True, blank=True)
    status = models.CharField(_("status"), max_length=20, blank=True)

    class Meta:
        ordering = ["-date", "-created_at"]
        verbose_name = _("voortgangsbericht")
        verbose_name_plural = _("voortgangsberichten")
        constraints = [
            models.CheckConstraint(condition=models.Q(percentage__lte=100), name="update_percentage_max_100"),
        ]

    def __str__(self):
        return f"{self.action} – {self.date}"


class ReportingPeriod(models.Model):
    """A period in which every carrying organisation is expected to report progress."""

    name = models.CharField(_("naam"), max_length=100)
    start = models.DateField(_("begin"))
    end = models.DateField(_("einde"))

    class Meta:
        ordering = ["-start"]
        verbose_name = _("rapportageperiode")
        verbose_name_plural = _("rapportageperiodes")
        permissions = [("view_dashboard", _("Mag de monitoringdashboards bekijken"))]
        constraints = [
            models.CheckConstraint(condition=models.Q(end__gte=models.F("start")), name="period_end_after_start"),
        ]

    def __str__(self):
        return self.name

    def clean(self):
        if self.start and self.end and self.end < self.start:
            raise ValidationError({"end": _("Het einde ligt vóór het begin.")})

    def contains(self, day):
        return self.start <= day <= self.end


class ActionLink(models.Model):
    """'Deze actie draagt bij aan onderdeel X': where the opgaven and stelseluitdagingen meet."""

    action = models.ForeignKey("jaarprogramma.Action", on_delete=models.CASCADE, related_name="links",
                               verbose_name=_("actie"))
    chapter = models.ForeignKey("opgaven.Chapter", on_delete=models.CASCADE, related_name="linked_actions",
                                verbose_name=_("draagt bij aan onderdeel"))
    note = models.CharField(_("toelichting"), max_length=300, blank=True)

    class Meta:
        ordering = ["chapter", "action"]
        verbose_name = _("verbinding tussen actie en onderdeel")
        verbose_name_plural = _("verbindingen tussen acties en onderdelen")
        constraints = [models.UniqueConstraint(fields=["action", "chapter"], name="actionlink_unique_chapter")]

    def __str__(self):
        return f"{self.action} → {self.chapter}"

    def clean(self):
        if not (self.action_id and self.chapter_id):
            return
        own = self.action.jaarprogramma.chapter
        if own.pk == self.chapter_id:
            raise ValidationError({"chapter": _("Een actie hoort al bij haar eigen onderdeel.")})
        if own.edition_id != self.chapter.edition_id:
            raise ValidationError({"chapter": _("Het onderdeel hoort bij een andere editie.")})
