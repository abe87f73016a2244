from django.db import models
from django.urls import reverse
from django.utils.text import Truncator
from django.utils.translation import gettext_lazy as _
from guardian.models import GroupObjectPermissionBase, UserObjectPermissionBase
from simple_history.models import HistoricalRecords

from opgaven.text import plain


class Jaarprogramma(models.Model):
    """A chapter's annual programme. Each year gets a new one; earlier years stay readable."""

    chapter = models.ForeignKey("opgaven.Chapter", on_delete=models.CASCADE,
                                related_name="jaarprogrammas")
    year = models.PositiveSmallIntegerField(_("jaar"))
    intro = models.TextField(_("inleiding"), blank=True)
    version = models.PositiveIntegerField(default=1, editable=False)

    history = HistoricalRecords()

    class Meta:
        ordering = ["chapter", "-year"]
        verbose_name = _("jaarprogramma")
        verbose_name_plural = _("jaarprogramma's")
        constraints = [models.UniqueConstraint(fields=["chapter", "year"], name="jaarprogramma_unique_year")]

    def __str__(self):
        return f"{self.chapter.title} – jaarprogramma {self.year}"


class SuccessCriterion(models.Model):
    """'Het jaar is geslaagd als …'; the netwerkoverleg marks it met or not met."""

    jaarprogramma = models.ForeignKey(Jaarprogramma, on_delete=models.CASCADE,
                                      related_name="success_criteria")
    text = models.TextField(_("succescriterium"))
    order = models.PositiveSmallIntegerField(_("volgorde"), default=0)
    met = models.BooleanField(_("behaald"), null=True, blank=True)
    met_note = models.TextField(_("toelichting"), blank=True)
    block = models.ForeignKey("opgaven.Block", null=True, blank=True, on_delete=models.SET_NULL, related_name="+",
                              verbose_name=_("blok"))
    version = models.PositiveIntegerField(default=1, editable=False)

    history = HistoricalRecords()

    class Meta:
        ordering = ["jaarprogramma", "order"]
        verbose_name = _("succescriterium")
        verbose_name_plural = _("succescriteria")

    def __str__(self):
        # Shown as a label (history, links): the text without its Markdown.
        return Truncator(plain(self.text)).chars(60)

    @property
    def anchor(self):
        """Its place in the year's programme: "criterium-8-2021-2" (no database id)."""
        return f"criterium-{self.jaarprogramma.chapter.number}-{self.jaarprogramma.year}-{self.order}"


class ActionStatus(models.TextChoices):
    NOT_STARTED = "niet-gestart", _("Niet gestart")
    ON_TRACK = "op-schema", _("Op schema")
    AT_RISK = "risico", _("Risico")
    DELAYED = "vertraagd", _("Vertraagd")
    DONE = "afgerond", _("Afgerond")
    CANCELLED = "vervallen", _("Vervallen")


class ActionQuerySet(models.QuerySet):
    def carried_by(self, organisations):
        """Actions carried by these organisations, or collectively by their type."""
        from governance.models import Organisation

        orgs = list(organisations)
        types = {org.type for org in orgs}
        collective = Organisation.objects.filter(collective=True, type__in=types)
        return self.filter(
            models.Q(carriers__organisation__in=orgs) | models.Q(carriers__organisation__in=collective)
        ).distinct()

    def with_number_path(self, path):
        """The actions whose `number_path` is `path` ("2-3": the third of series 2, or an action
        numbered 2.3), for addresses built from it (issue 12's action page)."""
        parts = [part for part in str(path).split("-") if part]
        match = models.Q(group=None, number__in={" ".join(parts), ".".join(parts), "-".join(parts)})
        if len(parts) > 1 and parts[0].isdigit():
            match |= models.Q(group=int(parts[0]), number__in={"-".join(parts[1:]), ".".join(parts[1:])})
        return self.filter(match)


class Action(models.Model):
    jaarprogramma = models.ForeignKey(Jaarprogramma, on_delete=models.CASCADE, related_name="actions")
    # Chapter 11 numbers its actions 1-3 under opgave 1 and again 1-3 under opgaven 2 and 3:
    # `group` is that series (1, 2 …), empty where the programme numbers straight through.
    group = models.PositiveSmallIntegerField(
        _("reeks"), null=True, blank=True,
        help_text=_("Alleen als de nummering per groep opnieuw begint: de hoeveelste groep (1, 2 …)."))
    number = models.CharField(_("nummer"), max_length=10)
    theme = models.CharField(_("thema"), max_length=200, blank=True)
    title = models.CharField(_("titel"), max_length=500)
    description = models.TextField(_("omschrijving"), blank=True)
    order = models.PositiveSmallIntegerField(_("volgorde"), default=0)
    status = models.CharField(_("status"), max_length=20, choices=ActionStatus.choices,
                              default=ActionStatus.NOT_STARTED)
    due_date = models.DateField(_("gereed op"), null=True, blank=True)
    organisations = models.ManyToManyField("governance.Organisation", through="ActionCarrier",
                                           related_name="actions")
    carried_over_from = models.ForeignKey(
        "self", null=True, blank=True, on_delete=models.SET_NULL, related_name="carried_over_to",
        verbose_name=_("voortgezet uit"), help_text=_("Dezelfde actie in het jaarprogramma van vorig jaar."),
    )
    block = models.ForeignKey("opgaven.Block", null=True, blank=True, on_delete=models.SET_NULL, related_name="+",
                              verbose_name=_("blok"))
    version = models.PositiveIntegerField(default=1, editable=False)

    objects = ActionQuerySet.as_manager()
    history = HistoricalRecords()

    class Meta:
        ordering = ["jaarprogramma", "order"]
        verbose_name = _("actie")
        verbose_name_plural = _("acties")
        permissions = [("update_progress", _("Mag de voortgang van de actie bijwerken"))]

    def __str__(self):
        return f"{self.number}. {plain(self.title)}"

    def get_absolute_url(self):
        chapter = self.jaarprogramma.chapter
        return reverse("opgaven:chapter_detail", args=[chapter.edition.slug, chapter.slug]) + f"#{self.anchor}"

    def carriers_by_column(self):
        """{column: [carriers]} for the agenda's action table; uses prefetched carriers."""
        columns = {}
        for carrier in self.carriers.all():
            columns.setdefault(carrier.organisation.action_column, []).append(carrier)
        return columns

    @property
    def number_path(self):
        """The action's number in the document, for anchors and addresses: "3", or "2-3" for the
        third action of the second series (chapter 11) or for an action numbered 2.3."""
        parts = [part for part in self.number.replace(".", " ").split() if part]
        if self.group is not None:
            parts.insert(0, str(self.group))
        return "-".join(parts)

    @property
    def anchor(self):
        """The document's own anchor, e.g. "actie-11-2-3": chapter 11, series 2, action 3."""
        return f"actie-{self.jaarprogramma.chapter.number}-{self.number_path}"


class ActionUserObjectPermission(UserObjectPermissionBase):
    content_object = models.ForeignKey(Action, on_delete=models.CASCADE)


class ActionGroupObjectPermission(GroupObjectPermissionBase):
    content_object = models.ForeignKey(Action, on_delete=models.CASCADE)


class SubItem(models.Model):
    action = models.ForeignKey(Action, on_delete=models.CASCADE, related_name="subitems")
    letter = models.CharField(_("letter"), max_length=3)
    text = models.TextField(_("tekst"))

    history = HistoricalRecords()

    class Meta:
        ordering = ["action", "letter"]
        verbose_name = _("subactie")
        verbose_name_plural = _("subacties")

    def __str__(self):
        return f"{self.letter}. {Truncator(plain(self.text)).chars(50)}"


class CarrierRole(models.TextChoices):
    LEAD = "trekker", _("Trekker")
    EXECUTOR = "uitvoerder", _("Uitvoerder")
    PARTNER = "partner", _("Partner")


class ActionCarrier(models.Model):
    action = models.ForeignKey(Action, on_delete=models.CASCADE, related_name="carriers")
    organisation = models.ForeignKey("governance.Organisation", on_delete=models.PROTECT,
                                     related_name="carried_actions")
    role = models.CharField(_("rol"), max_length=20, choices=CarrierRole.choices,
                            default=CarrierRole.EXECUTOR)

    history = HistoricalRecords()

    class Meta:
        ordering = ["action", "organisation__name"]
        verbose_name = _("uitvoerende organisatie")
        verbose_name_plural = _("uitvoerende organisaties")
        constraints = [
            models.UniqueConstraint(fields=["action", "organisation"], name="carrier_unique_organisation"),
        ]

    def __str__(self):
        return f"{self.organisation} ({self.get_role_display()})"
