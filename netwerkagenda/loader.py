"""Load the whole agenda from fixtures/ into the database, idempotently.

It lives in the project package because it knows every app: organisations and bodies
(governance), the edition and its chapters (opgaven), the year programmes (jaarprogramma)
and the indicators and links (monitoring). Rows are matched on natural keys (slugs, numbers,
positions) and saved only when a value differs, so a second run writes nothing and adds no
history. Rows that exist in the database but not in the fixtures are left alone: they are the
users' own additions. Memberships go through governance.services, the participants through
the participant import, so grants follow in the same transaction."""

from dataclasses import dataclass, field
from decimal import Decimal
from pathlib import Path

import yaml
from django.conf import settings
from django.db import transaction
from django.utils import timezone

from governance import permissions, services
from governance.models import Body, Erasure, Membership, Organisation, Person, identity_digests, normalise_name
from jaarprogramma.models import Action, ActionCarrier, Jaarprogramma, SubItem, SuccessCriterion
from monitoring.loader import load_monitoring
from monitoring.models import Indicator
from netwerkagenda.decisions_loader import DECISIONS_FILE, load_decisions, published_at
from opgaven import publication
from opgaven.models import (
    Ambition,
    Block,
    BlockKind,
    Chapter,
    ChapterStatus,
    Contribution,
    Edition,
    Footnote,
    IntroSection,
    Principle,
    Quote,
    Section,
)

FIXTURES = Path(settings.BASE_DIR) / "fixtures"
EDITION_FILE = "netwerkagenda-2021-2023.yaml"
PARTICIPANTS_FILE = "deelnemers-netwerkagenda-2021.csv"


@dataclass
class LoadReport:
    created: dict = field(default_factory=dict)
    updated: dict = field(default_factory=dict)

    def count(self, model, created):
        bucket = self.created if created else self.updated
        name = model._meta.verbose_name_plural
        bucket[name] = bucket.get(name, 0) + 1

    @property
    def changed(self):
        return bool(self.created or self.updated)

    def total(self):
        return sum(self.created.values()) + sum(self.updated.values())


class Loader:
    def __init__(self, directory=FIXTURES):
        self.directory = Path(directory)
        self.report = LoadReport()
        self.republish = []  # established chapters whose fixture content changed in this run
        self.body_carriers = []

    def read_yaml(self, name):
        with open(self.directory / name, encoding="utf-8") as fh:
            return yaml.safe_load(fh)

    def sync(self, model, lookup, **values):
        """get_or_create, then save only the fields whose value differs."""
        obj = model.objects.filter(**lookup).first()
        if obj is None:
            obj = model.objects.create(**lookup, **values)
            self.report.count(model, created=True)
            return obj
        changed = [name for name, value in values.items() if getattr(obj, name) != value]
        if changed:
            for name in changed:
                setattr(obj, name, values[name])
            obj.save(update_fields=changed)
            self.report.count(model, created=False)
        return obj

    def sync_row(self, model, obj, create, **values):
        """Like sync, for a row found another way (or None: create it with `create` and `values`)."""
        if obj is None:
            obj = model.objects.create(**create, **values)
            self.report.count(model, created=True)
            return obj
        return self.sync(model, {"pk": obj.pk}, **values)

    def set_m2m(self, obj, attr, targets):
        manager = getattr(obj, attr)
        wanted = {t.pk for t in targets}
        if {pk for pk in manager.values_list("pk", flat=True)} != wanted:
            manager.set(wanted)
            self.report.count(type(obj), created=False)

    def load(self):
        # Grants follow memberships and carriers; derive them once, at the end of the
        # transaction, not per row.
        with transaction.atomic(), permissions.deferred():
            report = self._load()
            # Links between chapters, baseline measurements: they refer to the agenda's rows.
            monitoring = load_monitoring()
            for name, n in monitoring.created.items():
                report.created[name] = report.created.get(name, 0) + n
            return report

    def _load(self):
        self.orgs = self.load_organisations(self.read_yaml("organisations.yaml"))
        data = self.read_yaml(EDITION_FILE)
        edition = self.load_edition(data["edition"])
        chapters = {c["slug"]: self.load_chapter(edition, c) for c in data["chapters"]}
        for item in data.get("indicators") or []:
            self.load_indicator(edition, chapters, item)
        people = self.load_participants(edition)
        self.bodies = self.load_governance(self.read_yaml("governance.yaml"), chapters, people)
        self.load_body_carriers()
        decisions = self.read_yaml(DECISIONS_FILE)
        self.establish(chapters.values(), at=published_at(decisions))
        publication.ensure_front_matter_published(edition, at=published_at(decisions) or timezone.now())
        load_decisions(self, decisions)
        return self.report

    def load_organisations(self, items):
        orgs = {}
        for item in items:
            orgs[item["key"]] = self.sync(
                Organisation, {"key": item["key"]},
                name=item["name"], short_name=item.get("short_name") or "", type=item["type"],
                collective=bool(item.get("collective")), aliases=list(item.get("aliases") or []),
                column=item.get("column") or "",
            )
        return orgs

    def org(self, key):
        return self.orgs[key] if key else None

    def load_edition(self, data):
        manifest = data.get("manifest") or {}
        edition = self.sync(
            Edition, {"slug": str(data["slug"])},
            title=data["title"], start_year=data["start_year"], end_year=data["end_year"],
            motto=data["motto"].strip(), manifest_title=manifest.get("title", ""),
            manifest_intro=(manifest.get("intro") or "").strip(),
        )
        for order, item in enumerate(data.get("introduction") or []):
            section = self.sync(IntroSection, {"edition": edition, "number": str(item["number"])},
                                title=item["title"], body=(item.get("body") or "").strip(), order=order)
            self.load_blocks(item.get("blocks") or [], {"intro_section": section}, {})
        for item in manifest.get("principles") or []:
            self.sync(Principle, {"edition": edition, "number": item["number"]},
                      title=item["title"].strip(), body=(item.get("body") or "").strip())
        return edition

    def load_chapter(self, edition, data):
        chapter = self.sync(
            Chapter, {"edition": edition, "slug": data["slug"]},
            number=data["number"], kind=data["kind"], position=data["position"], title=data["title"],
        )
        changes_before = self.report.total()
        sections = {}
        placements = {}  # item kind -> [(block, how many items, or None for the rest)]
        for order, item in enumerate(data.get("sections") or []):
            section = sections[str(item["number"])] = self.sync(
                Section, {"chapter": chapter, "number": str(item["number"])},
                title=item["title"], aspects=list(item.get("aspects") or []),
                body=(item.get("body") or "").strip(), order=order,
            )
            self.load_blocks(item.get("blocks") or [], {"section": section}, placements)
        ambitions = data.get("ambitions") or []
        for order, (item, block) in enumerate(_with_blocks(placements, BlockKind.AMBITIONS, ambitions)):
            self.sync(Ambition, {"chapter": chapter, "number": item["number"]},
                      text=item["text"].strip(), order=order, block=block)
        contributions = data.get("contributions") or []
        for order, (item, block) in enumerate(_with_blocks(placements, BlockKind.CONTRIBUTIONS, contributions)):
            self.sync(
                Contribution, {"chapter": chapter, "order": order},
                organisation=self.org(item.get("organisation")), kind=item.get("kind") or "inhoudelijk",
                text=item["text"].strip(), amount_eur=item.get("amount_eur"),
                amount_period=item.get("amount_period") or "", block=block,
            )
        quotes = data.get("quotes") or []
        for order, (item, block) in enumerate(_with_blocks(placements, BlockKind.QUOTE, quotes)):
            self.sync(Quote, {"chapter": chapter, "order": order},
                      text=item["text"].strip(), section=sections.get(str(item.get("section"))), block=block)
        footnotes = data.get("footnotes") or []
        for item in footnotes:
            numbers = {note["number"] for note in footnotes if note.get("section") == item.get("section")}
            self.load_footnote(chapter, sections.get(str(item.get("section"))), item, numbers)
        if data.get("jaarprogramma"):
            self.load_jaarprogramma(chapter, data["jaarprogramma"], placements)
        if chapter.established_at is not None and self.report.total() != changes_before:
            # The fixture is the agenda as established: what changed in it is established too.
            self.republish.append(chapter)
        return chapter

    def load_blocks(self, items, parent, placements):
        """A section's blocks in reading order. An item block takes the next `n` items of its kind
        (`ambitions: 4`), or all the rest (`ambitions: all`); `placements` remembers which."""
        for order, item in enumerate(items):
            kind = next(key for key in item if key in BLOCK_KEYS)
            value = item[kind]
            values = {"kind": BLOCK_KEYS[kind], "year": item.get("year"), "list_style": item.get("style") or "",
                      "text": "", "figure_layout": "", "figure_items": [], "figure_description": ""}
            if BLOCK_KEYS[kind] in (BlockKind.TEXT, BlockKind.LIST):
                values["text"] = value.strip()
            elif BLOCK_KEYS[kind] == BlockKind.FIGURE:
                values.update(
                    text=(value.get("caption") or "").strip(), figure_layout=value["layout"],
                    figure_description=(value.get("description") or "").strip(),
                    figure_items=[{"title": str(part["title"]).strip(), "text": (part.get("text") or "").strip()}
                                  for part in value.get("items") or []])
            block = self.sync(Block, {**parent, "order": order}, **values)
            if block.holds_items:
                placements.setdefault(block.kind, []).append((block, None if value == "all" else int(value)))

    def load_footnote(self, chapter, section, item, numbers):
        """Footnotes keep the document's numbers, which restart per page: a number is unique in its
        section (`numbers`: those the fixture gives it). A note the earlier loader numbered per
        chapter is found by its text among the section's other numbers, and renumbered."""
        text = item["text"].strip()
        in_section = Footnote.objects.filter(chapter=chapter, section=section)
        found = (in_section.filter(number=item["number"]).first()
                 or in_section.filter(text=text).exclude(number__in=numbers).order_by("number").first())
        self.sync_row(Footnote, found, {"chapter": chapter}, section=section, number=item["number"], text=text,
                      order=item["number"])

    def load_jaarprogramma(self, chapter, data, placements):
        programme = self.sync(Jaarprogramma, {"chapter": chapter, "year": data["year"]},
                              intro=(data.get("intro") or "").strip())
        criteria = data.get("success_criteria") or []
        for order, (item, block) in enumerate(_with_blocks(placements, BlockKind.CRITERIA, criteria)):
            self.sync(SuccessCriterion, {"jaarprogramma": programme, "order": order}, text=item["text"].strip(),
                      block=block)
        actions = data.get("actions") or []
        for order, (item, block) in enumerate(_with_blocks(placements, BlockKind.ACTIONS, actions)):
            group, number, title = item.get("group"), str(item["number"]), item["title"].strip()
            # Matched on the document's numbering; an action the earlier loader numbered
            # differently (chapter 11: 4-6 for the second series) is found by its title.
            found = (Action.objects.filter(jaarprogramma=programme, group=group, number=number).first()
                     or Action.objects.filter(jaarprogramma=programme, title=title).first())
            action = self.sync_row(
                Action, found, {"jaarprogramma": programme}, group=group, number=number,
                theme=item.get("theme") or "", title=title,
                description=(item.get("description") or "").strip(), order=order, block=block,
            )
            for sub in item.get("subitems") or []:
                self.sync(SubItem, {"action": action, "letter": sub["letter"]}, text=sub["text"].strip())
            for carrier in item.get("carriers") or []:
                values = {"role": carrier.get("role") or "uitvoerder", "inferred": bool(carrier.get("inferred")),
                          "note": carrier.get("note") or ""}
                if carrier.get("body"):
                    # Bodies are loaded after the chapters (they refer to them): see load_body_carriers.
                    self.body_carriers.append((action, carrier["body"], values))
                else:
                    self.sync(ActionCarrier, {"action": action, "organisation": self.org(carrier["organisation"])},
                              **values)

    def load_body_carriers(self):
        """Actions carried by a body (a koersgroep, the Innovatieraad): its members report."""
        for action, slug, values in self.body_carriers:
            changes_before = self.report.total()
            self.sync(ActionCarrier, {"action": action, "body": self.bodies[slug]}, **values)
            chapter = action.jaarprogramma.chapter
            if (chapter.established_at is not None and self.report.total() != changes_before
                    and chapter not in self.republish):
                self.republish.append(chapter)

    def load_indicator(self, edition, chapters, item):
        self.sync(
            Indicator, {"edition": edition, "slug": item["slug"]},
            name=item["name"], chapter=chapters.get(item.get("chapter")), unit=item["unit"],
            baseline=_decimal(item.get("baseline")), baseline_year=item.get("baseline_year"),
            target=_decimal(item.get("target")), target_year=item.get("target_year"),
            source=item.get("source") or "",
        )

    def load_participants(self, edition):
        """The 'Totstandkoming' list, through the same import as an administrator's upload."""
        from governance.imports.services import import_participants

        data = (self.directory / PARTICIPANTS_FILE).read_bytes()
        result = import_participants(file=data, filename=PARTICIPANTS_FILE, edition=edition, dry_run=False)
        if not result.saved:
            raise ValueError("; ".join(result.errors))
        for _entry in result.plan.new:
            self.report.count(Person, created=True)
        for _entry in result.plan.changed:
            self.report.count(Person, created=False)
        if result.plan.participants_added:
            self.report.count(Edition, created=False)
        return {entry.person.normalised_name: entry.person for entry in result.plan.entries}

    def load_governance(self, items, chapters, people):
        bodies = {}
        for item in items:
            body = bodies[item["slug"]] = self.sync(Body, {"slug": item["slug"]}, name=item["name"], kind=item["kind"],
                                                    description=(item.get("description") or "").strip())
            self.set_m2m(body, "organisations", [self.orgs[k] for k in item.get("organisations") or []])
            for slug in item.get("chapters") or []:
                if not chapters[slug].koersgroepen.filter(pk=body.pk).exists():
                    chapters[slug].koersgroepen.add(body)
                    self.report.count(Chapter, created=False)
            for member in item.get("members") or []:
                person = people.get(normalise_name(member["name"]))
                if person is None and identity_digests(member["name"]) & Erasure.objects.digests():
                    continue  # anonymised at their request (AVG): the participant import skipped them
                if person is None:
                    raise KeyError(member["name"])
                self.sync_membership(body, person, role=member.get("role") or "lid",
                                     organisation=self.org(member.get("organisation")))
        return bodies

    def sync_membership(self, body, person, *, role, organisation):
        membership = Membership.objects.filter(body=body, person=person).first()
        if membership is None:
            services.add_membership(body=body, person=person, role=role, organisation=organisation)
            self.report.count(Membership, created=True)
        elif (membership.role, membership.organisation_id) != (role, organisation.pk if organisation else None):
            services.change_membership(membership=membership, role=role, organisation=organisation)
            self.report.count(Membership, created=False)

    def establish(self, chapters, at=None):
        """The published agenda was established: the public reads it from its presentation on."""
        at = at or timezone.now()
        for chapter in chapters:
            if chapter.established_at is None:
                self.sync(Chapter, {"pk": chapter.pk}, status=ChapterStatus.ESTABLISHED, established_at=at)
        publication.ensure_published(Chapter.objects.filter(pk__in=[c.pk for c in chapters]))
        for chapter in self.republish:
            publication.publish(chapter)


def _decimal(value):
    return None if value is None else Decimal(str(value))


# The fixture's block keys (fixtures/README.md) and the kinds they make.
BLOCK_KEYS = {
    "text": BlockKind.TEXT, "list": BlockKind.LIST, "ambitions": BlockKind.AMBITIONS,
    "contributions": BlockKind.CONTRIBUTIONS, "criteria": BlockKind.CRITERIA, "actions": BlockKind.ACTIONS,
    "quote": BlockKind.QUOTE, "figure": BlockKind.FIGURE,
}


def _with_blocks(placements, kind, items):
    """[(item, the block it is printed in)] for the fixture's items of `kind` (None: not placed)."""
    blocks = []
    for block, count in placements.get(kind, []):
        blocks.extend([block] * (len(items) - len(blocks) if count is None else count))
    return list(zip(items, (blocks + [None] * len(items))[:len(items)], strict=True))
