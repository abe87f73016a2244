import uuid

from django.conf import settings
from django.core.serializers.json import DjangoJSONEncoder
from django.db import models
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from guardian.models import GroupObjectPermissionBase, UserObjectPermissionBase
from simple_history.models import HistoricalRecords

from governance.jobs import Job, JobStatus


class EditionQuerySet(models.QuerySet):
    def newest(self):
        """The edition with the latest start year, established or not (the one a next edition
        is made from)."""
        return self.order_by("-start_year").first()

    def current(self):
        """The agenda the portal opens with: the newest edition the public can read something of
        (an established chapter, or its front matter). A new edition made from it is a draft
        until then, so the home page does not switch to an empty concept. Before anything is
        established, the newest edition (None before any is loaded)."""
        public = models.Q(front_matter_established_at__isnull=False) | models.Exists(
            Chapter.objects.filter(edition=models.OuterRef("pk"), established_at__isnull=False))
        return self.filter(public).order_by("-start_year").first() or self.newest()


class Edition(models.Model):
    """One Netwerkagenda (e.g. 2021-2023): motto, introduction, manifest and chapters."""

    slug = models.SlugField(max_length=20, unique=True)
    title = models.CharField(_("titel"), max_length=200)
    start_year = models.PositiveSmallIntegerField(_("eerste jaar"))
    end_year = models.PositiveSmallIntegerField(_("laatste jaar"))
    motto = models.TextField(_("motto"))
    manifest_title = models.CharField(_("titel manifest"), max_length=200, blank=True)
    manifest_intro = models.TextField(_("inleiding manifest"), blank=True)
    front_matter_established_at = models.DateTimeField(
        _("voorwerk openbaar sinds"), null=True, blank=True,
        help_text=_("Motto, introductie en manifest zoals het publiek ze leest (opgaven.publication)."),
    )
    version = models.PositiveIntegerField(default=1, editable=False)
    participants = models.ManyToManyField(
        "governance.Person", related_name="editions", blank=True,
        verbose_name=_("deelnemers (totstandkoming)"),
    )

    objects = EditionQuerySet.as_manager()
    history = HistoricalRecords()

    class Meta:
        ordering = ["-start_year"]
        verbose_name = _("editie")
        verbose_name_plural = _("edities")

    def __str__(self):
        return self.title

    def get_absolute_url(self):
        return reverse("opgaven:home")

    @property
    def years(self):
        return range(self.start_year, self.end_year + 1)


class IntroSection(models.Model):
    edition = models.ForeignKey(Edition, on_delete=models.CASCADE, related_name="intro_sections")
    number = models.CharField(_("nummer"), max_length=10)
    title = models.CharField(_("titel"), max_length=200)
    body = models.TextField(_("tekst"), blank=True)
    order = models.PositiveSmallIntegerField(default=0)
    version = models.PositiveIntegerField(default=1, editable=False)

    history = HistoricalRecords()

    class Meta:
        ordering = ["edition", "order"]
        verbose_name = _("introductieparagraaf")
        verbose_name_plural = _("introductieparagrafen")
        constraints = [models.UniqueConstraint(fields=["edition", "number"], name="intro_unique_number")]

    def __str__(self):
        return f"{self.number} {self.title}"


class Principle(models.Model):
    """One of the manifest's principles: a statement and its explanation."""

    edition = models.ForeignKey(Edition, on_delete=models.CASCADE, related_name="principles")
    number = models.PositiveSmallIntegerField(_("nummer"))
    title = models.CharField(_("uitgangspunt"), max_length=300)
    body = models.TextField(_("toelichting"), blank=True)
    version = models.PositiveIntegerField(default=1, editable=False)

    history = HistoricalRecords()

    class Meta:
        ordering = ["edition", "number"]
        verbose_name = _("uitgangspunt (manifest)")
        verbose_name_plural = _("uitgangspunten (manifest)")
        constraints = [models.UniqueConstraint(fields=["edition", "number"], name="principle_unique_number")]

    def __str__(self):
        return f"{self.number}. {self.title}"


class ChapterKind(models.TextChoices):
    OPGAVE = "opgave", _("Maatschappelijke opgave")
    STELSELUITDAGING = "stelseluitdaging", _("Stelseluitdaging")


class ChapterStatus(models.TextChoices):
    CONCEPT = "concept", _("Concept")
    REVIEW = "ter-bespreking", _("Ter bespreking")
    ESTABLISHED = "vastgesteld", _("Vastgesteld")


class Aspect(models.TextChoices):
    CONTEXT = "context", _("Context")
    AMBITION = "ambitie", _("Gezamenlijke ambitie")
    CONTRIBUTION = "bijdrage", _("Bijdrage van partners")
    PROGRAMME = "jaarprogramma", _("Jaarprogramma")


class ChapterQuerySet(models.QuerySet):
    def opgaven(self):
        return self.filter(kind=ChapterKind.OPGAVE)

    def stelseluitdagingen(self):
        return self.filter(kind=ChapterKind.STELSELUITDAGING)

    def established(self):
        """Chapters with an established version (what readers see: opgaven.publication)."""
        return self.filter(established_at__isnull=False)


class Chapter(models.Model):
    """An onderdeel of the agenda: a maatschappelijke opgave or a stelseluitdaging."""

    edition = models.ForeignKey(Edition, on_delete=models.CASCADE, related_name="chapters")
    number = models.PositiveSmallIntegerField(_("hoofdstuk"))
    kind = models.CharField(_("soort"), max_length=20, choices=ChapterKind.choices)
    position = models.PositiveSmallIntegerField(_("volgnummer binnen soort"))
    slug = models.SlugField(max_length=100)
    title = models.CharField(_("titel"), max_length=200)
    status = models.CharField(
        _("status"), max_length=20, choices=ChapterStatus.choices, default=ChapterStatus.CONCEPT
    )
    established_at = models.DateTimeField(
        _("laatst vastgesteld op"), null=True, blank=True,
        help_text=_("Wat op dit moment gold, is wat het publiek ziet."),
    )
    koersgroepen = models.ManyToManyField(
        "governance.Body", related_name="chapters", blank=True,
        verbose_name=_("gremia"),
        help_text=_("De gremia bij dit onderdeel: de koersgroep die het stuurt, en wie adviseert, uitvoert "
                    "of als netwerk meewerkt. Wat hun leden mogen, volgt uit de soort gremium."),
    )
    version = models.PositiveIntegerField(default=1, editable=False)

    objects = ChapterQuerySet.as_manager()
    history = HistoricalRecords()

    class Meta:
        ordering = ["edition", "number"]
        verbose_name = _("onderdeel")
        verbose_name_plural = _("onderdelen")
        constraints = [
            models.UniqueConstraint(fields=["edition", "slug"], name="chapter_unique_slug"),
            models.UniqueConstraint(fields=["edition", "number"], name="chapter_unique_number"),
        ]
        permissions = [
            ("edit_chapter_content", _("Mag de inhoud van het onderdeel bewerken")),
            ("comment_chapter", _("Mag commentaar geven op het onderdeel")),
            ("establish_chapter", _("Mag de status van het onderdeel wijzigen (vaststellen)")),
        ]

    def __str__(self):
        return self.display_title

    def get_absolute_url(self):
        return reverse("opgaven:chapter_detail", args=[self.edition.slug, self.slug])

    @property
    def display_title(self):
        if self.kind == ChapterKind.OPGAVE:
            return f"Opgave {self.position} – {self.title}"
        return self.title


class ChapterUserObjectPermission(UserObjectPermissionBase):
    content_object = models.ForeignKey(Chapter, on_delete=models.CASCADE)


class ChapterGroupObjectPermission(GroupObjectPermissionBase):
    content_object = models.ForeignKey(Chapter, on_delete=models.CASCADE)


def unique_number(*fields, name, **kwargs):
    """A number (or place) is unique among its parent's items. Deferrable: renumbering lets an
    item take its neighbour's number before the neighbour moves on (opgaven.services)."""
    return models.UniqueConstraint(fields=fields, name=name, deferrable=models.Deferrable.IMMEDIATE, **kwargs)


class ChapterContent(models.Model):
    """Shared shape of the ordered, versioned pieces of a chapter."""

    order = models.PositiveSmallIntegerField(_("volgorde"), default=0)
    version = models.PositiveIntegerField(default=1, editable=False)

    class Meta:
        abstract = True


class Section(ChapterContent):
    """A section as written; one section may cover several aspects ("Context en ambitie")."""

    chapter = models.ForeignKey(Chapter, on_delete=models.CASCADE, related_name="sections")
    number = models.CharField(_("nummer"), max_length=10)
    title = models.CharField(_("titel"), max_length=200)
    aspects = models.JSONField(_("aspecten"), default=list)
    body = models.TextField(_("tekst"), blank=True)

    history = HistoricalRecords()

    class Meta:
        ordering = ["chapter", "order"]
        verbose_name = _("paragraaf")
        verbose_name_plural = _("paragrafen")
        constraints = [unique_number("chapter", "number", name="section_unique_number")]

    def __str__(self):
        return f"{self.number} {self.title}"

    def covers(self, aspect):
        return aspect in self.aspects

    @property
    def anchor(self):
        """The section's anchor on the chapter page, from its number ("paragraaf-3-4")."""
        return "paragraaf-" + "-".join(part for part in self.number.split(".") if part)

    @property
    def footnote_prefix(self):
        # `[^N]` in this section's text refers to the section's footnote N (opgaven.text).
        return f"{self.anchor}-"


class BlockKind(models.TextChoices):
    TEXT = "tekst", _("Tekst")
    LIST = "lijst", _("Opsomming")
    AMBITIONS = "ambities", _("Ambities")
    CONTRIBUTIONS = "bijdragen", _("Bijdragen van partners")
    CRITERIA = "succescriteria", _("Succescriteria")
    ACTIONS = "acties", _("Acties (tabel)")
    QUOTE = "citaat", _("Citaat")
    FIGURE = "figuur", _("Figuur")


class ListStyle(models.TextChoices):
    """How the items of a block are printed: the agenda numbers some lists and not others."""

    NUMBERED = "genummerd", _("Genummerde lijst")
    BULLETS = "opsomming", _("Opsomming")
    PARAGRAPHS = "alineas", _("Alinea's")


class FigureLayout(models.TextChoices):
    STEPS = "stappen", _("Stappen na elkaar")
    PANELS = "kolommen", _("Kolommen naast elkaar")
    LABELS = "labels", _("Losse begrippen")


class Block(ChapterContent):
    """One piece of a section in the document's reading order: a text, a list, the chapter's
    ambitions or contributions, the year's success criteria or actions, a quote or a figure.

    Items (ambitions, contributions, quotes, criteria, actions) name the block they are
    printed in (`item.block`); opgaven.layout places what names none. A block with a `year`
    belongs to that year's programme only. A figure is built from `figure_items` as the text
    describes it, with `text` as its caption and `figure_description` as its text alternative."""

    ITEM_KINDS = (BlockKind.AMBITIONS, BlockKind.CONTRIBUTIONS, BlockKind.CRITERIA, BlockKind.ACTIONS,
                  BlockKind.QUOTE)
    ORDERED_WITHIN = "section"  # writers reorder a section's blocks (opgaven.services.move_item)

    section = models.ForeignKey(Section, null=True, blank=True, on_delete=models.CASCADE,
                                related_name="blocks", verbose_name=_("paragraaf"))
    intro_section = models.ForeignKey("IntroSection", null=True, blank=True, on_delete=models.CASCADE,
                                      related_name="blocks", verbose_name=_("introductieparagraaf"))
    kind = models.CharField(_("soort"), max_length=20, choices=BlockKind.choices, default=BlockKind.TEXT)
    year = models.PositiveSmallIntegerField(
        _("alleen in het jaarprogramma van"), null=True, blank=True,
        help_text=_("Leeg: in elk jaar. Een jaartal: alleen bij het jaarprogramma van dat jaar."))
    text = models.TextField(_("tekst"), blank=True,
                            help_text=_("Tekst of opsomming; bij een figuur het onderschrift."))
    list_style = models.CharField(_("weergave"), max_length=20, choices=ListStyle.choices, blank=True,
                                  help_text=_("Hoe de agenda de onderdelen van dit blok afdrukt."))
    figure_layout = models.CharField(_("figuur"), max_length=20, choices=FigureLayout.choices, blank=True)
    figure_items = models.JSONField(_("onderdelen van de figuur"), default=list, blank=True,
                                    help_text=_('Lijst van {"title": …, "text": …}, in de volgorde van de figuur.'))
    figure_description = models.TextField(_("tekstalternatief"), blank=True,
                                          help_text=_("Wat de figuur laat zien, in woorden."))

    history = HistoricalRecords()

    class Meta:
        ordering = ["section", "intro_section", "order"]
        verbose_name = _("blok")
        verbose_name_plural = _("blokken")
        constraints = [
            models.CheckConstraint(
                condition=models.Q(section__isnull=False, intro_section__isnull=True)
                | models.Q(section__isnull=True, intro_section__isnull=False),
                name="block_in_one_section"),
        ]

    def __str__(self):
        from opgaven.text import plain

        shown = plain(self.text) if self.text else ""
        return f"{self.get_kind_display()}{': ' if shown else ''}{shown[:50]}"

    @property
    def holds_items(self):
        return self.kind in self.ITEM_KINDS

    def shown_in(self, year):
        return self.year is None or self.year == year


def block_field():
    """Where an item is printed: the block of its section that lists it (opgaven.layout)."""
    return models.ForeignKey(Block, null=True, blank=True, on_delete=models.SET_NULL, related_name="+",
                             verbose_name=_("blok"))


class Ambition(ChapterContent):
    chapter = models.ForeignKey(Chapter, on_delete=models.CASCADE, related_name="ambitions")
    number = models.PositiveSmallIntegerField(_("nummer"))
    text = models.TextField(_("ambitie"))
    block = block_field()

    history = HistoricalRecords()

    class Meta:
        ordering = ["chapter", "order", "number"]
        verbose_name = _("ambitie")
        verbose_name_plural = _("ambities")
        constraints = [unique_number("chapter", "number", name="ambition_unique_number")]

    def __str__(self):
        return f"{self.chapter.title} – ambitie {self.number}"

    @property
    def anchor(self):
        return f"ambitie-{self.chapter.number}-{self.number}"


class ContributionKind(models.TextChoices):
    """What a contribution is. Money is one of four things, and the agenda keeps them apart:
    a party commits it, it is a cost, it is needed from a party, or a third party funds it."""

    CONTENT = "inhoudelijk", _("Inhoudelijke bijdrage")
    COMMITMENT = "toezegging", _("Financiële bijdrage van een partij (toezegging)")
    COST = "kosten", _("Kosten")
    NEED = "behoefte", _("Nodig (gevraagd van een partij)")
    FUNDING = "financiering", _("Financiering door een derde")


# Who `organisation` is, per kind: the party that gives (content, commitment, funding), the
# party the money is needed from (need) or the party whose cost it is (cost).
GIVING_KINDS = (ContributionKind.CONTENT, ContributionKind.COMMITMENT, ContributionKind.FUNDING)


class Contribution(ChapterContent):
    """What a partner (or the network as a whole) contributes to a chapter's ambition, or what
    money the text names: committed by, needed from or funded by a party, or a cost.

    `organisation` is the party it concerns (see GIVING_KINDS): a page credits a party with a
    contribution only when that party gives it (`gives`)."""

    chapter = models.ForeignKey(Chapter, on_delete=models.CASCADE, related_name="contributions")
    organisation = models.ForeignKey(
        "governance.Organisation", null=True, blank=True, on_delete=models.PROTECT,
        related_name="contributions", verbose_name=_("organisatie"),
    )
    kind = models.CharField(_("soort"), max_length=20, choices=ContributionKind.choices,
                            default=ContributionKind.CONTENT)
    text = models.TextField(_("bijdrage"))
    amount_eur = models.DecimalField(_("bedrag (euro)"), max_digits=14, decimal_places=0,
                                     null=True, blank=True)
    amount_period = models.CharField(_("periode van het bedrag"), max_length=50, blank=True)
    block = block_field()

    history = HistoricalRecords()

    class Meta:
        ordering = ["chapter", "order"]
        verbose_name = _("bijdrage van partners")
        verbose_name_plural = _("bijdragen van partners")

    def __str__(self):
        return f"{self.chapter.title} – {self.organisation or 'netwerk'}"

    @property
    def anchor(self):
        # Contributions have no number in the document: their place in the chapter.
        return f"bijdrage-{self.chapter.number}-{self.order}"

    @property
    def is_money(self):
        return self.kind != ContributionKind.CONTENT

    @property
    def gives(self):
        """Whether `organisation` gives this (work, money or means): only then is it its contribution."""
        return self.organisation_id is not None and self.kind in GIVING_KINDS

    @property
    def label(self):
        """What the page prints before the text, in the agenda's terms: who gives it, or what
        kind of money it is and whom it concerns."""
        party = str(self.organisation) if self.organisation_id else ""
        if self.kind == ContributionKind.CONTENT:
            return party
        # The agenda's own words: "KB draagt bij", "kost", "nodig van", "gefinancierd door".
        phrases = {
            ContributionKind.COMMITMENT: (_("Bijdrage van %(party)s"), _("Bijdrage")),
            ContributionKind.COST: (_("Kosten voor %(party)s"), _("Kosten")),
            ContributionKind.NEED: (_("Nodig van %(party)s"), _("Nodig")),
            ContributionKind.FUNDING: (_("Gefinancierd door %(party)s"), _("Financiering")),
        }
        with_party, without = phrases[self.kind]
        return with_party % {"party": party} if party else str(without)


class Quote(ChapterContent):
    chapter = models.ForeignKey(Chapter, on_delete=models.CASCADE, related_name="quotes")
    section = models.ForeignKey(Section, null=True, blank=True, on_delete=models.SET_NULL,
                                related_name="quotes")
    text = models.TextField(_("citaat"))
    block = block_field()

    history = HistoricalRecords()

    class Meta:
        ordering = ["chapter", "order"]
        verbose_name = _("citaat")
        verbose_name_plural = _("citaten")

    def __str__(self):
        return self.text[:60]


class Footnote(ChapterContent):
    chapter = models.ForeignKey(Chapter, on_delete=models.CASCADE, related_name="footnotes")
    section = models.ForeignKey(Section, null=True, blank=True, on_delete=models.SET_NULL,
                                related_name="footnotes")
    number = models.PositiveSmallIntegerField(_("nummer"))
    text = models.TextField(_("voetnoot"))

    history = HistoricalRecords()

    class Meta:
        ordering = ["chapter", "section", "number"]
        verbose_name = _("voetnoot")
        verbose_name_plural = _("voetnoten")
        # The document numbers footnotes per page, restarting in places: a number is unique
        # within its section (3.1 and 3.4 both have a footnote 1).
        constraints = [models.UniqueConstraint(fields=["chapter", "section", "number"],
                                               name="footnote_unique_number")]

    def __str__(self):
        return f"{self.number}. {self.text[:50]}"

    @property
    def prefix(self):
        return self.section.footnote_prefix if self.section_id else f"hoofdstuk-{self.chapter.number}-"

    @property
    def anchor(self):
        """The note on the page: "paragraaf-3-4-fn-1" is footnote 1 of section 3.4."""
        return f"{self.prefix}fn-{self.number}"

    @property
    def ref_anchor(self):
        """Where the text refers to it (opgaven.text.footnote_link)."""
        return f"{self.prefix}fnref-{self.number}"


class CommentStatus(models.TextChoices):
    OPEN = "open", _("Open")
    HANDLED = "afgehandeld", _("Afgehandeld")


class Comment(models.Model):
    """A reader's remark on a chapter (or one of its ambitions) during a review round."""

    chapter = models.ForeignKey(Chapter, on_delete=models.CASCADE, related_name="comments")
    ambition = models.ForeignKey(Ambition, null=True, blank=True, on_delete=models.CASCADE,
                                 related_name="comments")
    author = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT,
                               related_name="comments")
    text = models.TextField(_("commentaar"))
    created_at = models.DateTimeField(auto_now_add=True)
    status = models.CharField(max_length=20, choices=CommentStatus.choices, default=CommentStatus.OPEN)
    reply = models.TextField(_("antwoord"), blank=True)
    handled_by = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, blank=True,
                                   on_delete=models.SET_NULL, related_name="+")
    handled_at = models.DateTimeField(null=True, blank=True)
    # Raised by every answer: a second writer answering from an older page is refused
    # (opgaven.services.handle_comment), as edits to agenda items are.
    version = models.PositiveIntegerField(default=1, editable=False)

    class Meta:
        ordering = ["-created_at"]
        verbose_name = _("commentaar")
        verbose_name_plural = _("commentaren")

    def __str__(self):
        return f"{self.author} over {self.chapter.title}"


# An export's states are every job's states (governance.jobs).
ExportStatus = JobStatus


class ExportKind(models.TextChoices):
    AGENDA = "agenda", _("Netwerkagenda")
    CHAPTER = "onderdeel", _("Eén onderdeel")
    PROGRESS = "voortgang", _("Voortgangsrapportage")


class ExportJob(Job):
    """A PDF export: who asked for what, and the file; how far it is lives in governance.jobs."""

    task_name = "opgaven.tasks.render_export"
    time_limit = settings.PDF_EXPORT_TIME_LIMIT
    max_attempts = settings.PDF_EXPORT_MAX_ATTEMPTS

    kind = models.CharField(max_length=20, choices=ExportKind.choices, default=ExportKind.AGENDA)
    edition = models.ForeignKey(Edition, on_delete=models.CASCADE, related_name="exports")
    year = models.PositiveSmallIntegerField(_("jaar"))
    chapter = models.ForeignKey(Chapter, null=True, blank=True, on_delete=models.CASCADE)
    requested_by = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL,
                                     related_name="exports")
    content_hash = models.CharField(max_length=64, blank=True)
    # What the document was made of, known before rendering (opgaven.pdf.fingerprint).
    fingerprint = models.CharField(max_length=64, blank=True, db_index=True)
    file = models.FileField(upload_to="exports/%Y/", blank=True)

    class Meta:
        ordering = ["-created_at"]
        verbose_name = _("PDF-export")
        verbose_name_plural = _("PDF-exports")
        permissions = [("export_agenda", _("Mag de Netwerkagenda als PDF exporteren"))]

    @classmethod
    def queue(cls):
        return settings.PDF_EXPORT_QUEUE

    def __str__(self):
        return f"{self.get_kind_display()} {self.edition.slug} {self.year} ({self.get_status_display()})"


class Publication(models.Model):
    """A frozen version of a chapter: offered to its sign-off route, decided on, and (once the
    route's public step is taken) the copy the public reads.

    Written by opgaven.publication.freeze_version(), never edited. `established_at` is set when
    the version became public; the one at `chapter.established_at` is what readers see."""

    chapter = models.ForeignKey(Chapter, null=True, blank=True, on_delete=models.CASCADE, related_name="publications")
    # Set for a version of the edition's front matter (motto, introduction, manifest), whose chapter is empty.
    edition = models.ForeignKey(Edition, null=True, blank=True, on_delete=models.CASCADE,
                                related_name="front_matter_versions")
    frozen_at = models.DateTimeField(_("bevroren op"), default=timezone.now)
    established_at = models.DateTimeField(_("openbaar sinds"), null=True, blank=True)
    content = models.JSONField(encoder=DjangoJSONEncoder)
    # Names this content for good (a primary key is handed out again after a rollback on SQLite,
    # and a copied database repeats it): readers keep decoded content by it (publication.py).
    token = models.UUIDField(default=uuid.uuid4, editable=False)

    class Meta:
        ordering = ["chapter", "-frozen_at"]
        get_latest_by = "frozen_at"
        verbose_name = _("versie")
        verbose_name_plural = _("versies")
        constraints = [
            models.UniqueConstraint(fields=["chapter", "established_at"], name="publication_unique_moment"),
        ]

    def __str__(self):
        return f"{self.subject} ({timezone.localtime(self.frozen_at):%d-%m-%Y %H:%M})"

    @property
    def subject(self):
        """What this is a version of: a chapter, or an edition's front matter."""
        return self.chapter or self.edition


class StepKind(models.TextChoices):
    OFFER = "aanbieden", _("Ter bespreking aanbieden")
    FEEDBACK = "feedback", _("Feedbackronde afronden")
    ESTABLISH = "vaststellen", _("Vaststellen")
    APPROVE = "akkoord", _("Akkoord")
    RATIFY = "bekrachtigen", _("Bekrachtigen")


class RouteStep(models.Model):
    """One step of an edition's sign-off route, taken by a body or an organisation's board.

    Steps with the same position may be taken in any order (the three akkoorden). A step
    without body or organisation is taken by the chapter's own steering body (its writers)."""

    edition = models.ForeignKey(Edition, on_delete=models.CASCADE, related_name="route")
    position = models.PositiveSmallIntegerField(_("volgorde"))
    kind = models.CharField(_("soort"), max_length=20, choices=StepKind.choices)
    name = models.CharField(_("naam"), max_length=200)
    body = models.ForeignKey("governance.Body", null=True, blank=True, on_delete=models.PROTECT,
                             related_name="route_steps", verbose_name=_("gremium"))
    organisation = models.ForeignKey("governance.Organisation", null=True, blank=True, on_delete=models.PROTECT,
                                     related_name="route_steps", verbose_name=_("organisatie"))
    publishes = models.BooleanField(_("daarna openbaar"), default=False,
                                    help_text=_("Na deze stap leest het publiek de tekst."))

    class Meta:
        ordering = ["edition", "position", "pk"]
        verbose_name = _("stap in de besluitvorming")
        verbose_name_plural = _("stappen in de besluitvorming")
        constraints = [
            models.CheckConstraint(condition=~(models.Q(body__isnull=False) & models.Q(organisation__isnull=False)),
                                   name="routestep_body_or_organisation"),
        ]

    def __str__(self):
        return self.name


class DecisionOutcome(models.TextChoices):
    ADOPTED = "aangenomen", _("Aangenomen")
    SENT_BACK = "teruggestuurd", _("Teruggestuurd")


class Decision(models.Model):
    """What a body (or an organisation's board) decided, when, about exactly which version."""

    edition = models.ForeignKey(Edition, on_delete=models.CASCADE, related_name="decisions")
    chapter = models.ForeignKey(Chapter, null=True, blank=True, on_delete=models.CASCADE, related_name="decisions",
                                help_text=_("Leeg: de agenda als geheel."))
    year = models.PositiveSmallIntegerField(_("jaarprogramma"), null=True, blank=True)
    version = models.ForeignKey(Publication, null=True, blank=True, on_delete=models.PROTECT,
                                related_name="decisions", verbose_name=_("versie"))
    step = models.ForeignKey(RouteStep, null=True, blank=True, on_delete=models.PROTECT, related_name="decisions")
    body = models.ForeignKey("governance.Body", null=True, blank=True, on_delete=models.PROTECT,
                             related_name="decisions", verbose_name=_("gremium"))
    organisation = models.ForeignKey("governance.Organisation", null=True, blank=True, on_delete=models.PROTECT,
                                     related_name="decisions", verbose_name=_("organisatie"))
    meeting = models.ForeignKey("governance.Meeting", null=True, blank=True, on_delete=models.SET_NULL,
                                related_name="decisions", verbose_name=_("vergadering"))
    in_writing = models.BooleanField(_("schriftelijk"), default=False)
    date = models.DateField(_("datum"), null=True, blank=True, help_text=_("Leeg als de datum niet bekend is."))
    outcome = models.CharField(_("uitkomst"), max_length=20, choices=DecisionOutcome.choices,
                               default=DecisionOutcome.ADOPTED)
    text = models.TextField(_("besluit"))
    reasons = models.TextField(_("redenen"), blank=True)
    weighing = models.TextField(_("afweging van bezwaren en feedback"), blank=True)
    source = models.CharField(_("bron"), max_length=300, blank=True)
    recorded_by = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL,
                                    related_name="+")
    recorded_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = [models.F("date").desc(nulls_last=True), "-recorded_at"]
        verbose_name = _("besluit")
        verbose_name_plural = _("besluiten")

    def __str__(self):
        return self.text[:80]

    @property
    def decided_by(self):
        return self.body or self.organisation


class SuggestionStatus(models.TextChoices):
    OPEN = "open", _("Open")
    ACCEPTED = "overgenomen", _("Overgenomen")
    DECLINED = "afgewezen", _("Niet overgenomen")


class Suggestion(models.Model):
    """A reader's proposed change to the text of an item (a tracked change), until a writer
    accepts it (an edit, `history_id`) or declines it (an answered comment, `comment`).

    `original` and `proposed` map the item's text fields to their text when the proposal was
    made and to the proposal; `base_version` is the item's version then (opgaven.suggestions)."""

    chapter = models.ForeignKey(Chapter, on_delete=models.CASCADE, related_name="suggestions",
                                verbose_name=_("onderdeel"))
    item_type = models.ForeignKey("contenttypes.ContentType", on_delete=models.CASCADE, related_name="+",
                                  verbose_name=_("soort"))
    item_id = models.PositiveBigIntegerField(_("nummer in de database"))
    item_label = models.CharField(_("tekstdeel"), max_length=300)  # as it was called when proposed
    original = models.JSONField(_("tekst toen"), default=dict)
    proposed = models.JSONField(_("voorstel"), default=dict)
    base_version = models.PositiveIntegerField(_("versie van de tekst"))
    note = models.TextField(_("toelichting"), blank=True)
    author = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="suggestions",
                               verbose_name=_("indiener"))
    created_at = models.DateTimeField(_("ingediend op"), default=timezone.now)
    status = models.CharField(_("status"), max_length=20, choices=SuggestionStatus.choices,
                              default=SuggestionStatus.OPEN)
    decided_by = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL,
                                   related_name="+", verbose_name=_("besloten door"))
    decided_at = models.DateTimeField(_("besloten op"), null=True, blank=True)
    # Accepted: the history record (django-simple-history) of the edit it became.
    history_id = models.PositiveBigIntegerField(_("wijziging"), null=True, blank=True)
    # Declined: the comment it became, answered with the reason.
    comment = models.OneToOneField(Comment, null=True, blank=True, on_delete=models.SET_NULL,
                                   related_name="suggestion", verbose_name=_("commentaar"))

    class Meta:
        ordering = ["-created_at", "-pk"]
        verbose_name = _("voorstel tot wijziging")
        verbose_name_plural = _("voorstellen tot wijziging")
        indexes = [models.Index(fields=["item_type", "item_id"])]

    def __str__(self):
        return f"{self.author} over {self.item_label}"

    @property
    def is_open(self):
        return self.status == SuggestionStatus.OPEN

    @property
    def tracked_changes(self):
        """The proposal as deleted and inserted words, against the text it was made on."""
        from opgaven.suggestions import tracked_changes

        return tracked_changes(self)
