"""The sign-off route: how a chapter's text goes from offered to ratified.

Writers offer the chapter: its content is frozen as a version (opgaven.publication). Every step
of the edition's route then records a Decision about exactly that version; steps with the same
position (the three akkoorden) may come in any order. The step marked `publishes` makes the
version the public text. Any step may send the version back, with reasons: the route ends there
and the writers work on, to offer again.
"""

from dataclasses import dataclass, field

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.dispatch import Signal
from django.utils import timezone
from django.utils.translation import gettext as _

from opgaven import access, publication
from opgaven.models import (
    Chapter,
    ChapterStatus,
    CommentStatus,
    Decision,
    DecisionOutcome,
    Edition,
    Publication,
    RouteStep,
    StepKind,
)

# Sent after a step is recorded (in its transaction), with decision=, chapter=, step= and user=.
# What follows from a step without being part of it (notifications) connects here.
step_taken = Signal()


@dataclass
class StepState:
    step: RouteStep
    decision: Decision | None = None
    open: bool = False  # its turn has come and nobody decided yet
    may_take: bool = False


@dataclass
class Route:
    subject: object  # a Chapter, or an Edition for its front matter
    version: Publication | None  # the version in its route, if any
    steps: list = field(default_factory=list)

    @property
    def pending(self):
        return [state for state in self.steps if state.open]

    @property
    def complete(self):
        return bool(self.steps) and all(state.decision for state in self.steps)

    @property
    def label(self):
        """Where the text is, in the users' words ("wacht op akkoord SPN")."""
        if self.version is None:
            if isinstance(self.subject, Chapter):
                public = self.subject.established_at and self.subject.status == ChapterStatus.ESTABLISHED
            else:
                public = self.subject.front_matter_established_at is not None
            return _("vastgesteld") if public else _("concept")
        if self.complete:
            return _("doorlopen: %(step)s") % {"step": self.steps[-1].step.name.lower()}
        names = [state.step.name for state in self.pending]
        return _("wacht op %(steps)s") % {"steps": " en ".join(name[:1].lower() + name[1:] for name in names)}


def versions_of(subject):
    """Every frozen version of a chapter, or of an edition's front matter."""
    if isinstance(subject, Chapter):
        return Publication.objects.filter(chapter=subject)
    return Publication.objects.filter(edition=subject, chapter=None)


def edition_of(subject):
    return subject.edition if isinstance(subject, Chapter) else subject


def _in_route(subject):
    """The newest version that was offered and not sent back, with its decisions."""
    versions = (versions_of(subject).filter(decisions__step__kind=StepKind.OFFER)
                .order_by("-frozen_at").prefetch_related("decisions__step")[:1])
    version = versions[0] if versions else None
    if version is None or any(d.outcome == DecisionOutcome.SENT_BACK for d in version.decisions.all()):
        return None
    return version


def route_for(subject, user=None):
    """The route of a chapter (or of an edition's front matter), and what `user` may do in it."""
    steps = list(RouteStep.objects.filter(edition=edition_of(subject)).select_related("body", "organisation"))
    version = _in_route(subject)
    return _route(subject, steps, version, version.decisions.all() if version else [], user)


def routes_for(chapters):
    """{chapter pk: Route} of many chapters in two queries whatever their number (list pages
    show each one's label); nobody's rights are looked up, so no step may be taken from them."""
    chapters = list(chapters)
    if not chapters:
        return {}
    steps = {}
    for step in RouteStep.objects.filter(edition_id__in={c.edition_id for c in chapters}):
        steps.setdefault(step.edition_id, []).append(step)
    # Every decision on a version of these chapters: a handful per version.
    versions = {}  # chapter pk -> {version pk: [decisions]}
    offered = {}  # chapter pk -> (frozen_at, pk) of its newest offered version
    for row in Decision.objects.filter(version__chapter__in=[c.pk for c in chapters]).order_by().values(
            "version_id", "version__chapter_id", "version__frozen_at", "step_id", "step__kind", "outcome"):
        chapter_pk, version = row["version__chapter_id"], (row["version__frozen_at"], row["version_id"])
        versions.setdefault(chapter_pk, {}).setdefault(version[1], []).append(
            Decision(version_id=version[1], step_id=row["step_id"], outcome=row["outcome"]))
        if row["step__kind"] == StepKind.OFFER:
            offered[chapter_pk] = max(offered.get(chapter_pk, version), version)
    routes = {}
    for chapter in chapters:
        version_id = offered[chapter.pk][1] if chapter.pk in offered else None
        decided = versions.get(chapter.pk, {}).get(version_id, [])
        in_route = version_id is not None and all(d.outcome != DecisionOutcome.SENT_BACK for d in decided)
        version = Publication(pk=version_id, chapter_id=chapter.pk) if in_route else None
        routes[chapter.pk] = _route(chapter, steps.get(chapter.edition_id, []), version, decided if in_route else [])
    return routes


def _route(subject, steps, version, decisions, user=None):
    decided = {d.step_id: d for d in decisions}
    states = [StepState(step, decided.get(step.pk)) for step in steps]
    if version is not None:
        next_position = min((s.step.position for s in states if not s.decision), default=None)
        for state in states:
            state.open = state.decision is None and state.step.position == next_position
    elif states and states[0].step.kind == StepKind.OFFER:
        states[0].open = True
    for state in states:
        state.may_take = state.open and user is not None and access.can_take_step(user, state.step, subject)
    return Route(subject, version, states)


def decisions_on(subject):
    if isinstance(subject, Chapter):
        return Decision.objects.filter(chapter=subject)
    return Decision.objects.filter(edition=subject, chapter=None)


# Open remarks kept by higher apps (feedback rounds) count too: callables chapter -> [remark], each
# with text, author and created_at. Registered in their AppConfig.ready.
objection_sources = []


def open_objections(subject):
    """Comments nobody answered yet: establishing asks how they were weighed."""
    if not isinstance(subject, Chapter):
        return []
    objections = list(subject.comments.filter(status=CommentStatus.OPEN).select_related("author"))
    for source in objection_sources:
        objections.extend(source(subject))
    return objections


@transaction.atomic
def take_step(*, subject, step, user, outcome=DecisionOutcome.ADOPTED, text="", reasons="", weighing="",
              date=None, meeting=None, in_writing=False):
    """Record `step` on the version in route of a chapter or of an edition's front matter
    (offering freezes a new version)."""
    if isinstance(subject, Chapter):
        subject = Chapter.objects.select_for_update().select_related("edition").get(pk=subject.pk)
        chapter = subject
    else:
        subject = Edition.objects.select_for_update().get(pk=subject.pk)
        chapter = None
    route = route_for(subject, user)
    state = next((s for s in route.steps if s.step.pk == step.pk), None)
    if state is None or not state.open:
        raise ValidationError(_("Deze stap is nu niet aan de beurt."))
    if not state.may_take:
        raise PermissionDenied
    if outcome == DecisionOutcome.SENT_BACK and (step.kind == StepKind.OFFER or not reasons.strip()):
        raise ValidationError({"reasons": _("Geef aan waarom de tekst wordt teruggestuurd.")})
    if step.kind == StepKind.ESTABLISH and outcome == DecisionOutcome.ADOPTED and open_objections(subject) \
            and not weighing.strip():
        raise ValidationError({"weighing": _("Er staan nog bezwaren of reacties open: leg vast hoe die zijn gewogen.")})
    version = route.version
    chapters = Chapter.objects.filter(pk=chapter.pk if chapter else None)
    if step.kind == StepKind.OFFER:
        version = publication.freeze_version(subject)
        chapters.update(status=ChapterStatus.REVIEW)
    years = [node["fields"].get("year") for node in version.content.get("jaarprogrammas", [])]
    decision = Decision.objects.create(
        edition=edition_of(subject), chapter=chapter, year=max(years, default=None), version=version, step=step,
        body=step.body,
        organisation=step.organisation, meeting=meeting, in_writing=in_writing,
        date=date or timezone.localdate(), outcome=outcome, text=text or step.name, reasons=reasons,
        weighing=weighing, recorded_by=user,
    )
    if outcome == DecisionOutcome.SENT_BACK:
        chapters.update(status=ChapterStatus.CONCEPT)
    elif step.publishes:
        publication.make_public(version)
        # Unchanged since it was offered: the draft is the public text.
        chapters.filter(status=ChapterStatus.REVIEW).update(status=ChapterStatus.ESTABLISHED)
    step_taken.send(sender=Decision, decision=decision, chapter=chapter, subject=subject, step=step, user=user)
    return decision


@dataclass
class Annex:
    """Something that stays with a decision (a round's reactienota): its name and, for a reader
    who may open it, where."""
    label: str
    url: str | None = None


# What higher apps keep with a decision (feedback: the reactienota of the rounds before it):
# callables (user, [decision]) -> {decision pk: [Annex]}, a fixed number of queries per call.
# Registered in their AppConfig.ready.
annex_sources = []


def versions_to_compare(subject, user, *, sees_draft):
    """The versions of a chapter (or of the front matter) this reader may read, oldest first, each
    decision with its annexes: the established ones, and every one for whoever reads the draft."""
    versions = versions_of(subject).order_by("frozen_at").prefetch_related(
        "decisions__body", "decisions__organisation", "decisions__step", "decisions__meeting__body")
    if not sees_draft:
        versions = versions.filter(established_at__isnull=False)
    versions = list(versions)
    with_annexes(user, [decision for version in versions for decision in version.decisions.all()])
    return versions


def with_annexes(user, decisions):
    """The decisions, each with `annexes`: what stays with it, as this reader may see it."""
    decisions = list(decisions)
    for decision in decisions:
        decision.annexes = []
    for source in annex_sources:
        found = source(user, decisions) if decisions else {}
        for decision in decisions:
            decision.annexes.extend(found.get(decision.pk, []))
    return decisions


def public_decisions(edition=None):
    """Decisions the public may read: on a version that became public, or on none (recorded
    history of the agenda as a whole)."""
    decisions = Decision.objects.filter(version__established_at__isnull=False) | Decision.objects.filter(
        version__isnull=True)
    if edition is not None:
        decisions = decisions.filter(edition=edition)
    return decisions.select_related("edition", "chapter__edition", "body", "organisation", "meeting__body", "step",
                                    "version")
