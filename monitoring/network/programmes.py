"""Nine years of programmes over three editions, and every carrier's quarterly progress on them.

The real 2021 programme of each chapter is the template: every later year holds, per template
action, either last year's action carried over (when it was still open, as
jaarprogramma.services.create_jaarprogramma does) or a new action like it. The editions after the
real one come from opgaven.editions.create_next_edition, whose signal carries the open actions
over as jaarprogramma does; the years within an edition are written here in bulk the same way."""

import datetime
from dataclasses import dataclass, field
from decimal import Decimal

from django.db.models import OuterRef, Subquery, Value
from django.db.models.functions import Coalesce

from jaarprogramma.models import (
    Action,
    ActionCarrier,
    ActionStatus,
    Jaarprogramma,
    SubItem,
    SuccessCriterion,
    status_of_parts,
)
from opgaven import publication
from opgaven.editions import create_next_edition
from opgaven.models import Block, Chapter, ChapterStatus, Edition

from ..models import ChapterLink, Indicator, LinkSource, Measurement, ProgressUpdate
from .bulk import BATCH, moment, own_dates, shift_year

REAL_EDITION = "2021-2023"
CLOSED = (ActionStatus.DONE, ActionStatus.CANCELLED)
# How a part ends its year, in tens of percent: most run on or finish, some slip or lapse.
OUTCOMES = ([ActionStatus.DONE] * 3 + [ActionStatus.ON_TRACK] * 3 + [ActionStatus.AT_RISK, ActionStatus.DELAYED,
            ActionStatus.NOT_STARTED, ActionStatus.CANCELLED])
WORDS = {
    ActionStatus.NOT_STARTED: "nog niet begonnen; de planning staat",
    ActionStatus.ON_TRACK: "loopt volgens plan",
    ActionStatus.AT_RISK: "loopt risico door capaciteit bij de partners",
    ActionStatus.DELAYED: "vertraagd; de planning wordt bijgesteld",
    ActionStatus.DONE: "afgerond en opgeleverd",
    ActionStatus.CANCELLED: "vervallen na besluit van de koersgroep",
}


@dataclass
class Timeline:
    editions: list
    years: list = field(default_factory=list)  # [(edition, year, [action ids])]
    updates: int = 0
    quarters: dict = field(default_factory=dict)  # action pk -> [(last day, [part statuses])]


class _Builder:
    def __init__(self, size, rng, staff, counts):
        self.size, self.rng, self.staff, self.counts = size, rng, staff, counts
        self.real = Edition.objects.get(slug=REAL_EDITION)
        self.first_year = self.real.start_year
        programmes = Jaarprogramma.objects.filter(chapter__edition=self.real, year=self.first_year)
        self.templates = {}
        for action in (Action.objects.filter(jaarprogramma__in=programmes).select_related(
                "jaarprogramma__chapter", "block__section__chapter").prefetch_related("carriers", "subitems")
                .order_by("jaarprogramma__chapter__number", "order", "pk")):
            self.templates.setdefault(action.jaarprogramma.chapter.number, []).append(action)
        self.criteria = {}
        for criterion in SuccessCriterion.objects.filter(jaarprogramma__in=programmes).select_related(
                "jaarprogramma__chapter", "block__section__chapter").order_by("order", "pk"):
            self.criteria.setdefault(criterion.jaarprogramma.chapter.number, []).append(criterion)
        self.template_key = {a.pk: (n, i) for n, actions in self.templates.items() for i, a in enumerate(actions)}
        self.latest = {key: pk for pk, key in self.template_key.items()}
        self.blocks = {}
        self.reporters = self._reporters()
        self.quarters = {}  # action pk -> [(last day, [part statuses])] per quarter, for its history

    def _reporters(self):
        """Who posts on a part: the organisation, or every member of a collective ("the libraries")."""
        members = {}
        for org in sorted(self.staff.organisations.values(), key=lambda o: o.pk):
            if not org.collective:
                members.setdefault(org.type, []).append(org.pk)
        reporters = {}
        for org in self.staff.organisations.values():
            if org.collective:
                of_type = members.get(org.type, [])
                reporters[org.pk] = of_type[: self.size.reporters] if self.size.reporters else of_type
            else:
                reporters[org.pk] = [org.pk]
        return reporters

    # -- blocks of another edition ----------------------------------------------------------

    def block_in(self, edition, block):
        """The block of `edition` that stands where `block` (of the real edition) stands."""
        if block is None or block.section_id is None:
            return None
        if edition.pk == self.real.pk:
            return block.pk
        if edition.pk not in self.blocks:
            self.blocks[edition.pk] = {
                (number, section, order): pk for pk, number, section, order in Block.objects.filter(
                    section__chapter__edition=edition).values_list("pk", "section__chapter__number",
                                                                    "section__number", "order")}
        return self.blocks[edition.pk].get((block.section.chapter.number, block.section.number, block.order))

    # -- one year ------------------------------------------------------------------------------

    def open_templates(self):
        """Template keys whose latest action is still open (it carries over)."""
        statuses = dict(Action.objects.filter(pk__in=self.latest.values()).values_list("pk", "status"))
        return {key for key, pk in self.latest.items() if statuses[pk] not in CLOSED}

    def new_year(self, edition, year, programmes, carried):
        """Fill the year's programmes: `carried` {template key: action pk} are there already; the
        other open ones carry over, and a closed one is followed by a new action like its template."""
        still_open = self.open_templates()
        previous = {pk: key for key, pk in self.latest.items() if key in still_open and key not in carried}
        sources = Action.objects.filter(pk__in=previous).prefetch_related("carriers", "subitems")
        made = []  # (key, new action, carriers to copy, subitems to copy)
        for action in sources:
            key = previous[action.pk]
            copy = Action(jaarprogramma_id=programmes[key[0]].pk, group=action.group, number=action.number,
                          theme=action.theme, title=action.title, description=action.description,
                          order=action.order, status=action.status, due_date=action.due_date,
                          carried_over_from_id=action.pk, block_id=action.block_id, version=1)
            made.append((key, copy, list(action.carriers.all()), list(action.subitems.all()), True))
        for key, template in self._templates():
            if key in carried or key in still_open:
                continue
            action = Action(jaarprogramma_id=programmes[key[0]].pk, group=template.group, number=template.number,
                            theme=template.theme, title=template.title, description=template.description,
                            order=template.order, status=ActionStatus.NOT_STARTED,
                            due_date=shift_year(template.due_date, year - self.first_year),
                            block_id=self.block_in(edition, template.block), version=1)
            made.append((key, action, list(template.carriers.all()), list(template.subitems.all()), False))
        Action.objects.bulk_create([m[1] for m in made], batch_size=BATCH)
        carriers, subitems = [], []
        for _, action, parts, items, keeps_progress in made:
            for part in parts:
                carriers.append(ActionCarrier(
                    action_id=action.pk, organisation_id=part.organisation_id, body_id=part.body_id, role=part.role,
                    inferred=part.inferred, note=part.note,
                    status=part.status if keeps_progress else ActionStatus.NOT_STARTED,
                    percentage=part.percentage if keeps_progress else None))
            subitems += [SubItem(action_id=action.pk, letter=item.letter, text=item.text) for item in items]
        ActionCarrier.objects.bulk_create(carriers, batch_size=BATCH)
        SubItem.objects.bulk_create(subitems, batch_size=BATCH)
        self.latest.update(carried)
        self.latest.update({key: action.pk for key, action, *_ in made})
        self._criteria(edition, year, programmes)

    def _templates(self):
        for number, actions in self.templates.items():
            for i, template in enumerate(actions):
                yield (number, i), template

    def _criteria(self, edition, year, programmes):
        last_year = year == self.last_year
        SuccessCriterion.objects.bulk_create([
            SuccessCriterion(jaarprogramma_id=programmes[number].pk, text=c.text, order=c.order,
                             block_id=self.block_in(edition, c.block), version=1,
                             met=None if last_year else self.rng.random() < 0.6)
            for number, criteria in self.criteria.items() for c in criteria if number in programmes
        ], batch_size=BATCH)

    def programmes_of(self, edition, year):
        """This year's programme of every chapter of `edition`, made where missing (bulk), each
        with the introduction of the year before."""
        chapters = {c.number: c for c in Chapter.objects.filter(edition=edition)}
        existing = {p.chapter_id: p for p in Jaarprogramma.objects.filter(chapter__edition=edition, year=year)}
        previous = {p.chapter_id: p.intro for p in Jaarprogramma.objects.filter(chapter__edition=edition,
                                                                                year=year - 1)}
        missing = [Jaarprogramma(chapter=c, year=year, intro=previous.get(c.pk, ""))
                   for c in chapters.values() if c.pk not in existing]
        Jaarprogramma.objects.bulk_create(missing, batch_size=BATCH)
        by_chapter = {**existing, **{p.chapter_id: p for p in missing}}
        return {number: by_chapter[c.pk] for number, c in chapters.items()}

    # -- progress --------------------------------------------------------------------------------

    def trajectory(self):
        """A part's four quarters: (status, percentage) each, ending in its outcome."""
        outcome = self.rng.choice(OUTCOMES)
        if outcome == ActionStatus.NOT_STARTED:
            return [(ActionStatus.NOT_STARTED, None)] * 4
        middle = ActionStatus.ON_TRACK if self.rng.random() < 0.7 else ActionStatus.AT_RISK
        percentage = self.rng.randint(5, 25)
        steps = []
        for status in (ActionStatus.ON_TRACK, middle, middle if outcome in CLOSED else outcome, outcome):
            steps.append((status, percentage))
            percentage = min(95, percentage + self.rng.randint(5, 25))
        if outcome == ActionStatus.DONE:
            steps[-1] = (ActionStatus.DONE, 100)
        return steps

    def post_updates(self, year, action_ids):
        """Every reporter on every part, once a quarter; then the parts and actions follow them."""
        updates = []
        parts = ActionCarrier.objects.filter(action_id__in=action_ids).order_by("pk").values_list(
            "pk", "action_id", "organisation_id")
        for pk, action_id, organisation_id in parts:
            reporters = self.reporters.get(organisation_id, [None]) if organisation_id else [None]
            path = self.quarters.setdefault(action_id, [(None, []) for _ in range(4)])
            for quarter, (status, percentage) in enumerate(self.trajectory()):
                start = datetime.date(year, 3 * quarter + 1, 1)
                last_day = max(start + datetime.timedelta(days=1 + (n * 7 + pk) % 80) for n in range(len(reporters)))
                path[quarter] = (max(filter(None, [path[quarter][0], last_day])), [*path[quarter][1], status])
                for n, reporter in enumerate(reporters):
                    day = start + datetime.timedelta(days=1 + (n * 7 + pk) % 80)
                    author = self.staff.author(reporter, quarter + n) if reporter else None
                    updates.append(ProgressUpdate(
                        action_id=action_id, carrier_id=pk, author_id=author, organisation_id=reporter, date=day,
                        created_at=moment(day, seconds=n), text=f"Kwartaal {quarter + 1}: {WORDS[status]}.",
                        percentage=percentage, status=status,
                        # Without an author it is taken from the quarterly report (post_progress_update).
                        source="" if author else f"Voortgangsrapportage {year}, kwartaal {quarter + 1}"))
        with own_dates(ProgressUpdate._meta.get_field("created_at")):
            ProgressUpdate.objects.bulk_create(updates, batch_size=BATCH)
        refresh_parts(action_ids)
        return len(updates)

    def copy_monitoring(self, previous, edition):
        """The matrix's links and the indicators, in the new edition (monitoring's part of it)."""
        chapters = dict(Chapter.objects.filter(edition=edition).values_list("number", "pk"))
        links = list(ChapterLink.objects.filter(opgave__edition=previous).select_related("opgave", "uitdaging")
                     .prefetch_related("sources__chapter"))
        copies = [ChapterLink(opgave_id=chapters[link.opgave.number], uitdaging_id=chapters[link.uitdaging.number])
                  for link in links]
        ChapterLink.objects.bulk_create(copies, batch_size=BATCH)
        LinkSource.objects.bulk_create([
            LinkSource(link_id=copy.pk, chapter_id=chapters[source.chapter.number], section=source.section,
                       quote=source.quote,
                       action_id=self.latest.get(self.key_of(source.action_id)) if source.action_id else None)
            for link, copy in zip(links, copies, strict=True) for source in link.sources.all()
        ], batch_size=BATCH)
        indicators = list(Indicator.objects.filter(edition=previous).select_related("chapter"))
        new = [Indicator(edition=edition, chapter_id=chapters.get(i.chapter.number) if i.chapter_id else None,
                         slug=i.slug, name=i.name, unit=i.unit, baseline=i.baseline, baseline_year=i.baseline_year,
                         target=i.target, target_year=shift_year(datetime.date(i.target_year, 1, 1), 3).year
                         if i.target_year else None, source=i.source, owner_id=i.owner_id) for i in indicators]
        Indicator.objects.bulk_create(new, batch_size=BATCH)
        Measurement.objects.bulk_create([
            Measurement(indicator=indicator, date=datetime.date(year, 12, 31),
                        value=(indicator.baseline or indicator.target or Decimal(1))
                        * (1 + Decimal(year - edition.start_year) / 10),
                        source=f"Jaarmeting {year}")
            for indicator in new for year in edition.years
        ], batch_size=BATCH)

    def key_of(self, action_pk):
        return self.template_key.get(action_pk)


def refresh_parts(action_ids):
    """monitoring.services.refresh_part for many parts at once, in the database: each part takes
    the status and percentage of its latest update that gives one (done is 100%), and each
    action the status of its parts (jaarprogramma.models.status_of_parts)."""
    latest = ProgressUpdate.objects.filter(carrier=OuterRef("pk")).order_by("-date", "-created_at")
    parts = ActionCarrier.objects.filter(action_id__in=action_ids)
    parts.update(status=Coalesce(Subquery(latest.exclude(status="").values("status")[:1]),
                                 Value(ActionStatus.NOT_STARTED.value)),
                 percentage=Subquery(latest.exclude(percentage=None).values("percentage")[:1]))
    parts.filter(status=ActionStatus.DONE).update(percentage=100)
    statuses = {}
    for action_id, status in parts.values_list("action_id", "status"):
        statuses.setdefault(action_id, []).append(status)
    changed = []
    for action in Action.objects.filter(pk__in=statuses).only("pk", "status"):
        status = status_of_parts(statuses[action.pk])
        if status and status != action.status:
            action.status = status
            changed.append(action)
    Action.objects.bulk_update(changed, ["status"], batch_size=BATCH)


def build(size, rng, staff, network_editions, counts, log):
    builder = _Builder(size, rng, staff, counts)
    builder.last_year = max(start for _, _, start in network_editions) + 2
    timeline = Timeline(editions=[builder.real], quarters=builder.quarters)
    first = list(builder.latest.values())
    timeline.updates += builder.post_updates(builder.first_year, first)
    timeline.years.append((builder.real, builder.first_year, first))
    upcoming = list(network_editions)
    edition = builder.real
    for year in range(builder.first_year + 1, builder.last_year + 1):
        carried = {}
        if year > edition.end_year:
            slug, title, start = upcoming.pop(0)
            previous = edition
            edition = create_next_edition(previous=previous, slug=slug, title=title, start_year=start,
                                          end_year=start + 2)
            timeline.editions.append(edition)
            by_previous = {pk: key for key, pk in builder.latest.items()}
            for pk, origin in Action.objects.filter(jaarprogramma__chapter__edition=edition).values_list(
                    "pk", "carried_over_from_id"):
                carried[by_previous[origin]] = pk
        programmes = builder.programmes_of(edition, year)
        builder.new_year(edition, year, programmes, carried)
        if year == edition.start_year:
            builder.copy_monitoring(previous, edition)
        actions = [builder.latest[key] for key in sorted(builder.latest)]
        timeline.updates += builder.post_updates(year, actions)
        timeline.years.append((edition, year, actions))
        log(f"jaarprogramma {year}")
    counts["voortgangsberichten"] = timeline.updates
    counts["acties"] = sum(len(actions) for *_, actions in timeline.years)
    return timeline


def establish(timeline):
    """The netwerkoverleg established every chapter with its last programme, and the new editions'
    front matter (opgaven.publication; its search index follows)."""
    for edition in timeline.editions:
        at = moment(datetime.date(edition.end_year - 1, 12, 15), hour=12)
        Chapter.objects.filter(edition=edition).update(status=ChapterStatus.ESTABLISHED)
        for chapter in Chapter.objects.filter(edition=edition).select_related("edition"):
            publication.publish(chapter, at=at)
        publication.ensure_front_matter_published(edition, at)

