"""Reads for the dashboards and the cockpit.

Every function runs a fixed number of queries, however many chapters, actions, carriers
and updates there are: counts are aggregated in the database or over rows fetched in one
query, related rows are prefetched.

Progress is reported per part (one part per carrier of an action): an action's status follows
from its parts, and the views per organisation or body count and average only that party's
parts (jaarprogramma.models: status_of_parts, percentage_of_parts)."""

import datetime
from dataclasses import dataclass, field

from django.core.paginator import Paginator
from django.db.models import Count, Exists, OuterRef, Prefetch, Q, Subquery
from django.utils import timezone

from governance.models import Body
from jaarprogramma.models import (
    Action,
    ActionCarrier,
    ActionStatus,
    Jaarprogramma,
    SuccessCriterion,
    percentage_of_parts,
)
from jaarprogramma.publication import established_action_ids, programme_years, published_criteria, thaw_actions
from jaarprogramma.years import current_year
from opgaven import publication
from opgaven.models import Chapter, ChapterKind, Edition

from .models import ChapterLink, Indicator, LinkSource, ProgressUpdate, ReportingPeriod

# An open action without a progress update for this long counts as stale.
STALE_AFTER = datetime.timedelta(days=90)
CLOSED = [ActionStatus.DONE, ActionStatus.CANCELLED]
STATUSES = list(ActionStatus)


def current_edition():
    return Edition.objects.current()


def current_programme_year(edition, *, public=False):
    """The year of the edition's newest programme (jaarprogramma.years.current_year); for the
    public, of its newest established one. One query."""
    if public:
        return current_year(programme_years(edition))
    years = Jaarprogramma.objects.filter(chapter__edition=edition).values_list("year", flat=True).distinct()
    return current_year(years)


def current_period(filters, today=None):
    """The chosen reporting period, else the one running today, else the most recent one."""
    if filters.get("period"):
        return filters["period"]
    today = today or timezone.localdate()
    periods = list(ReportingPeriod.objects.filter(start__lte=today).order_by("-start")[:5])
    running = [p for p in periods if p.contains(today)]
    return (running or periods or [None])[0]


def actions(edition, filters, *, public=False):
    """The actions the filters select, in agenda order (no annotations, usable as a subquery)."""
    qs = Action.objects.filter(jaarprogramma__chapter__edition=edition)
    if public:
        # Only what was established exists for the public (the snapshot's ids, so an action
        # added to the draft stays out), read from the frozen content without thawing it.
        qs = qs.filter(pk__in=sorted(established_action_ids(edition)))
    if filters.get("year"):
        qs = qs.filter(jaarprogramma__year=filters["year"])
    if filters.get("chapter"):
        qs = qs.filter(jaarprogramma__chapter=filters["chapter"])
    if filters.get("status"):
        qs = qs.filter(status=filters["status"])
    if filters.get("organisation"):
        qs = qs.filter(pk__in=Action.objects.carried_by([filters["organisation"]]).values("pk"))
    if filters.get("link"):
        qs = qs.filter(pk__in=link_actions(filters["link"]))
    return qs


def _last_update(**match):
    """The date of the latest update (of an action or a part): one look-up in the index on
    (action, date) or (carrier, date) per row, where joining every update and grouping grew with
    the years of updates."""
    latest = ProgressUpdate.objects.filter(**{name: OuterRef(value) for name, value in match.items()})
    return Subquery(latest.order_by("-date").values("date")[:1])


# An action carried by every library gathers thousands of updates over the years: its pages show
# the history a page at a time.
UPDATES_PER_PAGE = 50


def with_last_update(parts):
    """Each part's `last_update` (the date of its latest update): one query, an index look-up per
    part, however many updates the years brought."""
    parts = list(parts)
    dates = dict(ActionCarrier.objects.filter(pk__in=[part.pk for part in parts])
                 .annotate(last=_last_update(carrier="pk")).values_list("pk", "last"))
    for part in parts:
        part.last_update = dates.get(part.pk)
    return parts


def update_history(action_pk, page_number):
    """A page of the action's updates, newest first (kept, so they are its history too)."""
    updates = (ProgressUpdate.objects.filter(action_id=action_pk)
               .select_related("carrier__organisation", "carrier__body", "organisation", "author")
               .order_by("-date", "-created_at", "-pk"))
    return Paginator(updates, UPDATES_PER_PAGE).get_page(page_number)


def with_progress(qs, today=None):
    """What the dashboards show per action: the last update and the parts (carriers, with their
    status and percentage: `action.percentage_done`)."""
    return (
        qs.annotate(last_update=_last_update(action="pk"))
        .select_related("jaarprogramma__chapter__edition")
        .prefetch_related(Prefetch("carriers", queryset=ActionCarrier.objects.select_related("organisation", "body")))
        .order_by("jaarprogramma__chapter__number", "jaarprogramma__year", "order", "pk")
    )


def reporting_parties(edition):
    """How many actions of the edition have a reporting party (a carrier), of how many; the
    dashboard shows it so an action nobody can report on stands out."""
    return Action.objects.filter(jaarprogramma__chapter__edition=edition).aggregate(
        total=Count("pk", distinct=True),
        carried=Count("pk", distinct=True, filter=Q(carriers__isnull=False)),
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
        .select_related("action__jaarprogramma__chapter__edition", "organisation", "author",
                        "carrier__organisation", "carrier__body")
        .order_by("-date", "-created_at")[:limit]
    )


def public_latest_updates(edition, filters, *, limit=10):
    """The latest updates on established actions, each with the action as established (the
    public never sees a draft title): [(update, action)]. Only these updates' actions are thawed."""
    updates = list(
        ProgressUpdate.objects.filter(action__in=actions(edition, filters, public=True).values("pk"))
        .select_related("carrier__organisation", "carrier__body")
        .order_by("-date", "-created_at")[:limit]
    )
    established = thaw_actions(publication.published_content(edition), {u.action_id for u in updates}, parts=False)
    return [(update, established[update.action_id]) for update in updates if update.action_id in established]


def organisation_overview(edition, filters, period, *, today=None):
    """Per carrying party (organisation or body): its parts of the selected actions by status,
    the average progress of those parts, its last update, and whether every open part was
    reported on within the reporting period. One query.

    Only the party's own parts count: KB marking its part of a four-carrier action done makes
    KB's part done, not the action, and KB's average is over all of KB's parts."""
    today = today or timezone.localdate()
    parts = (
        ActionCarrier.objects.filter(action__in=actions(edition, filters).values("pk"))
        .select_related("organisation", "body", "action__jaarprogramma__chapter__edition")
        .annotate(last_update=_last_update(carrier="pk"))
        .order_by()
    )
    if period:
        in_period = ProgressUpdate.objects.filter(carrier=OuterRef("pk"), date__gte=period.start, date__lte=period.end)
        parts = parts.annotate(reported=Exists(in_period))
    rows = {}
    for part in parts:
        key = ("organisation", part.organisation_id) if part.organisation_id else ("body", part.body_id)
        row = rows.get(key)
        if row is None:
            row = rows[key] = PartyRow(part.party, [(status, 0) for status in STATUSES])
        row.parts.append(part)
    for row in rows.values():
        row.summarise(today, period)
    return sorted(rows.values(), key=lambda row: (row.is_body, str(row.subject).casefold()))


@dataclass
class PartyRow(StatusRow):
    """A StatusRow for one carrying party, counted over its parts."""

    parts: list = field(default_factory=list)
    missing_parts: list = field(default_factory=list)

    @property
    def is_body(self):
        return isinstance(self.subject, Body)

    def summarise(self, today, period):
        counts = {}
        for part in self.parts:
            counts[part.status] = counts.get(part.status, 0) + 1
        self.counts = [(status, counts.get(status, 0)) for status in STATUSES]
        self.total = len(self.parts)
        self.overdue = sum(1 for part in self.parts
                           if part.is_open and part.action.due_date and part.action.due_date < today)
        self.average_percentage = percentage_of_parts(self.parts)
        self.last_update = max((part.last_update for part in self.parts if part.last_update), default=None)
        if period:
            # "Nog te rapporteren" is per part: every open part reports in every period.
            self.missing_parts = [part for part in self.parts if part.is_open and not part.reported]
            self.reported = not self.missing_parts


@dataclass
class MatrixCell:
    link: object  # ChapterLink
    sources: list  # its LinkSources: where the text makes the link
    actions: set  # ids of the (selected) actions it ties together

    @property
    def count(self):
        return len(self.actions)


@dataclass
class Matrix:
    opgaven: list
    uitdagingen: list
    cells: dict  # (uitdaging pk, opgave pk) -> MatrixCell

    @property
    def rows(self):
        return [
            (uitdaging, [(opgave, self.cells.get((uitdaging.pk, opgave.pk))) for opgave in self.opgaven])
            for uitdaging in self.uitdagingen
        ]

    @property
    def total(self):
        return len({pk for cell in self.cells.values() for pk in cell.actions})

    @property
    def places(self):
        return sum(len(cell.sources) for cell in self.cells.values())


def _source_actions(source, programme_actions):
    """The actions a place in the text speaks of: its action, or else its chapter's programme."""
    if source.action_id:
        return {source.action_id}
    return programme_actions.get(source.chapter_id, set())


def link_with_sources(link):
    """The link with its places in the text (chapter and action loaded), for the action list."""
    return ChapterLink.objects.select_related("opgave", "uitdaging").prefetch_related(
        Prefetch("sources", queryset=LinkSource.objects.select_related("chapter__edition", "action"))).get(pk=link.pk)


def link_actions(link):
    """Ids of the actions a link ties together (for the action list of one matrix cell)."""
    sources = list(link.sources.all())
    chapters = {source.chapter_id for source in sources if not source.action_id}
    programme_actions = {}
    for pk, chapter_id in Action.objects.filter(jaarprogramma__chapter__in=chapters).values_list(
            "pk", "jaarprogramma__chapter"):
        programme_actions.setdefault(chapter_id, set()).add(pk)
    return sorted(set().union(*(_source_actions(source, programme_actions) for source in sources)))


def matrix(edition, filters, *, public=False):
    """Opgaven × stelseluitdagingen as the text connects them (1.1: "De verbanden … zijn op
    verschillende plekken genoemd"): per cell the places in the text and the selected actions
    they tie together. Three queries.

    A place that names an action ties that action; a place without one speaks of its chapter's
    programme as a whole."""
    chapters = Chapter.objects.filter(edition=edition).order_by("number")
    if public:
        chapters = chapters.established()
    chapters = list(chapters)
    opgaven = [c for c in chapters if c.kind == ChapterKind.OPGAVE]
    uitdagingen = [c for c in chapters if c.kind == ChapterKind.STELSELUITDAGING]
    shown = {c.pk for c in chapters}
    links = [
        link for link in ChapterLink.objects.filter(opgave__edition=edition).prefetch_related(
            Prefetch("sources", queryset=LinkSource.objects.select_related("chapter__edition")))
        if link.opgave_id in shown and link.uitdaging_id in shown
    ]
    programme_actions = {}
    for pk, chapter_id in actions(edition, filters, public=public).values_list("pk", "jaarprogramma__chapter"):
        programme_actions.setdefault(chapter_id, set()).add(pk)
    selected = set().union(*programme_actions.values())
    cells = {}
    for link in links:
        sources = [source for source in link.sources.all() if source.chapter_id in shown]
        if not sources:
            continue
        tied = set().union(*(_source_actions(source, programme_actions) for source in sources)) & selected
        cells[(link.uitdaging_id, link.opgave_id)] = MatrixCell(link, sources, tied)
    return Matrix(opgaven, uitdagingen, cells)


def indicators(edition, filters, *, public=False):
    qs = Indicator.objects.filter(edition=edition).select_related("chapter", "owner").prefetch_related("measurements")
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
