"""Reads for the dashboards and the cockpit.

Every function runs a fixed number of queries, however many chapters, actions, carriers
and updates there are: counts are aggregated in the database, related rows are prefetched."""

import datetime
from dataclasses import dataclass, field

from django.db.models import Avg, Count, Exists, Max, OuterRef, Prefetch, Q, Subquery
from django.utils import timezone

from governance.models import Organisation
from jaarprogramma.models import Action, ActionCarrier, ActionStatus, SuccessCriterion
from jaarprogramma.publication import published_actions, published_criteria
from opgaven.models import Chapter, ChapterKind, Edition

from .models import ActionLink, Indicator, ProgressUpdate, ReportingPeriod

# An open action without a progress update for this long counts as stale.
STALE_AFTER = datetime.timedelta(days=90)
CLOSED = [ActionStatus.DONE, ActionStatus.CANCELLED]
STATUSES = list(ActionStatus)


def current_edition():
    return Edition.objects.current()


def current_period(filters, today=None):
    """The chosen reporting period, else the one running today, else the most recent one."""
    if filters.get("period"):
        return filters["period"]
    today = today or timezone.localdate()
    periods = list(ReportingPeriod.objects.filter(start__lte=today).order_by("-start")[:5])
    running = [p for p in periods if p.contains(today)]
    return (running or periods or [None])[0]


def _latest_update(field_name):
    return Subquery(
        ProgressUpdate.objects.filter(action=OuterRef("pk"))
        .exclude(**{f"{field_name}__isnull": True})
        .order_by("-date", "-created_at")
        .values(field_name)[:1]
    )


def actions(edition, filters, *, public=False):
    """The actions the filters select, in agenda order (no annotations, usable as a subquery)."""
    qs = Action.objects.filter(jaarprogramma__chapter__edition=edition)
    if public:
        # Only what was established exists for the public (the snapshot's ids, so an action
        # added to the draft stays out).
        qs = qs.filter(pk__in=[action.pk for action in published_actions(edition)])
    if filters.get("year"):
        qs = qs.filter(jaarprogramma__year=filters["year"])
    if filters.get("chapter"):
        qs = qs.filter(jaarprogramma__chapter=filters["chapter"])
    if filters.get("status"):
        qs = qs.filter(status=filters["status"])
    if filters.get("organisation"):
        qs = qs.filter(pk__in=Action.objects.carried_by([filters["organisation"]]).values("pk"))
    return qs


def with_progress(qs, today=None):
    """Annotate what the dashboards show per action: last update, latest percentage, flags."""
    today = today or timezone.localdate()
    return (
        qs.annotate(
            last_update=Max("updates__date"),
            latest_percentage=_latest_update("percentage"),
        )
        .select_related("jaarprogramma__chapter")
        .prefetch_related(Prefetch("carriers", queryset=ActionCarrier.objects.select_related("organisation")))
        .order_by("jaarprogramma__chapter__number", "jaarprogramma__year", "order", "pk")
    )


def _stale_q(today):
    recent = ProgressUpdate.objects.filter(action=OuterRef("pk"), date__gte=today - STALE_AFTER)
    return ~Q(status__in=CLOSED) & ~Exists(recent)


def _overdue_q(today):
    return ~Q(status__in=CLOSED) & Q(due_date__lt=today)


def _status_counts(prefix=""):
    return {
        f"n_{status.value.replace('-', '_')}": Count("pk" if not prefix else f"{prefix}pk",
                                                    filter=Q(**{f"{prefix}status": status}))
        for status in STATUSES
    }


@dataclass
class StatusRow:
    """Counts per status for one chapter or organisation, in ActionStatus order."""

    subject: object
    counts: list = field(default_factory=list)  # [(ActionStatus, n)]
    total: int = 0
    overdue: int = 0
    stale: int = 0
    average_percentage: float | None = None
    last_update: datetime.date | None = None
    reported: bool | None = None

    @property
    def done(self):
        return dict(self.counts).get(ActionStatus.DONE, 0)

    @property
    def open_count(self):
        closed = dict(self.counts)
        return self.total - sum(closed.get(status, 0) for status in CLOSED)

    @property
    def has_to_report(self):
        """Not reported in the period while it still carries open actions."""
        return self.reported is False and self.open_count > 0


def _counts_from(row):
    return [(status, row.get(f"n_{status.value.replace('-', '_')}", 0)) for status in STATUSES]


def chapter_overview(edition, filters, *, public=False, today=None):
    """Per chapter: status distribution, overdue and stale actions. Two queries."""
    today = today or timezone.localdate()
    chapters = Chapter.objects.filter(edition=edition)
    if public:
        chapters = chapters.established()
    if filters.get("chapter"):
        chapters = chapters.filter(pk=filters["chapter"].pk)
    grouped = {
        row["jaarprogramma__chapter"]: row
        for row in actions(edition, filters, public=public)
        .values("jaarprogramma__chapter")
        .annotate(
            total=Count("pk"),
            overdue=Count("pk", filter=_overdue_q(today)),
            stale=Count("pk", filter=_stale_q(today)),
            **_status_counts(),
        )
        .order_by()
    }
    rows = []
    for chapter in chapters:
        row = grouped.get(chapter.pk, {})
        rows.append(StatusRow(chapter, _counts_from(row), row.get("total", 0), row.get("overdue", 0),
                              row.get("stale", 0)))
    return rows


def totals(rows):
    """The sum of several StatusRows (the 'whole agenda' line)."""
    total = StatusRow(None, [(status, 0) for status in STATUSES])
    for row in rows:
        total.counts = [(status, n + m) for (status, n), (_, m) in zip(total.counts, row.counts, strict=True)]
        total.total += row.total
        total.overdue += row.overdue
        total.stale += row.stale
    return total


def latest_updates(edition, filters, *, limit=10):
    return (
        ProgressUpdate.objects.filter(action__in=actions(edition, filters).values("pk"))
        .select_related("action__jaarprogramma__chapter", "organisation", "author")
        .order_by("-date", "-created_at")[:limit]
    )


def organisation_overview(edition, filters, period, *, today=None):
    """Per carrying organisation: its actions by status, average progress, last update,
    and whether it reported within the reporting period. One query."""
    today = today or timezone.localdate()
    selected = actions(edition, filters).values("pk")
    in_selection = Q(carried_actions__action__in=selected)
    latest_pct = Subquery(
        ProgressUpdate.objects.filter(action=OuterRef("carried_actions__action"), percentage__isnull=False)
        .order_by("-date", "-created_at").values("percentage")[:1]
    )
    annotations = {
        "total": Count("carried_actions", filter=in_selection),
        "overdue": Count("carried_actions", filter=in_selection & Q(
            ~Q(carried_actions__action__status__in=CLOSED), carried_actions__action__due_date__lt=today)),
        "average_percentage": Avg(latest_pct, filter=in_selection),
        "last_update": Subquery(
            ProgressUpdate.objects.filter(organisation=OuterRef("pk")).order_by("-date").values("date")[:1]
        ),
        **{
            f"n_{status.value.replace('-', '_')}": Count(
                "carried_actions", filter=in_selection & Q(carried_actions__action__status=status))
            for status in STATUSES
        },
    }
    if period:
        in_period = ProgressUpdate.objects.filter(date__gte=period.start, date__lte=period.end)
        annotations["reported_self"] = Exists(in_period.filter(organisation=OuterRef("pk")))
        # A collective carrier ("de bibliotheken") has reported when any member of its type did,
        # on an action it carries.
        annotations["reported_by_type"] = Exists(in_period.filter(
            organisation__type=OuterRef("type"), action__carriers__organisation=OuterRef("pk")))
    orgs = (
        Organisation.objects.filter(carried_actions__action__in=selected).distinct().values("pk")
    )
    rows = []
    for org in Organisation.objects.filter(pk__in=orgs).annotate(**annotations).order_by("name"):
        row = StatusRow(org, _counts_from(org.__dict__), org.total, org.overdue,
                        average_percentage=org.average_percentage, last_update=org.last_update)
        if period:
            row.reported = org.reported_self or (org.collective and org.reported_by_type)
        rows.append(row)
    return rows


@dataclass
class Matrix:
    opgaven: list
    uitdagingen: list
    cells: dict  # (uitdaging pk, opgave pk) -> number of connecting actions

    @property
    def rows(self):
        return [
            (uitdaging, [(opgave, self.cells.get((uitdaging.pk, opgave.pk), 0)) for opgave in self.opgaven])
            for uitdaging in self.uitdagingen
        ]

    @property
    def total(self):
        return sum(self.cells.values())


def matrix(edition, filters, *, public=False):
    """Opgaven × stelseluitdagingen: how many actions connect each pair. Two queries.

    An action connects a pair when it belongs to one of them and is linked to the other."""
    chapters = Chapter.objects.filter(edition=edition).order_by("number")
    if public:
        chapters = chapters.established()
    chapters = list(chapters)
    opgaven = [c for c in chapters if c.kind == ChapterKind.OPGAVE]
    uitdagingen = [c for c in chapters if c.kind == ChapterKind.STELSELUITDAGING]
    kinds = {c.pk: c.kind for c in chapters}
    cells = {}
    links = (
        ActionLink.objects.filter(action__in=actions(edition, filters, public=public).values("pk"))
        .values("action__jaarprogramma__chapter", "chapter")
        .annotate(n=Count("action", distinct=True))
        .order_by()
    )
    for link in links:
        own, other = link["action__jaarprogramma__chapter"], link["chapter"]
        if kinds.get(own) == ChapterKind.OPGAVE and kinds.get(other) == ChapterKind.STELSELUITDAGING:
            own, other = other, own
        if kinds.get(own) == ChapterKind.STELSELUITDAGING and kinds.get(other) == ChapterKind.OPGAVE:
            cells[(own, other)] = cells.get((own, other), 0) + link["n"]
    return Matrix(opgaven, uitdagingen, cells)


def indicators(edition, filters, *, public=False):
    qs = Indicator.objects.filter(edition=edition).select_related("chapter").prefetch_related("measurements")
    if public:
        qs = qs.filter(Q(chapter__isnull=True) | Q(chapter__established_at__isnull=False))
    if filters.get("chapter"):
        qs = qs.filter(chapter=filters["chapter"])
    return qs.order_by("chapter__number", "name")


def success_criteria(edition, filters, *, public=False):
    if public:
        chapter = filters.get("chapter")
        criteria = published_criteria(edition, **({"pk": chapter.pk} if chapter else {}))
        year = filters.get("year")
        return [c for c in criteria if not year or c.jaarprogramma.year == year]
    qs = SuccessCriterion.objects.filter(jaarprogramma__chapter__edition=edition)
    if filters.get("year"):
        qs = qs.filter(jaarprogramma__year=filters["year"])
    if filters.get("chapter"):
        qs = qs.filter(jaarprogramma__chapter=filters["chapter"])
    return qs.select_related("jaarprogramma__chapter").order_by(
        "jaarprogramma__chapter__number", "-jaarprogramma__year", "order")
