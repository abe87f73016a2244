from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import models
from django.utils.translation import gettext_lazy as _
from guardian.models import UserObjectPermissionBase
from simple_history.models import HistoricalRecords

from jaarprogramma.models import ActionStatus


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
    owner = models.ForeignKey(
        "governance.Organisation", null=True, blank=True, on_delete=models.SET_NULL, related_name="indicators",
        verbose_name=_("eigenaar"),
        help_text=_("De organisatie die het cijfer bijhoudt; haar medewerkers voeren de metingen in."))

    history = HistoricalRecords()

    class Meta:
        ordering = ["edition", "name"]
        verbose_name = _("indicator")
        verbose_name_plural = _("indicatoren")
        constraints = [models.UniqueConstraint(fields=["edition", "slug"], name="indicator_unique_slug")]
        permissions = [("record_measurement", _("Mag metingen van de indicator invoeren"))]

    def __str__(self):
        return self.name


class IndicatorUserObjectPermission(UserObjectPermissionBase):
    content_object = models.ForeignKey(Indicator, on_delete=models.CASCADE)


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
    """A dated progress report on one carrier's part of an action.

    Kept for good: the part's status and percentage are those of its latest update. Written by a
    member of the carrying organisation or body (`author`), or recorded from a published report
    (`author` empty, `source` names the report)."""

    action = models.ForeignKey("jaarprogramma.Action", on_delete=models.CASCADE, related_name="updates")
    # The part reported on. A carrier removed from the action later leaves its updates in place.
    carrier = models.ForeignKey("jaarprogramma.ActionCarrier", null=True, blank=True, on_delete=models.SET_NULL,
                                related_name="updates", verbose_name=_("namens"))
    author = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, null=True, blank=True,
                               related_name="progress_updates")
    # The organisation the author reported from (for a collective or a body: their own).
    organisation = models.ForeignKey("governance.Organisation", on_delete=models.PROTECT, null=True, blank=True,
                                     related_name="progress_updates")
    date = models.DateField(_("datum"))
    created_at = models.DateTimeField(auto_now_add=True)
    text = models.TextField(_("voortgang"))
    percentage = models.PositiveSmallIntegerField(_("percentage gereed"), null=True, blank=True)
    status = models.CharField(_("status"), max_length=20, blank=True, choices=ActionStatus.choices)
    source = models.CharField(_("bron"), max_length=300, blank=True,
                              help_text=_("Het verslag of bericht waaruit deze voortgang komt."))

    class Meta:
        ordering = ["-date", "-created_at"]
        verbose_name = _("voortgangsbericht")
        verbose_name_plural = _("voortgangsberichten")
        # Years of quarterly updates by every carrier (issue 15): the dashboards ask per action and
        # per part for the latest one, or for one within a period, and list the newest first.
        indexes = [
            models.Index(fields=["action", "date"], name="update_action_date"),
            models.Index(fields=["carrier", "date"], name="update_carrier_date"),
            models.Index(fields=["organisation", "date"], name="update_organisation_date"),
            models.Index(fields=["-date", "-created_at"], name="update_newest_first"),
        ]
        constraints = [
            models.CheckConstraint(condition=models.Q(percentage__lte=100), name="update_percentage_max_100"),
        ]

    def __str__(self):
        return f"{self.action} – {self.date}"

    @property
    def reporter(self):
        """Who reported, as shown: the author's organisation, else the part's party."""
        if self.organisation_id:
            return self.organisation
        return self.carrier.party if self.carrier_id else None


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


class ChapterLink(models.Model):
    """Where the agenda connects a maatschappelijke opgave with a stelseluitdaging: one cell of
    the matrix. The text makes these links "op verschillende plekken" (1.1); each place is a
    LinkSource."""

    opgave = models.ForeignKey("opgaven.Chapter", on_delete=models.CASCADE, related_name="uitdaging_links",
                               verbose_name=_("maatschappelijke opgave"))
    uitdaging = models.ForeignKey("opgaven.Chapter", on_delete=models.CASCADE, related_name="opgave_links",
                                  verbose_name=_("stelseluitdaging"))

    class Meta:
        ordering = ["uitdaging__number", "opgave__number"]
        verbose_name = _("verbinding tussen opgave en stelseluitdaging")
        verbose_name_plural = _("verbindingen tussen opgaven en stelseluitdagingen")
        constraints = [models.UniqueConstraint(fields=["opgave", "uitdaging"], name="chapterlink_unique_pair")]

    def __str__(self):
        return f"{self.uitdaging} × {self.opgave}"

    def clean(self):
        from opgaven.models import ChapterKind

        if not (self.opgave_id and self.uitdaging_id):
            return
        if self.opgave.kind != ChapterKind.OPGAVE:
            raise ValidationError({"opgave": _("Kies een maatschappelijke opgave.")})
        if self.uitdaging.kind != ChapterKind.STELSELUITDAGING:
            raise ValidationError({"uitdaging": _("Kies een stelseluitdaging.")})
        if self.opgave.edition_id != self.uitdaging.edition_id:
            raise ValidationError({"uitdaging": _("Het onderdeel hoort bij een andere editie.")})


class LinkSource(models.Model):
    """A place in the text that makes a ChapterLink: its chapter and paragraph, its words and,
    when the words are about an action, that action. A place without an action speaks of the
    programme of its chapter as a whole."""

    link = models.ForeignKey(ChapterLink, on_delete=models.CASCADE, related_name="sources",
                             verbose_name=_("verbinding"))
    chapter = models.ForeignKey("opgaven.Chapter", on_delete=models.CASCADE, related_name="link_sources",
                                verbose_name=_("onderdeel waar de tekst staat"))
    section = models.CharField(_("paragraaf"), max_length=20, blank=True,
                               help_text=_("Bijvoorbeeld 3.4; leeg als de verbinding niet uit de tekst komt."))
    quote = models.TextField(_("tekst"), blank=True)
    action = models.ForeignKey("jaarprogramma.Action", null=True, blank=True, on_delete=models.SET_NULL,
                               related_name="link_sources", verbose_name=_("actie"))

    class Meta:
        ordering = ["link", "chapter__number", "section", "pk"]
        verbose_name = _("vindplaats van een verbinding")
        verbose_name_plural = _("vindplaatsen van verbindingen")

    def __str__(self):
        return f"{self.link}: {self.section or _('redactioneel')}"

    def clean(self):
        # The place may be a third chapter: collectie's actions for opgave 1 (11.4) name
        # kwaliteit en kennis.
        if self.link_id and self.chapter_id and self.chapter.edition_id != self.link.opgave.edition_id:
            raise ValidationError({"chapter": _("Het onderdeel hoort bij een andere editie.")})
