"""What the year programmes add to the public organisation pages (governance.pages)."""

from governance import pages
from jaarprogramma.publication import carrier_nodes, frozen_actions, programme_years, programmes_of_year, thaw_actions
from jaarprogramma.years import ALL_YEARS, chosen_year, current_year
from opgaven import publication
from opgaven.models import Edition


def _frozen_actions():
    """(content, [(pk, frozen node)]) of the current edition's established actions, nothing thawed."""
    edition = Edition.objects.current()
    if edition is None:
        return [], []
    content = publication.published_content(edition)
    return content, frozen_actions(content)


def carried_actions(request, organisation):
    """The established actions the organisation carries (itself or as part of a collective),
    each with the parts that are the organisation's: of the current year's programmes, or of
    the year asked for (`?jaar=2022`, `?jaar=alle` for every year)."""
    edition = Edition.objects.current()
    years = programme_years(edition)
    year = chosen_year(request.GET.get("jaar"), years)
    actions = []
    for programme in programmes_of_year(edition, year):
        for action in programme.actions.all():
            parts = [carrier for carrier in action.carriers.all()
                     if carrier.organisation_id and carrier.organisation.covers(organisation)]
            if parts:
                action.own_parts = parts
                actions.append(action)
    return {"actions": actions, "action_years": years, "action_year": year, "all_years": ALL_YEARS}


def body_actions(request, bodies):
    """The established actions a body carries: its members report on its part. Which they are is
    read from the frozen content; only those are thawed."""
    ids = {body.pk for body in bodies}
    content, frozen = _frozen_actions()
    carried = [pk for pk, node in frozen if any(carrier.get("body") in ids for carrier in carrier_nodes(node))]
    thawed = thaw_actions(content, carried)
    actions = []
    for pk in carried:
        action = thawed[pk]
        action.own_parts = [carrier for carrier in action.carriers.all() if carrier.body_id in ids]
        actions.append(action)
    return {"carried_actions": actions}


def action_counts(request, organisations):
    """How many established actions each organisation carries a part of (nothing thawed)."""
    counts = {}
    for _pk, node in _frozen_actions()[1]:
        for carrier in carrier_nodes(node):
            if carrier.get("organisation"):
                counts[carrier["organisation"]] = counts.get(carrier["organisation"], 0) + 1
    for organisation in organisations:
        organisation.action_count = counts.get(organisation.pk, 0)
    return {}


def chapter_programme(request, chapter, year):
    """The year programme shown on a chapter page: the asked year if the reader may see it,
    else the newest one (for the public: the newest established one). Where its criteria and
    actions stand in the chapter is opgaven.layout's to say."""
    programmes = sorted(chapter.jaarprogrammas.all(), key=lambda p: p.year, reverse=True)
    years = [p.year for p in programmes]
    shown = year if year in years else current_year(years)
    programme = next((p for p in programmes if p.year == shown), None)
    return {"programme": programme, "years": years}


def register():
    pages.register("organisation_detail", carried_actions)
    pages.register("body_detail", body_actions)
    pages.register("organisation_list", action_counts)
    pages.register("chapter_detail", chapter_programme)
