"""The year programmes as readers see them, through opgaven.publication (which they plug into)."""

from governance.models import Body, Organisation
from opgaven import publication


def published_programmes(edition, **filters):
    """Every established year programme of the edition, oldest year first, as established."""
    if edition is None:
        return []
    return [
        programme
        for chapter in publication.published(edition, **filters)
        for programme in sorted(chapter.jaarprogrammas.all(), key=lambda p: p.year)
    ]


def published_actions(edition, **filters):
    return [action for programme in published_programmes(edition, **filters) for action in programme.actions.all()]


def published_criteria(edition, **filters):
    """The established success criteria, with their programmes (the actions are not thawed)."""
    if edition is None:
        return []
    chapters = publication.thaw_parts(publication.published_content(edition, **filters), [PROGRAMMES],
                                      keep={"actions": lambda node: False})
    return [criterion for chapter in chapters
            for programme in sorted(chapter.jaarprogrammas.all(), key=lambda p: p.year)
            for criterion in programme.success_criteria.all()]


# -- a part of the programmes, without thawing the rest -------------------------------------------
# The frozen content holds every year's programme of a chapter; a page that shows one year, or
# one page of actions, reads which there are from the frozen nodes and thaws only those.

PROGRAMMES = "jaarprogrammas"


def programme_years(edition, **filters):
    """The years of the edition's established programmes, oldest first (nothing thawed)."""
    if edition is None:
        return []
    return sorted({node["fields"]["year"] for _, content in publication.published_content(edition, **filters)
                   for node in content.get(PROGRAMMES, [])})


def programmes_of_year(edition, year, **filters):
    """The established programmes of one year (every year for None), with their criteria and
    actions; only those are thawed, not the chapters' text or other years."""
    if edition is None:
        return []
    keep = {PROGRAMMES: lambda node: year is None or node["fields"]["year"] == year}
    chapters = publication.thaw_parts(publication.published_content(edition, **filters), [PROGRAMMES], keep=keep)
    return [programme for chapter in chapters
            for programme in sorted(chapter.jaarprogrammas.all(), key=lambda p: p.year)]


def frozen_actions(chapters_content, year=None):
    """[(action pk, frozen action node)] of the established content (publication.established_content
    pairs) in the agenda's order (chapter, year, the programme's order), of one year or all; nothing thawed."""
    found = []
    for _, content in chapters_content:
        for programme in sorted(content.get(PROGRAMMES, []), key=lambda node: node["fields"]["year"]):
            if year is None or programme["fields"]["year"] == year:
                found += [(node["pk"], node) for node in programme.get("children", {}).get("actions", [])]
    return found


def established_action_ids(edition, **filters):
    """The ids of the edition's established actions (nothing thawed)."""
    if edition is None:
        return set()
    return {pk for pk, _node in frozen_actions(publication.published_content(edition, **filters))}


def carrier_nodes(node):
    """The frozen carriers (parts) of a frozen action node: their fields, as stored."""
    return [carrier["fields"] for carrier in node.get("children", {}).get("carriers", [])]


def thaw_actions(chapters_content, pks, *, among=(), parts=True):
    """{pk: action} of these established actions, thawed with their programme and, with `parts`,
    their carriers and sub-items (and nothing else). `among`: the frozen action nodes of the whole
    list these are a page of; the organisations and bodies all of them name are fetched, so that
    every page of a list runs the same queries."""
    pks = set(pks)
    related = {}
    for node in among if parts else ():
        for carrier in carrier_nodes(node):
            for name, model in (("organisation", Organisation), ("body", Body)):
                if carrier.get(name) is not None:
                    related.setdefault(model, set()).add(carrier[name])

    def holds(node):
        return any(action["pk"] in pks for action in node.get("children", {}).get("actions", []))

    keep = {PROGRAMMES: holds, "actions": lambda node: node["pk"] in pks, "success_criteria": lambda node: False}
    if not parts:
        keep.update(carriers=lambda node: False, subitems=lambda node: False)
    # A chapter without any of them is not even copied.
    holding = [(chapter, content) for chapter, content in chapters_content
               if any(map(holds, content.get(PROGRAMMES, [])))]
    chapters = publication.thaw_parts(holding, [PROGRAMMES], keep=keep, related=related)
    return {action.pk: action for chapter in chapters for programme in chapter.jaarprogrammas.all()
            for action in programme.actions.all()}
