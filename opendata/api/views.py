"""The public API, version 1: the established agenda, read through opgaven.publication.

Reading needs no account. Posting progress updates and measurements needs a personal API
key (or a session) and the same right as in the browser: jaarprogramma.access decides who
reports on an action (through monitoring.services.post_progress_update), monitoring.access
who records measurements."""

from collections.abc import Sequence

from django.contrib.auth.models import AnonymousUser
from django.core.exceptions import PermissionDenied
from django.db.models import F, Prefetch, Q
from django.http import Http404
from django.shortcuts import get_object_or_404
from django.utils.translation import gettext as _
from drf_spectacular.types import OpenApiTypes
from drf_spectacular.utils import OpenApiParameter, extend_schema, extend_schema_view
from rest_framework import mixins, permissions, status, viewsets
from rest_framework.decorators import action as route
from rest_framework.decorators import api_view, permission_classes, schema
from rest_framework.exceptions import NotFound, ValidationError
from rest_framework.response import Response

from governance.models import Body, Membership, Organisation
from jaarprogramma.access import parts_reportable_for
from jaarprogramma.models import Action, Jaarprogramma
from jaarprogramma.publication import frozen_actions, thaw_actions
from monitoring import services as monitoring_services
from monitoring.access import can_view_dashboard
from monitoring.models import Indicator, Measurement, ProgressUpdate
from opgaven import publication, signoff
from opgaven.models import Chapter, Decision, Edition

from . import serializers as s


def _param(name, description, kind=OpenApiTypes.STR):
    return OpenApiParameter(name, kind, OpenApiParameter.QUERY, required=False, description=description)


EDITION = _param("editie", "Alleen deze editie (slug, bv. 2021-2023).")
# The lists of the agenda's content (chapters, programmes, actions, progress updates) read the
# current edition unless asked for another, or for every one: each edition's content is thawed.
ALL_EDITIONS = "alle"
CONTENT_EDITION = _param(
    "editie", "Alleen deze editie (slug, bv. 2021-2023). Zonder deze parameter: de huidige editie (waarmee het "
              f"portaal opent); `{ALL_EDITIONS}`: elke editie, de nieuwste eerst.")
CHAPTER = _param("onderdeel", "Alleen dit onderdeel (id).", OpenApiTypes.INT)
YEAR = _param("jaar", "Alleen het jaarprogramma van dit jaar.", OpenApiTypes.INT)
ORGANISATION = _param("organisatie", "Alleen wat deze organisatie (sleutel) uitvoert of meldt.")


def _int(request, name):
    value = request.query_params.get(name)
    if value in (None, ""):
        return None
    try:
        return int(value)
    except ValueError:
        raise ValidationError({name: [_("Geef een geheel getal.")]}) from None


def content_editions(request):
    """The editions a content list reads: the one asked for (`?editie=`), every one
    (`?editie=alle`), or else the current one."""
    slug = request.query_params.get("editie")
    qs = Edition.objects.order_by("-start_year")
    if slug == ALL_EDITIONS:
        return list(qs)
    if slug:
        return list(qs.filter(slug=slug))
    current = Edition.objects.current()
    return [current] if current else []


def _content_chapters(request):
    return Chapter.objects.filter(edition__in=content_editions(request)).order_by("-edition__start_year", "number")


def published_chapters(request):
    """Every established chapter of the editions asked for (content_editions), newest edition
    first: thawed together, so the number of queries does not grow with the number of editions."""
    return publication.established(_content_chapters(request))


def _chapter_of(model, pk, path):
    """The established chapter (thawed) that holds the live object `pk`, or a 404."""
    row = model.objects.filter(pk=pk).values_list(path, flat=True).first()
    chapter = Chapter.objects.filter(pk=row, established_at__isnull=False).select_related("edition").first()
    if chapter is None:
        raise Http404
    shown = publication.published(chapter.edition, pk=chapter.pk)
    if not shown:
        raise Http404
    return shown[0]


def _programmes(chapters, year=None):
    return [p for c in chapters for p in sorted(c.jaarprogrammas.all(), key=lambda p: p.year)
            if year is None or p.year == year]


def _actions(programmes):
    return [a for p in programmes for a in p.actions.all()]


class ListRetrieve(mixins.ListModelMixin, mixins.RetrieveModelMixin, viewsets.GenericViewSet):
    """List and retrieve over what the publication layer returns (lists, not querysets)."""

    def find(self, key):
        raise NotImplementedError

    def get_object(self):
        obj = self.find(self.kwargs[self.lookup_field])
        if obj is None:
            raise NotFound(_("Niet gevonden, of (nog) niet vastgesteld."))
        return obj


@extend_schema_view(
    list=extend_schema(summary="Edities",
                       description="Elke editie van de Netwerkagenda met haar vastgestelde onderdelen."),
    retrieve=extend_schema(summary="Eén editie"),
)
class EditionViewSet(ListRetrieve):
    serializer_class = s.EditionSerializer
    queryset = Edition.objects.none()
    lookup_field = "slug"
    pagination_class = None

    def _as_established(self, editions):
        """Each edition's established front matter (motto, introduction, manifest) and chapters."""
        shown = []
        for edition in editions:
            front = publication.front_matter(AnonymousUser(), edition)
            front.published_chapters = publication.published(edition)
            shown.append(front)
        return shown

    def get_queryset(self):
        return self._as_established(Edition.objects.order_by("-start_year"))

    def find(self, key):
        return next(iter(self._as_established(Edition.objects.filter(slug=key))), None)


@extend_schema_view(
    list=extend_schema(summary="Onderdelen",
                       parameters=[CONTENT_EDITION, _param("soort", "opgave of stelseluitdaging")],
                       responses=s.ChapterSummarySerializer(many=True)),
    retrieve=extend_schema(summary="Eén onderdeel met zijn vastgestelde inhoud",
                           description="Paragrafen, ambities, bijdragen, citaten, voetnoten en de jaarprogramma's "
                                       "met succescriteria en acties, zoals vastgesteld."),
)
class ChapterViewSet(ListRetrieve):
    serializer_class = s.ChapterSerializer
    queryset = Chapter.objects.none()

    def get_serializer_class(self):
        return s.ChapterSummarySerializer if self.action == "list" else s.ChapterSerializer

    def get_queryset(self):
        kind = self.request.query_params.get("soort")
        return [c for c in published_chapters(self.request) if not kind or c.kind == kind]

    def find(self, key):
        try:
            return _chapter_of(Chapter, int(key), "pk")
        except (ValueError, Http404):
            return None


@extend_schema_view(
    list=extend_schema(summary="Jaarprogramma's", parameters=[CONTENT_EDITION, CHAPTER, YEAR],
                       responses=s.ProgrammeSummarySerializer(many=True)),
    retrieve=extend_schema(summary="Eén jaarprogramma met succescriteria en acties"),
)
class ProgrammeViewSet(ListRetrieve):
    serializer_class = s.ProgrammeSerializer
    queryset = Jaarprogramma.objects.none()

    def get_serializer_class(self):
        return s.ProgrammeSummarySerializer if self.action == "list" else s.ProgrammeSerializer

    def get_queryset(self):
        chapter = _int(self.request, "onderdeel")
        chapters = [c for c in published_chapters(self.request) if chapter is None or c.pk == chapter]
        return _programmes(chapters, _int(self.request, "jaar"))

    def find(self, key):
        try:
            chapter = _chapter_of(Jaarprogramma, int(key), "chapter_id")
        except (ValueError, Http404):
            return None
        return next((p for p in chapter.jaarprogrammas.all() if p.pk == int(key)), None)


class ActionPages(Sequence):
    """Established actions in the agenda's order, thawed a slice at a time (a page of the list)."""

    def __init__(self, content, entries):
        self.content, self.entries = content, entries
        self.pks = [pk for pk, _ in entries]

    def __len__(self):
        return len(self.pks)

    def __getitem__(self, index):
        if not isinstance(index, slice):
            return self[index:index + 1 or None][0]
        pks = self.pks[index]
        actions = thaw_actions(self.content, pks, among=[node for _, node in self.entries])
        return [actions[pk] for pk in pks]


@extend_schema_view(
    list=extend_schema(summary="Acties", description=(
        "De acties zoals ze zijn vastgesteld, per pagina (`pagina`, `aantal`), in de volgorde van de agenda: "
        "van de huidige editie, tenzij `editie` een andere of `alle` vraagt."), parameters=[
        CONTENT_EDITION, CHAPTER, YEAR, ORGANISATION, _param("status", "Alleen acties met deze status.")]),
    retrieve=extend_schema(summary="Eén actie met uitvoerders, subacties en status"),
)
class ActionViewSet(ListRetrieve):
    serializer_class = s.ActionSerializer
    queryset = Action.objects.none()

    def get_queryset(self):
        """The actions asked for, as an ActionPages: which there are and in what order is read from
        the frozen content; only the page the paginator takes is thawed."""
        request = self.request
        chapter = _int(request, "onderdeel")
        content = [(c, frozen) for c, frozen in publication.established_content(_content_chapters(request))
                   if chapter is None or c.pk == chapter]
        entries = frozen_actions(content, _int(request, "jaar"))
        if request.query_params.get("status"):
            # The status is a live fact (publication.register_live_fields).
            matching = set(Action.objects.filter(pk__in=[pk for pk, _ in entries],
                                                 status=request.query_params["status"]).values_list("pk", flat=True))
            entries = [(pk, node) for pk, node in entries if pk in matching]
        key = request.query_params.get("organisatie")
        if key:
            organisation = Organisation.objects.filter(key=key).first()
            covering = set(Organisation.objects.speaking_for([organisation]).values_list("pk", flat=True)
                           ) if organisation else set()
            entries = [(pk, node) for pk, node in entries if any(
                carrier["fields"].get("organisation") in covering
                for carrier in node.get("children", {}).get("carriers", []))]
        return ActionPages(content, entries)

    def find(self, key):
        try:
            chapter = _chapter_of(Action, int(key), "jaarprogramma__chapter_id")
        except (ValueError, Http404):
            return None
        return next((a for a in _actions(_programmes([chapter])) if a.pk == int(key)), None)

    def get_serializer_class(self):
        if self.action == "updates" and self.request.method == "POST":
            return s.ProgressUpdateCreateSerializer
        if self.action == "updates":
            return s.ProgressUpdateSerializer
        return s.ActionSerializer

    def get_permissions(self):
        if self.request.method == "POST":
            return [permissions.IsAuthenticated()]
        return super().get_permissions()

    @extend_schema(methods=["GET"], summary="Voortgangsberichten van een actie",
                   responses=s.ProgressUpdateSerializer(many=True))
    @extend_schema(methods=["POST"], summary="Voortgang melden",
                   description="Voor medewerkers van een organisatie die de actie uitvoert (of leden van een "
                               "gremium dat haar uitvoert: `organisation` is dan de sleutel van het gremium), met "
                               "hun API-sleutel (`Authorization: Token …`). Elke uitvoerder meldt over zijn eigen "
                               "deel; een meegegeven status wordt de status van dat deel, de status van de actie "
                               "volgt uit haar delen.",
                   request=s.ProgressUpdateCreateSerializer, responses={201: s.ProgressUpdateSerializer})
    @route(detail=True, methods=["get", "post"], url_path="voortgang", url_name="updates")
    def updates(self, request, pk=None):
        if request.method == "GET":
            action = self.get_object()
            updates = ProgressUpdate.objects.filter(action_id=action.pk).select_related(
                "organisation", "carrier__organisation", "carrier__body")
            page = self.paginate_queryset(updates)
            context = {**self.get_serializer_context(), "show_texts": can_view_dashboard(request.user)}
            return self.get_paginated_response(s.ProgressUpdateSerializer(page, many=True, context=context).data)
        action = get_object_or_404(Action, pk=pk)
        data = s.ProgressUpdateCreateSerializer(data=request.data)
        data.is_valid(raise_exception=True)
        values = dict(data.validated_data)
        # Each carrier reports on its own part: the part of the given organisation (or of a
        # collective it belongs to), or of the body with that slug.
        key = values.pop("organisation")
        organisation = Organisation.objects.filter(key=key).first()
        if organisation is None and not action.carriers.filter(body__slug=key).exists():
            raise ValidationError({"organisation": [_("Deze organisatie bestaat niet.")]})
        carrier = next((c for c in parts_reportable_for(request.user, action)
                        if (c.organisation.covers(organisation) if c.organisation_id and organisation
                            else c.body_id and c.body.slug == key)), None)
        if carrier is None:
            raise PermissionDenied(_("Deze gebruiker mag geen voortgang melden voor dit deel van de actie."))
        update = monitoring_services.post_progress_update(carrier=carrier, author=request.user, **values)
        context = {**self.get_serializer_context(), "show_texts": True}
        return Response(s.ProgressUpdateSerializer(update, context=context).data, status=status.HTTP_201_CREATED)


@extend_schema_view(list=extend_schema(
    summary="Voortgangsberichten",
    description="Van acties zoals ze zijn vastgesteld, nieuwste eerst. De toelichting blijft intern.",
    parameters=[CONTENT_EDITION, CHAPTER, ORGANISATION, _param("actie", "Alleen deze actie (id).", OpenApiTypes.INT)]))
class ProgressUpdateViewSet(mixins.ListModelMixin, viewsets.GenericViewSet):
    serializer_class = s.ProgressUpdateSerializer
    queryset = ProgressUpdate.objects.none()

    def get_queryset(self):
        request = self.request
        chapter = _int(request, "onderdeel")
        chapters = [c for c in published_chapters(request) if chapter is None or c.pk == chapter]
        action_ids = [a.pk for a in _actions(_programmes(chapters))]
        updates = ProgressUpdate.objects.filter(action_id__in=action_ids).select_related(
            "organisation", "carrier__organisation", "carrier__body")
        if _int(request, "actie") is not None:
            updates = updates.filter(action_id=_int(request, "actie"))
        if request.query_params.get("organisatie"):
            updates = updates.filter(organisation__key=request.query_params["organisatie"])
        return updates.order_by("-date", "-created_at", "-pk")

    def get_serializer_context(self):
        return {**super().get_serializer_context(), "show_texts": can_view_dashboard(self.request.user)}


def public_indicators():
    return Indicator.objects.filter(Q(chapter__isnull=True) | Q(chapter__established_at__isnull=False))


@extend_schema_view(
    list=extend_schema(summary="Indicatoren met hun metingen", parameters=[EDITION, CHAPTER]),
    retrieve=extend_schema(summary="Eén indicator met zijn metingen"),
)
class IndicatorViewSet(ListRetrieve):
    serializer_class = s.IndicatorSerializer
    queryset = Indicator.objects.none()

    def _indicators(self):
        return public_indicators().select_related("edition").prefetch_related(
            Prefetch("measurements", queryset=Measurement.objects.order_by("date", "pk")))

    def get_queryset(self):
        qs = self._indicators().order_by("edition__start_year", "chapter__number", "name", "pk")
        if self.request.query_params.get("editie"):
            qs = qs.filter(edition__slug=self.request.query_params["editie"])
        if _int(self.request, "onderdeel") is not None:
            qs = qs.filter(chapter_id=_int(self.request, "onderdeel"))
        return qs

    def find(self, key):
        try:
            return self._indicators().filter(pk=int(key)).first()
        except ValueError:
            return None

    def get_permissions(self):
        if self.request.method == "POST":
            return [permissions.IsAuthenticated()]
        return super().get_permissions()

    @extend_schema(summary="Meting vastleggen", request=s.MeasurementSerializer,
                   responses={201: s.MeasurementSerializer},
                   description="Voor het netwerkoverleg en wie metingen mag vastleggen, met een API-sleutel.")
    @route(detail=True, methods=["post"], url_path="metingen", url_name="measurements",
           serializer_class=s.MeasurementSerializer)
    def measurements(self, request, pk=None):
        indicator = self.get_object()
        data = s.MeasurementSerializer(data=request.data)
        data.is_valid(raise_exception=True)
        measurement = monitoring_services.record_measurement(indicator=indicator, user=request.user,
                                                             **data.validated_data)
        return Response(s.MeasurementSerializer(measurement).data, status=status.HTTP_201_CREATED)


@extend_schema_view(
    list=extend_schema(summary="Gremia", parameters=[_param("soort", "Alleen gremia van deze soort.")]),
    retrieve=extend_schema(summary="Eén gremium met zijn leden"),
)
class BodyViewSet(ListRetrieve):
    serializer_class = s.BodySerializer
    queryset = Body.objects.none()
    lookup_field = "slug"

    def _bodies(self):
        return Body.objects.prefetch_related(
            "organisations", "chapters",
            Prefetch("memberships", queryset=Membership.objects.public().select_related("person", "organisation")))

    def get_queryset(self):
        qs = self._bodies().order_by("kind", "name")
        if self.request.query_params.get("soort"):
            qs = qs.filter(kind=self.request.query_params["soort"])
        return qs

    def find(self, key):
        return self._bodies().filter(slug=key).first()


@extend_schema_view(
    list=extend_schema(summary="Organisaties", parameters=[_param("type", "Alleen organisaties van dit type.")]),
    retrieve=extend_schema(summary="Eén organisatie"),
)
class OrganisationViewSet(ListRetrieve):
    serializer_class = s.OrganisationSerializer
    queryset = Organisation.objects.none()
    lookup_field = "key"

    def get_queryset(self):
        qs = Organisation.objects.order_by("name", "pk")
        if self.request.query_params.get("type"):
            qs = qs.filter(type=self.request.query_params["type"])
        return qs

    def find(self, key):
        return Organisation.objects.filter(key=key).first()


@extend_schema_view(
    list=extend_schema(summary="Besluiten", description="Openbare besluiten over de agenda, nieuwste eerst.",
                       parameters=[EDITION, CHAPTER]),
    retrieve=extend_schema(summary="Eén besluit"),
)
class DecisionViewSet(ListRetrieve):
    serializer_class = s.DecisionSerializer
    queryset = Decision.objects.none()

    def get_queryset(self):
        decisions = signoff.public_decisions()
        if self.request.query_params.get("editie"):
            decisions = decisions.filter(edition__slug=self.request.query_params["editie"])
        if _int(self.request, "onderdeel") is not None:
            decisions = decisions.filter(chapter_id=_int(self.request, "onderdeel"))
        return decisions.order_by(F("date").desc(nulls_last=True), "-recorded_at", "-pk")

    def find(self, key):
        try:
            return signoff.public_decisions().filter(pk=int(key)).first()
        except ValueError:
            return None


@api_view(["GET", "POST", "PUT", "PATCH", "DELETE"])
@permission_classes([permissions.AllowAny])
@schema(None)
def not_found(request, rest=""):
    """Unknown addresses under /api/ answer in the API's JSON shape, not with an HTML page."""
    raise NotFound(_("Dit adres bestaat niet in de API."))
