from django.core.exceptions import ValidationError
from django.db import models
from django.urls import reverse
from django.utils.text import Truncator
from django.utils.translation import gettext_lazy as _
from guardian.models import GroupObjectPermissionBase, UserObjectPermissionBase
from simple_history.models import HistoricalRecords

from governance.models import ActionColumn, Organisation
from opgaven.models import unique_number
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
        # Its place is its number in the document (`anchor`).
        constraints = [unique_number("jaarprogramma", "order", name="criterion_unique_order")]

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


OPEN_STATUSES = [ActionStatus.NOT_STARTED, ActionStatus.ON_TRACK, ActionStatus.AT_RISK, ActionStatus.DELAYED]


def status_of_parts(statuses):
    """An action's status from the statuses of its parts (one part per carrier).

    Done only when every part is done or lapsed; delayed, or else at risk, as soon as one part
    is; on track once any part has started; lapsed only when every part has lapsed. None when
    the action has no parts (its status then stays as it is)."""
    statuses = list(statuses)
    if not statuses:
        return None
    running = [status for status in statuses if status != ActionStatus.CANCELLED]
    if not running:
        return ActionStatus.CANCELLED
    if all(status == ActionStatus.DONE for status in running):
        return ActionStatus.DONE
    for worst in (ActionStatus.DELAYED, ActionStatus.AT_RISK):
        if worst in running:
            return worst
    if any(status in (ActionStatus.ON_TRACK, ActionStatus.DONE) for status in running):
        return ActionStatus.ON_TRACK
    return ActionStatus.NOT_STARTED


def percentage_of_parts(parts):
    """How far an action (or one party's set of parts) is, in percent: the mean over the parts
    that have not lapsed, a done part counting 100 and a part without a reported percentage 0.
    None while no part has reported a percentage or finished. One carrier that is done does not
    make four carriers' action done."""
    running = [part for part in parts if part.status != ActionStatus.CANCELLED]
    if not any(part.percentage is not None or part.status == ActionStatus.DONE for part in running):
        return None
    return sum(part.percentage_done for part in running) / len(running)


class ActionQuerySet(models.QuerySet):
    def carried_by(self, organisations):
        """Actions carried by these organisations, or collectively by their type."""
        return self.filter(carriers__organisation__in=Organisation.objects.speaking_for(organisations)).distinct()

    def with_number_path(self, path):
        """The actions whose `number_path` is `path` ("2-3": the third of series 2, or an action
        numbered 2.3), for addresses built from it (issue 12's action page)."""
        parts = [part for part in str(path).split("-") if part]
        match = models.Q(group=None, number__in={" ".join(parts), ".".join(parts), "-".join(parts)})
        if len(parts) > 1 and parts[0].isdigit():
            match |= models.Q(group=int(parts[0]), number__in={"-".join(parts[1:]), ".".join(parts[1:])})
        return self.filter(match)

    def carried_by_bodies(self, bodies):
        """Actions a body carries: its members report on them."""
        return self.filter(carriers__body__in=list(bodies)).distinct()


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
        # One action per number in a series, and one per number where the programme numbers
        # straight through (an empty series counts as one).
        constraints = [unique_number("jaarprogramma", "group", "number", name="action_unique_number",
                                     nulls_distinct=False)]
        permissions = [("update_progress", _("Mag de voortgang van de actie bijwerken"))]

    def __str__(self):
        return f"{self.number}. {plain(self.title)}"

    def get_absolute_url(self):
        chapter = self.jaarprogramma.chapter
        return reverse("opgaven:chapter_detail", args=[chapter.edition.slug, chapter.slug]) + f"#{self.anchor}"

    def get_page_url(self):
        """The action's own page, at the document's numbering:
        /agenda/<edition>/<chapter>/<year>/acties/<number_path>/."""
        chapter = self.jaarprogramma.chapter
        return reverse("jaarprogramma:action_detail",
                       args=[chapter.edition.slug, chapter.slug, self.jaarprogramma.year, self.number_path])

    def carriers_by_column(self):
        """{column: [carriers]} for the agenda's action table; uses prefetched carriers.
        A body that carries an action goes under "Overig"."""
        columns = {}
        for carrier in self.carriers.all():
            columns.setdefault(carrier.column, []).append(carrier)
        return columns

    @property
    def percentage_done(self):
        """The action's progress from its parts (prefetched carriers); see percentage_of_parts."""
        return percentage_of_parts(self.carriers.all())

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
        return self.anchor_in(self.jaarprogramma.chapter.number)

    def anchor_in(self, chapter_number):
        # For callers that know the chapter (the PDF): no query for it.
        return f"actie-{chapter_number}-{self.number_path}"


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
    """A party that carries an action, and its part of the work: an organisation (a collective
    such as "lokale bibliotheken" included) or a body (a koersgroep or programme team, whose
    members report). Each part has its own status and percentage, live facts that only
    monitoring.services.post_progress_update changes; the action's status follows from its parts."""

    action = models.ForeignKey(Action, on_delete=models.CASCADE, related_name="carriers")
    organisation = models.ForeignKey("governance.Organisation", on_delete=models.PROTECT, null=True, blank=True,
                                     related_name="carried_actions", verbose_name=_("organisatie"))
    body = models.ForeignKey("governance.Body", on_delete=models.PROTECT, null=True, blank=True,
                             related_name="carried_actions", verbose_name=_("gremium"),
                             help_text=_("Een koersgroep of programmateam: de leden melden de voortgang."))
    role = models.CharField(_("rol"), max_length=20, choices=CarrierRole.choices,
                            default=CarrierRole.EXECUTOR)
    inferred = models.BooleanField(
        _("afgeleid"), default=False,
        help_text=_("De tekst noemt niemand: het programmateam of de koersgroep van het onderdeel draagt "
                    "de actie."))
    note = models.CharField(_("toelichting"), max_length=300, blank=True,
                            help_text=_("Waar de tekst dit zegt, of hoe: bijvoorbeeld ‘afvaardiging Commissie "
                                        "Digitaal’."))
    status = models.CharField(_("status van dit deel"), max_length=20, choices=ActionStatus.choices,
                              default=ActionStatus.NOT_STARTED, editable=False)
    percentage = models.PositiveSmallIntegerField(_("percentage gereed van dit deel"), null=True, blank=True,
                                                  editable=False)

    history = HistoricalRecords()

    class Meta:
        ordering = ["action", "organisation__name", "body__name"]
        verbose_name = _("uitvoerder")
        verbose_name_plural = _("uitvoerders")
        constraints = [
            models.UniqueConstraint(fields=["action", "organisation"], name="carrier_unique_organisation"),
            models.UniqueConstraint(fields=["action", "body"], name="carrier_unique_body"),
            models.CheckConstraint(
                condition=(models.Q(organisation__isnull=False, body__isnull=True)
                           | models.Q(organisation__isnull=True, body__isnull=False)),
                name="carrier_organisation_or_body",
            ),
            models.CheckConstraint(condition=models.Q(percentage__lte=100), name="carrier_percentage_max_100"),
        ]

    def __str__(self):
        return f"{self.party_name} ({self.get_role_display()})"

    def clean(self):
        if bool(self.organisation_id) == bool(self.body_id):
            raise ValidationError(_("Kies een organisatie of een gremium, niet allebei."))

    @property
    def party(self):
        """The organisation or body that carries this part."""
        return self.organisation if self.organisation_id else self.body

    @property
    def party_name(self):
        name = str(self.party) if self.party else ""
        return f"{name} ({_('afgeleid')})" if self.inferred else name

    @property
    def column(self):
        return self.organisation.action_column if self.organisation_id else ActionColumn.OTHER

    @property
    def percentage_done(self):
        """A done part counts as 100%, a part without a reported percentage as 0%."""
        if self.status == ActionStatus.DONE:
            return 100
        return self.percentage or 0

    @property
    def is_open(self):
        return self.status in OPEN_STATUSES
