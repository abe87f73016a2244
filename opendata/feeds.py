"""Atom feeds: what was established (and decided), and progress per chapter and organisation.

Everything here is what the public may read: establishments are the moments a version of a
chapter became public (opgaven.models.Publication); progress updates only of actions as they
were established, and without their text (which stays internal, as on the cockpit)."""

from collections.abc import Callable
from dataclasses import dataclass
from datetime import datetime, time

from django.contrib.syndication.views import Feed
from django.http import Http404
from django.shortcuts import get_object_or_404
from django.urls import reverse
from django.utils import timezone
from django.utils.feedgenerator import Atom1Feed
from django.utils.translation import gettext as _

from governance.models import Organisation
from jaarprogramma.models import ActionStatus
from jaarprogramma.publication import frozen_actions, thaw_actions
from monitoring.models import ProgressUpdate
from opgaven import publication
from opgaven.models import Chapter, Edition, Publication

ITEMS = 50
# Progress feeds: the latest updates only. Years of quarterly updates pile up; a feed reader
# wants what is new, and each entry costs a thawed action.
UPDATE_ITEMS = 20


@dataclass(frozen=True)
class Entry:
    title: str
    link: str
    description: str
    date: datetime
    guid: str


# Where the decisions come from (opendata.apps registers opgaven's public decisions).
_DECISIONS: dict = {}


def register_decisions(items: Callable, describe: Callable):
    """`items()` → the public decisions, newest first; `describe(decision)` → an Entry."""
    _DECISIONS["items"], _DECISIONS["describe"] = items, describe


class AtomFeed(Feed):
    feed_type = Atom1Feed

    def item_title(self, item):
        return item.title

    def item_link(self, item):
        return item.link

    def item_description(self, item):
        return item.description

    def item_pubdate(self, item):
        return item.date

    def item_updateddate(self, item):
        return item.date

    def item_guid(self, item):
        return item.guid

    item_guid_is_permalink = False


def _moment(day):
    return timezone.make_aware(datetime.combine(day, time(12)))


class EstablishedFeed(AtomFeed):
    title = "Netwerkagenda: vastgestelde wijzigingen"
    subtitle = "Elke keer dat een onderdeel van de Netwerkagenda is vastgesteld."

    def link(self):
        return reverse("opgaven:home")

    def items(self):
        publications = (Publication.objects.filter(established_at__isnull=False, chapter__isnull=False)
                        .select_related("chapter__edition").order_by("-established_at", "-pk")[:ITEMS])
        return [Entry(
            title=_("Vastgesteld: %(chapter)s") % {"chapter": p.chapter.display_title},
            link=p.chapter.get_absolute_url(),
            description=_("%(chapter)s (%(edition)s) is vastgesteld op %(date)s.") % {
                "chapter": p.chapter.display_title, "edition": p.chapter.edition.title,
                "date": timezone.localtime(p.established_at).strftime("%d-%m-%Y")},
            date=p.established_at,
            guid=f"vastgesteld-{p.chapter_id}-{p.established_at.isoformat()}",
        ) for p in publications]


class DecisionFeed(AtomFeed):
    title = "Netwerkagenda: besluiten"
    subtitle = "Besluiten over de Netwerkagenda, zodra ze openbaar zijn."

    def link(self):
        return reverse("opgaven:home")

    def items(self):
        if not _DECISIONS:
            return []
        return [_DECISIONS["describe"](item) for item in _DECISIONS["items"]()[:ITEMS]]


def _update_entries(updates, actions):
    statuses = dict(ActionStatus.choices)
    # Once per action, not per update.
    titles = {pk: str(action) for pk, action in actions.items()}
    links = {pk: action.get_absolute_url() for pk, action in actions.items()}
    entries = []
    for update in updates:
        action = actions[update.action_id]
        state = ", ".join(filter(None, [
            str(statuses.get(update.status, update.status)) if update.status else "",
            f"{update.percentage}% gereed" if update.percentage is not None else ""]))
        entries.append(Entry(
            title=_("%(organisation)s over actie %(number)s: %(title)s") % {
                "organisation": update.organisation, "number": action.number, "title": titles[action.pk]},
            link=links[action.pk],
            description=_("Voortgang gemeld op %(date)s%(state)s.") % {
                "date": update.date.strftime("%d-%m-%Y"), "state": f" ({state})" if state else ""},
            date=_moment(update.date) if update.date else update.created_at,
            guid=f"voortgang-{update.pk}",
        ))
    return entries


def _latest_updates(edition, *, chapter=None, **filters):
    """The UPDATE_ITEMS latest updates on the edition's established actions (of one chapter), each
    with the action as established: which actions are established is read from the frozen
    content, and only the actions of these updates are thawed. The newest come from an index
    scan that stops at the last one ((organisation, date) for an organisation, (-date,
    -created_at) for a chapter, per EXPLAIN on PostgreSQL), not from sorting every update."""
    if edition is None:
        return []
    content = publication.published_content(edition, **({"pk": chapter.pk} if chapter else {}))
    established = frozen_actions(content)
    updates = list(ProgressUpdate.objects.filter(action_id__in=[pk for pk, _ in established], **filters)
                   .select_related("organisation").order_by("-date", "-created_at", "-pk")[:UPDATE_ITEMS])
    # A feed entry names the action: its carriers and sub-items stay frozen.
    return _update_entries(updates, thaw_actions(content, {update.action_id for update in updates}, parts=False))


class ChapterUpdatesFeed(AtomFeed):
    """Progress on the established actions of one chapter."""

    def get_object(self, request, chapter_id):
        chapter = get_object_or_404(Chapter.objects.select_related("edition"), pk=chapter_id)
        if chapter.established_at is None:
            raise Http404(_("Dit onderdeel is nog niet vastgesteld."))
        return chapter

    def title(self, chapter):
        return _("Voortgang: %(chapter)s") % {"chapter": chapter.display_title}

    def link(self, chapter):
        return chapter.get_absolute_url()

    def subtitle(self, chapter):
        return _("Voortgangsberichten over de acties van %(chapter)s.") % {"chapter": chapter.display_title}

    def items(self, chapter):
        return _latest_updates(chapter.edition, chapter=chapter)


class OrganisationUpdatesFeed(AtomFeed):
    """Progress an organisation reported on established actions."""

    def get_object(self, request, key):
        return get_object_or_404(Organisation, key=key)

    def title(self, organisation):
        return _("Voortgang gemeld door %(organisation)s") % {"organisation": organisation}

    def link(self, organisation):
        return organisation.get_absolute_url()

    def subtitle(self, organisation):
        return _("Voortgangsberichten van %(organisation)s over acties van de Netwerkagenda.") % {
            "organisation": organisation.name}

    def items(self, organisation):
        return _latest_updates(Edition.objects.current(), organisation=organisation)




def decision_entry(decision):
    by = decision.decided_by
    about = decision.chapter.display_title if decision.chapter_id else decision.edition.title
    title = f"{by}: {decision.get_outcome_display()} – {about}" if by else f"{decision.get_outcome_display()} – {about}"
    when = _moment(decision.date) if decision.date else decision.recorded_at
    return Entry(title=title, link=reverse("opgaven:decision_list") + f"#besluit-{decision.pk}",
                 description=decision.text, date=when, guid=f"besluit-{decision.pk}")


def register_public_decisions():
    from opgaven import signoff

    register_decisions(lambda: signoff.public_decisions(), decision_entry)
