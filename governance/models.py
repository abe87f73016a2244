import hashlib
import hmac
import unicodedata

from django.conf import settings
from django.contrib.auth.models import AbstractUser
from django.contrib.sessions.base_session import AbstractBaseSession
from django.db import models
from django.db.models.functions import Lower
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from simple_history.models import HistoricalRecords


def normalise_name(value: str) -> str:
    """Fold case, accents and spacing so 'Anja  Oosterlaken ' matches 'anja oosterlaken'."""
    value = value or ""
    if value.isascii():  # no accents to strip: an import of 10,000 rows calls this ~50,000 times
        return " ".join(value.casefold().split())
    decomposed = unicodedata.normalize("NFKD", value)
    stripped = "".join(c for c in decomposed if not unicodedata.combining(c))
    return " ".join(stripped.casefold().split())


class User(AbstractUser):
    """Portal account. What a user may do follows from `person` (organisations, bodies)."""

    class Meta:
        verbose_name = _("gebruiker")
        verbose_name_plural = _("gebruikers")


class OrganisationType(models.TextChoices):
    KB = "KB", "KB"
    SPN = "SPN", "SPN"
    POI = "POI", "POI"
    VOB = "VOB", "VOB"
    OB = "OB", _("Openbare bibliotheek")
    EXTERNAL = "EXTERNAL", _("Externe partner")


class ActionColumn(models.TextChoices):
    """The columns of the agenda's per-organisation action table (chapter 7)."""

    VOB_SBW = "VOB_SBW", "VOB/SBW"
    KB = "KB", "KB"
    SPN = "SPN", "SPN"
    OB = "OB", "OB"
    OTHER = "OTHER", _("Overig")


class OrganisationQuerySet(models.QuerySet):
    def by_name(self):
        """Map every spelling (key, name, short name, alias) to its organisation."""
        index = {}
        for org in self:
            for spelling in [org.key, org.name, org.short_name, *org.aliases]:
                if spelling:
                    index[normalise_name(spelling)] = org
        return index

    def speaking_for(self, organisations):
        """The organisations that speak for these (Organisation.covers, in the database):
        themselves, and the collective of each one's type ("de bibliotheken")."""
        orgs = list(organisations)
        return self.filter(models.Q(pk__in=[org.pk for org in orgs])
                           | models.Q(collective=True, type__in={org.type for org in orgs}))


class Organisation(models.Model):
    key = models.SlugField(_("sleutel"), max_length=80, unique=True)
    name = models.CharField(_("naam"), max_length=200)
    short_name = models.CharField(_("korte naam"), max_length=80, blank=True)
    type = models.CharField(_("type"), max_length=10, choices=OrganisationType.choices)
    collective = models.BooleanField(
        _("collectief"),
        default=False,
        help_text=_("Staat voor alle organisaties van dit type, zoals ‘de bibliotheken’."),
    )
    column = models.CharField(
        _("kolom in actietabel"),
        max_length=10,
        choices=ActionColumn.choices,
        blank=True,
        help_text=_("Leeg: afgeleid van het type."),
    )
    aliases = models.JSONField(_("andere schrijfwijzen"), default=list, blank=True)

    objects = OrganisationQuerySet.as_manager()
    history = HistoricalRecords()

    class Meta:
        ordering = ["name"]
        verbose_name = _("organisatie")
        verbose_name_plural = _("organisaties")

    def __str__(self):
        return self.short_name or self.name

    def get_absolute_url(self):
        return reverse("governance:organisation_detail", args=[self.key])

    def covers(self, other) -> bool:
        """Whether this organisation speaks for `other`: itself, or the collective of its type
        ("de bibliotheken"). OrganisationQuerySet.speaking_for asks the same in the database."""
        return self.pk == other.pk or (self.collective and self.type == other.type)

    @property
    def action_column(self) -> str:
        if self.column:
            return self.column
        return {
            OrganisationType.VOB: ActionColumn.VOB_SBW,
            OrganisationType.KB: ActionColumn.KB,
            OrganisationType.SPN: ActionColumn.SPN,
            OrganisationType.POI: ActionColumn.SPN,
            OrganisationType.OB: ActionColumn.OB,
        }.get(self.type, ActionColumn.OTHER)


class PersonQuerySet(models.QuerySet):
    def public(self):
        """The people a public page may name: never the demo accounts' people."""
        return self.filter(is_demo=False)


class Person(models.Model):
    name = models.CharField(_("naam"), max_length=200)
    normalised_name = models.CharField(max_length=200, editable=False, db_index=True)
    email = models.EmailField(_("e-mail"), blank=True)
    organisations = models.ManyToManyField(
        Organisation, related_name="people", blank=True, verbose_name=_("organisaties")
    )
    user = models.OneToOneField(
        User, null=True, blank=True, on_delete=models.SET_NULL, related_name="person",
        verbose_name=_("account"),
    )
    is_demo = models.BooleanField(
        _("demo-account"), default=False,
        help_text=_("Aangemaakt door load_demo_accounts; staat nooit op openbare pagina's."),
    )

    objects = PersonQuerySet.as_manager()
    history = HistoricalRecords(m2m_fields=[organisations])

    class Meta:
        ordering = ["name"]
        verbose_name = _("persoon")
        verbose_name_plural = _("personen")
        constraints = [
            models.UniqueConstraint(
                Lower("email"), condition=~models.Q(email=""), name="person_unique_email"
            ),
        ]

    def __str__(self):
        return self.name

    def save(self, *args, **kwargs):
        self.normalised_name = normalise_name(self.name)
        if kwargs.get("update_fields") is not None and "name" in kwargs["update_fields"]:
            kwargs["update_fields"] = {*kwargs["update_fields"], "normalised_name"}
        super().save(*args, **kwargs)


class BodyKind(models.TextChoices):
    NETWERKOVERLEG = "netwerkoverleg", _("Netwerkoverleg")
    KOERSGROEP = "koersgroep", _("Koersgroep")
    REFLECTIEGROEP = "reflectiegroep", _("Reflectiegroep")
    REGIETEAM = "regieteam", _("Programma-regieteam")
    STUURGROEP = "stuurgroep", _("Stuurgroep")
    KLANKBORDGROEP = "klankbordgroep", _("Klankbordgroep")
    INNOVATIERAAD = "innovatieraad", _("Innovatieraad")
    KERNTEAM = "kernteam", _("Kernteam")
    BESTUURLIJK_OVERLEG = "bestuurlijk-overleg", _("Bestuurlijk overleg")
    TEAM = "team", _("Team")
    COMMISSIE = "commissie", _("Commissie")
    NETWERK = "netwerk", _("Netwerk")


class BodyCategory(models.TextChoices):
    """What kind of body it is, in the agenda's terms: who steers, advises, carries out,
    shares knowledge, or decides as a board."""

    STEERING = "sturend", _("Sturend")
    ADVISORY = "adviserend", _("Adviserend")
    TEAM = "team", _("Uitvoerend team")
    NETWORK = "netwerk", _("Netwerk")
    BOARD = "bestuurlijk", _("Bestuurlijk")


# The netwerkoverleg steers the agenda as a whole; the bestuurlijk overleg of the three
# governments and the three library organisations ratifies it. Teams and committees carry out
# (the projectteam, the kernteams, the KB Inkoopcommissie); networks share knowledge and work
# (Innovatienetwerk, Kennisnetwerk, Lerend Netwerk, Leescoalitie, HR-netwerk).
BODY_CATEGORIES = {
    BodyKind.NETWERKOVERLEG: BodyCategory.STEERING,
    BodyKind.KOERSGROEP: BodyCategory.STEERING,
    BodyKind.REGIETEAM: BodyCategory.STEERING,
    BodyKind.STUURGROEP: BodyCategory.STEERING,
    BodyKind.REFLECTIEGROEP: BodyCategory.ADVISORY,
    BodyKind.KLANKBORDGROEP: BodyCategory.ADVISORY,
    BodyKind.INNOVATIERAAD: BodyCategory.ADVISORY,
    BodyKind.KERNTEAM: BodyCategory.TEAM,
    BodyKind.TEAM: BodyCategory.TEAM,
    BodyKind.COMMISSIE: BodyCategory.TEAM,
    BodyKind.NETWERK: BodyCategory.NETWORK,
    BodyKind.BESTUURLIJK_OVERLEG: BodyCategory.BOARD,
}


class BodyPower(models.TextChoices):
    """What the members of a body may do with the chapters it is linked to."""

    ESTABLISHES = "vaststellen", _("stelt vast")
    STEERS = "sturen", _("stuurt en schrijft")
    ADVISES = "adviseren", _("leest mee en geeft commentaar")


# The agenda's own words: the netwerkoverleg establishes; each koersgroep steers its chapter
# (as the programma-regieteams wrote it in 2020, and the stuurgroep steers the robust local
# library); reflectiegroepen "guard the network perspective" and have no agenda of their own,
# so they, the klankbordgroep, the kernteams and the Innovatieraad advise. The bestuurlijk
# overleg ratifies what was established: towards the text it is a reader, so it advises.
# Teams, committees and networks carry out or share; only steering bodies' schrijvers edit,
# so towards the text of a chapter they are linked to they read and comment too.
BODY_POWERS = {
    BodyKind.NETWERKOVERLEG: BodyPower.ESTABLISHES,
    BodyKind.KOERSGROEP: BodyPower.STEERS,
    BodyKind.REGIETEAM: BodyPower.STEERS,
    BodyKind.STUURGROEP: BodyPower.STEERS,
    BodyKind.REFLECTIEGROEP: BodyPower.ADVISES,
    BodyKind.KLANKBORDGROEP: BodyPower.ADVISES,
    BodyKind.INNOVATIERAAD: BodyPower.ADVISES,
    BodyKind.KERNTEAM: BodyPower.ADVISES,
    BodyKind.BESTUURLIJK_OVERLEG: BodyPower.ADVISES,
    BodyKind.TEAM: BodyPower.ADVISES,
    BodyKind.COMMISSIE: BodyPower.ADVISES,
    BodyKind.NETWERK: BodyPower.ADVISES,
}


def kinds_with(power):
    return [kind for kind, kind_power in BODY_POWERS.items() if kind_power == power]


class BodyQuerySet(models.QuerySet):
    def establishing(self):
        return self.filter(kind__in=kinds_with(BodyPower.ESTABLISHES))

    def steering(self):
        return self.filter(kind__in=kinds_with(BodyPower.STEERS))


class Body(models.Model):
    """A governance body (gremium): the netwerkoverleg, a koersgroep, a reflectiegroep …

    Its kind says what its members may do (`power`): the netwerkoverleg establishes every
    chapter; in a steering body the schrijvers edit the linked chapters and the other members
    comment; the members of an advisory body read and comment, never edit."""

    slug = models.SlugField(max_length=100, unique=True)
    name = models.CharField(_("naam"), max_length=200)
    kind = models.CharField(_("soort"), max_length=30, choices=BodyKind.choices)
    description = models.TextField(_("beschrijving"), blank=True)
    organisations = models.ManyToManyField(
        Organisation, related_name="bodies", blank=True, verbose_name=_("vertegenwoordigde organisaties")
    )
    members = models.ManyToManyField(Person, through="Membership", related_name="bodies")

    objects = BodyQuerySet.as_manager()
    history = HistoricalRecords()

    class Meta:
        ordering = ["kind", "name"]
        verbose_name = _("gremium")
        verbose_name_plural = _("gremia")

    def __str__(self):
        return self.name

    def get_absolute_url(self):
        return reverse("governance:body_detail", args=[self.slug])

    @property
    def category(self) -> str:
        return BODY_CATEGORIES.get(self.kind, BodyCategory.ADVISORY)

    def get_category_display(self):
        return BodyCategory(self.category).label

    @property
    def power(self) -> str:
        # An unknown kind grants the least: reading and commenting.
        return BODY_POWERS.get(self.kind, BodyPower.ADVISES)

    @property
    def establishes(self) -> bool:
        return self.power == BodyPower.ESTABLISHES

    @property
    def steers(self) -> bool:
        return self.power == BodyPower.STEERS

    @property
    def advises(self) -> bool:
        return self.power == BodyPower.ADVISES


class Role(models.TextChoices):
    CHAIR = "voorzitter", _("Voorzitter")
    SECRETARY = "secretaris", _("Secretaris")
    MEMBER = "lid", _("Lid")
    WRITER = "schrijver", _("Schrijver")
    READER = "meelezer", _("Meelezer")
    AMBASSADOR = "ambassadeur", _("Ambassadeur")


class MembershipQuerySet(models.QuerySet):
    def public(self):
        """Memberships a public page may show: not those of demo people."""
        return self.filter(person__is_demo=False)


class Membership(models.Model):
    body = models.ForeignKey(Body, on_delete=models.CASCADE, related_name="memberships")
    person = models.ForeignKey(Person, on_delete=models.CASCADE, related_name="memberships")
    role = models.CharField(_("rol"), max_length=20, choices=Role.choices, default=Role.MEMBER)
    organisation = models.ForeignKey(
        Organisation, null=True, blank=True, on_delete=models.SET_NULL,
        help_text=_("Namens welke organisatie iemand deelneemt."),
        verbose_name=_("namens"),
    )

    objects = MembershipQuerySet.as_manager()
    history = HistoricalRecords()

    class Meta:
        ordering = ["body", "person__name"]
        verbose_name = _("lidmaatschap")
        verbose_name_plural = _("lidmaatschappen")
        constraints = [
            models.UniqueConstraint(fields=["body", "person"], name="membership_unique_person"),
        ]

    def __str__(self):
        return f"{self.person} – {self.body} ({self.get_role_display()})"

    @property
    def writes(self) -> bool:
        """A schrijver of a steering body edits its chapters; every other member comments."""
        return self.role == Role.WRITER and self.body.steers


class UserSession(AbstractBaseSession):
    """A database session that remembers whose it is, so an account's sessions can be ended."""

    user_id = models.BigIntegerField(null=True, db_index=True, editable=False)

    class Meta:
        verbose_name = _("sessie")
        verbose_name_plural = _("sessies")

    @classmethod
    def get_session_store_class(cls):
        from governance.sessions import SessionStore

        return SessionStore

    @classmethod
    def end_sessions_of(cls, user):
        return cls.objects.filter(user_id=user.pk).delete()[0]


# What an anonymised person (AVG erasure) and their account are called from then on; what they
# wrote as part of the agenda stays, attributed to this.
ERASED_NAME = "verwijderde deelnemer"


def identity_digests(value: str) -> set:
    """Keyed fingerprints of a name or e-mail address (normalised), one per secret key in use.

    Enough to recognise the value in a later import, useless for reading it back without the
    portal's SECRET_KEY; SECRET_KEY_FALLBACKS keep old fingerprints valid after a key change."""
    normalised = normalise_name(value)
    if not normalised:
        return set()
    keys = [settings.SECRET_KEY, *getattr(settings, "SECRET_KEY_FALLBACKS", [])]
    return {hmac.new(key.encode(), f"avg:{normalised}".encode(), hashlib.sha256).hexdigest() for key in keys}


class ErasureQuerySet(models.QuerySet):
    def digests(self) -> set:
        return {digest for digests in self.values_list("digests", flat=True) for digest in digests}


class Erasure(models.Model):
    """A person anonymised at their request (AVG): when, by whom, and fingerprints of the
    names and addresses they had (`identity_digests`), never the names and addresses
    themselves, so a participant import skips them unless the administrator asks otherwise."""

    person = models.OneToOneField(Person, null=True, blank=True, on_delete=models.SET_NULL, related_name="erasure",
                                  verbose_name=_("persoon"))
    erased_at = models.DateTimeField(_("geanonimiseerd op"), default=timezone.now)
    erased_by = models.ForeignKey(User, null=True, blank=True, on_delete=models.SET_NULL, related_name="+",
                                  verbose_name=_("door"))
    digests = models.JSONField(default=list, editable=False)

    objects = ErasureQuerySet.as_manager()

    class Meta:
        ordering = ["-erased_at"]
        verbose_name = _("verwijdering (AVG)")
        verbose_name_plural = _("verwijderingen (AVG)")

    def __str__(self):
        return f"{ERASED_NAME} #{self.person_id or '-'} ({self.erased_at:%d-%m-%Y})"


class Meeting(models.Model):
    """A meeting of a body: its date, agenda, who attended and the minutes."""

    body = models.ForeignKey(Body, on_delete=models.PROTECT, related_name="meetings", verbose_name=_("gremium"))
    date = models.DateField(_("datum"), null=True, blank=True, help_text=_("Leeg als de datum niet bekend is."))
    title = models.CharField(_("titel"), max_length=200, blank=True)
    agenda = models.TextField(_("agendapunten"), blank=True, help_text=_("Eén agendapunt per regel."))
    attendees = models.ManyToManyField(Person, related_name="meetings_attended", blank=True,
                                       verbose_name=_("aanwezig"))
    minutes = models.TextField(_("verslag"), blank=True, help_text=_("Opmaak met Markdown."))
    source = models.CharField(_("bron"), max_length=300, blank=True)
    is_public = models.BooleanField(
        _("openbaar"), default=False,
        help_text=_("Agenda, verslag, aanwezigen en stukken zijn voor iedereen te lezen. Anders alleen voor de "
                    "leden van het gremium en beheerders."))

    history = HistoricalRecords(m2m_fields=[attendees])

    class Meta:
        ordering = [models.F("date").desc(nulls_last=True)]
        verbose_name = _("vergadering")
        verbose_name_plural = _("vergaderingen")

    def __str__(self):
        if self.title:
            return self.title
        return f"{self.body} {self.date:%d-%m-%Y}" if self.date else str(self.body)

    def get_absolute_url(self):
        return reverse("governance:meeting_detail", args=[self.body.slug, self.pk])

    def agenda_items(self):
        return [line.strip() for line in self.agenda.splitlines() if line.strip()]


class MeetingDocument(models.Model):
    meeting = models.ForeignKey(Meeting, on_delete=models.CASCADE, related_name="documents")
    title = models.CharField(_("titel"), max_length=200)
    file = models.FileField(_("bestand"), upload_to="vergaderstukken/%Y/")

    class Meta:
        ordering = ["meeting", "title"]
        verbose_name = _("vergaderstuk")
        verbose_name_plural = _("vergaderstukken")

    def __str__(self):
        return self.title

    def get_absolute_url(self):
        return reverse("governance:meeting_document", args=[self.meeting.body.slug, self.meeting_id, self.pk])


# Notifications and stored imports keep their models in their own modules.
from governance.imports.models import ParticipantImport  # noqa: E402, F401
from governance.notifications.models import Notification, NotificationPreference  # noqa: E402, F401
