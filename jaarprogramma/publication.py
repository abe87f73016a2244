"""The year programmes as readers see them, through opgaven.publication (which they plug into)."""

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
    return [criterion for programme in published_programmes(edition, **filters)
            for criterion in programme.success_criteria.all()]
