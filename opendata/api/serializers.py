"""What the API shows of each kind: the established version, as opgaven.publication gives it.

The serializers read the in-memory objects the publication layer thaws (no queries of their
own). Field names are the model's; descriptions say what they mean, in Dutch."""

from django.urls import reverse
from drf_spectacular.types import OpenApiTypes
from drf_spectacular.utils import extend_schema_field
from rest_framework import serializers

from governance.models import OrganisationType
from jaarprogramma.models import ActionStatus, CarrierRole
from opgaven.models import Aspect, ChapterKind, ContributionKind


@extend_schema_field(OpenApiTypes.URI)
class WebUrlField(serializers.Field):
    """The item's page on the portal, as an absolute address."""

    def __init__(self, **kwargs):
        kwargs.setdefault("help_text", "De pagina op het portaal.")
        super().__init__(source="*", read_only=True, **kwargs)

    def to_representation(self, value):
        url = value.get_absolute_url()
        request = self.context.get("request")
        return request.build_absolute_uri(url) if request else url


@extend_schema_field(OpenApiTypes.STR)
class KeyField(serializers.Field):
    """A related object by its key (or slug): `KeyField("key")`."""

    def __init__(self, attr, **kwargs):
        self.attr = attr
        super().__init__(read_only=True, **kwargs)

    def to_representation(self, value):
        return getattr(value, self.attr)


def keys(attr, source, **kwargs):
    return serializers.ListField(child=KeyField(attr), source=f"{source}.all", read_only=True, **kwargs)


def api_url(serializer, name, *args):
    url = reverse(f"api:{name}", args=args)
    request = serializer.context.get("request")
    return request.build_absolute_uri(url) if request else url


class OrganisationRefSerializer(serializers.Serializer):
    key = serializers.SlugField(help_text="De vaste sleutel van de organisatie.")
    name = serializers.CharField()
    short_name = serializers.CharField()
    type = serializers.ChoiceField(choices=OrganisationType.choices)


class OrganisationSerializer(OrganisationRefSerializer):
    collective = serializers.BooleanField(help_text="Staat voor alle organisaties van dit type.")
    column = serializers.CharField(source="action_column", help_text="Kolom in de actietabel.")
    aliases = serializers.ListField(child=serializers.CharField())
    web_url = WebUrlField()


class MemberSerializer(serializers.Serializer):
    name = serializers.CharField(source="person.name")
    role = serializers.CharField()
    organisation = KeyField("key", allow_null=True)


class BodySerializer(serializers.Serializer):
    slug = serializers.SlugField()
    name = serializers.CharField()
    kind = serializers.CharField()
    power = serializers.CharField(help_text="Wat de leden doen: vaststellen, sturen of adviseren.")
    description = serializers.CharField(help_text="Markdown.")
    organisations = keys("key", "organisations")
    chapters = serializers.SerializerMethodField(help_text="Vastgestelde onderdelen die dit gremium stuurt.")
    members = MemberSerializer(source="memberships", many=True, read_only=True)
    web_url = WebUrlField()

    @extend_schema_field(serializers.ListField(child=serializers.IntegerField()))
    def get_chapters(self, body):
        return [chapter.pk for chapter in body.chapters.all() if chapter.established_at is not None]


class IntroSectionSerializer(serializers.Serializer):
    number = serializers.CharField()
    title = serializers.CharField()
    body = serializers.CharField(help_text="Markdown.")


class PrincipleSerializer(serializers.Serializer):
    number = serializers.IntegerField()
    title = serializers.CharField()
    body = serializers.CharField(help_text="Markdown.")


class ChapterSummarySerializer(serializers.Serializer):
    id = serializers.IntegerField()
    edition = KeyField("slug")
    number = serializers.IntegerField()
    kind = serializers.ChoiceField(choices=ChapterKind.choices)
    position = serializers.IntegerField()
    slug = serializers.SlugField()
    title = serializers.CharField()
    display_title = serializers.CharField()
    established_at = serializers.DateTimeField(help_text="Wanneer deze versie is vastgesteld.")
    url = serializers.SerializerMethodField()
    web_url = WebUrlField()

    @extend_schema_field(OpenApiTypes.URI)
    def get_url(self, chapter):
        return api_url(self, "chapter-detail", chapter.pk)


class EditionSerializer(serializers.Serializer):
    slug = serializers.SlugField()
    title = serializers.CharField()
    start_year = serializers.IntegerField()
    end_year = serializers.IntegerField()
    motto = serializers.CharField(help_text="Markdown.")
    manifest_title = serializers.CharField()
    manifest_intro = serializers.CharField(help_text="Markdown.")
    intro_sections = IntroSectionSerializer(many=True, read_only=True)
    principles = PrincipleSerializer(many=True, read_only=True)
    chapters = ChapterSummarySerializer(source="published_chapters", many=True, read_only=True,
                                        help_text="De vastgestelde onderdelen.")


class SectionSerializer(serializers.Serializer):
    id = serializers.IntegerField()
    number = serializers.CharField()
    title = serializers.CharField()
    aspects = serializers.ListField(child=serializers.ChoiceField(choices=Aspect.choices))
    body = serializers.CharField(help_text="Markdown.")


class AmbitionSerializer(serializers.Serializer):
    id = serializers.IntegerField()
    number = serializers.IntegerField()
    text = serializers.CharField(help_text="Markdown.")


class ContributionSerializer(serializers.Serializer):
    id = serializers.IntegerField()
    organisation = OrganisationRefSerializer(allow_null=True)
    kind = serializers.ChoiceField(choices=ContributionKind.choices)
    text = serializers.CharField(help_text="Markdown.")
    amount_eur = serializers.DecimalField(max_digits=14, decimal_places=0, allow_null=True)
    amount_period = serializers.CharField()


class QuoteSerializer(serializers.Serializer):
    id = serializers.IntegerField()
    section = serializers.IntegerField(source="section_id", allow_null=True)
    text = serializers.CharField(help_text="Markdown.")


class FootnoteSerializer(serializers.Serializer):
    number = serializers.IntegerField()
    text = serializers.CharField(help_text="Markdown.")


class SuccessCriterionSerializer(serializers.Serializer):
    id = serializers.IntegerField()
    text = serializers.CharField(help_text="Markdown.")
    met = serializers.BooleanField(
        allow_null=True, help_text="Behaald volgens het netwerkoverleg (leeg: nog niet beoordeeld).")


class CarrierSerializer(serializers.Serializer):
    organisation = OrganisationRefSerializer()
    role = serializers.ChoiceField(choices=CarrierRole.choices)


class ActionPartSerializer(serializers.Serializer):
    letter = serializers.CharField()
    text = serializers.CharField(help_text="Markdown.")


class ActionSerializer(serializers.Serializer):
    id = serializers.IntegerField()
    chapter = serializers.IntegerField(source="jaarprogramma.chapter_id")
    year = serializers.IntegerField(source="jaarprogramma.year")
    number = serializers.CharField(help_text="Het nummer zoals de agenda het drukt.")
    anchor = serializers.CharField(help_text="Het anker op de pagina van het onderdeel.")
    theme = serializers.CharField()
    title = serializers.CharField(help_text="Markdown.")
    description = serializers.CharField(help_text="Markdown.")
    status = serializers.ChoiceField(choices=ActionStatus.choices, help_text="De status van nu.")
    due_date = serializers.DateField(allow_null=True)
    carriers = CarrierSerializer(many=True, read_only=True)
    parts = ActionPartSerializer(source="subitems", many=True, read_only=True, help_text="Subacties (a, b, c …).")
    url = serializers.SerializerMethodField()
    web_url = WebUrlField()

    @extend_schema_field(OpenApiTypes.URI)
    def get_url(self, action):
        return api_url(self, "action-detail", action.pk)


class ProgrammeSummarySerializer(serializers.Serializer):
    id = serializers.IntegerField()
    chapter = serializers.IntegerField(source="chapter_id")
    year = serializers.IntegerField()
    intro = serializers.CharField(help_text="Markdown.")
    url = serializers.SerializerMethodField()

    @extend_schema_field(OpenApiTypes.URI)
    def get_url(self, programme):
        return api_url(self, "programme-detail", programme.pk)


class ProgrammeSerializer(ProgrammeSummarySerializer):
    success_criteria = SuccessCriterionSerializer(many=True, read_only=True)
    actions = ActionSerializer(many=True, read_only=True)


class ChapterSerializer(ChapterSummarySerializer):
    sections = SectionSerializer(many=True, read_only=True)
    ambitions = AmbitionSerializer(many=True, read_only=True)
    contributions = ContributionSerializer(many=True, read_only=True)
    quotes = QuoteSerializer(many=True, read_only=True)
    footnotes = FootnoteSerializer(many=True, read_only=True)
    programmes = ProgrammeSerializer(source="jaarprogrammas", many=True, read_only=True)


class ProgressUpdateSerializer(serializers.Serializer):
    id = serializers.IntegerField(read_only=True)
    action = serializers.IntegerField(source="action_id", read_only=True)
    organisation = KeyField("key")
    part = serializers.SerializerMethodField(
        help_text="Het deel van de actie waarover het bericht gaat: de sleutel van de uitvoerende organisatie "
                  "of van het uitvoerende gremium.")
    source = serializers.CharField(read_only=True, help_text="Het gepubliceerde bericht waaruit de voortgang komt.")
    date = serializers.DateField(read_only=True)
    status = serializers.CharField(read_only=True)
    percentage = serializers.IntegerField(allow_null=True, read_only=True)
    created_at = serializers.DateTimeField(read_only=True)
    text = serializers.SerializerMethodField(
        help_text="De toelichting: alleen voor wie de dashboards ziet (openbaar blijft die intern).")

    def get_text(self, update) -> str | None:
        return update.text if self.context.get("show_texts") else None

    def get_part(self, update) -> str | None:
        carrier = update.carrier
        if carrier is None:
            return None
        return carrier.organisation.key if carrier.organisation_id else carrier.body.slug


class ProgressUpdateCreateSerializer(serializers.Serializer):
    organisation = serializers.SlugField(
        help_text="Sleutel van uw organisatie die de actie uitvoert, of van het gremium dat haar uitvoert.")
    date = serializers.DateField()
    text = serializers.CharField(max_length=5000)
    percentage = serializers.IntegerField(min_value=0, max_value=100, required=False, allow_null=True)
    status = serializers.ChoiceField(choices=ActionStatus.choices, required=False, allow_blank=True)


class MeasurementSerializer(serializers.Serializer):
    id = serializers.IntegerField(read_only=True)
    date = serializers.DateField()
    value = serializers.DecimalField(max_digits=14, decimal_places=2)
    source = serializers.CharField(max_length=300)
    note = serializers.CharField(required=False, allow_blank=True, max_length=5000)


class IndicatorSerializer(serializers.Serializer):
    id = serializers.IntegerField()
    edition = KeyField("slug")
    chapter = serializers.IntegerField(source="chapter_id", allow_null=True)
    slug = serializers.SlugField()
    name = serializers.CharField()
    unit = serializers.CharField()
    baseline = serializers.DecimalField(max_digits=14, decimal_places=2, allow_null=True)
    baseline_year = serializers.IntegerField(allow_null=True)
    target = serializers.DecimalField(max_digits=14, decimal_places=2, allow_null=True)
    target_year = serializers.IntegerField(allow_null=True)
    source = serializers.CharField()
    measurements = MeasurementSerializer(many=True, read_only=True)


class DecisionSerializer(serializers.Serializer):
    id = serializers.IntegerField()
    edition = KeyField("slug")
    chapter = serializers.IntegerField(source="chapter_id", allow_null=True,
                                       help_text="Leeg: de agenda als geheel.")
    year = serializers.IntegerField(allow_null=True, help_text="Het jaarprogramma waarover het ging.")
    body = KeyField("slug", allow_null=True, help_text="Het gremium dat besloot.")
    organisation = KeyField("key", allow_null=True, help_text="De organisatie die besloot.")
    meeting = serializers.CharField(allow_null=True)
    in_writing = serializers.BooleanField()
    date = serializers.DateField(allow_null=True, help_text="Leeg als de datum niet bekend is.")
    outcome = serializers.CharField()
    text = serializers.CharField()
    reasons = serializers.SerializerMethodField(help_text="Waarom de tekst is teruggestuurd.")
    source = serializers.CharField()

    def get_reasons(self, decision) -> str:
        return decision.reasons if decision.outcome == "teruggestuurd" else ""
