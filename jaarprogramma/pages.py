"""What the year programmes add to the public organisation pages (governance.pages)."""

from governance import pages
from governance.models import ActionColumn
from jaarprogramma.publication import published_actions
from opgaven.models import Edition


def carried_actions(request, organisation):
    actions = [
        action for action in published_actions(Edition.objects.current())
        if any(carrier.organisation and carrier.organisation.covers(organisation)
               for carrier in action.carriers.all())
    ]
    return {"actions": actions}


def action_counts(request, organisations):
    counts = {}
    for action in published_actions(Edition.objects.current()):
        for carrier in action.carriers.all():
            counts[carrier.organisation_id] = counts.get(carrier.organisation_id, 0) + 1
    for organisation in organisations:
        organisation.action_count = counts.get(organisation.pk, 0)
    return {}


TABLE_COLUMNS = [ActionColumn.VOB_SBW, ActionColumn.KB, ActionColumn.SPN, ActionColumn.OB]


def action_rows(actions):
    """One row per action: the carriers under each organisation column of the table."""
    rows = []
    for action in actions:
        by_column = action.carriers_by_column()
        rows.append({
            "action": action,
            "cells": [by_column.get(column, []) for column in TABLE_COLUMNS],
            "others": by_column.get(ActionColumn.OTHER, []),
        })
    return rows


def chapter_programme(request, chapter, year):
    """The year programme shown on a chapter page: the asked year if the reader may see it,
    else the newest one (for the public: the newest established one)."""
    programmes = sorted(chapter.jaarprogrammas.all(), key=lambda p: p.year, reverse=True)
    programme = next((p for p in programmes if p.year == year), programmes[0] if programmes else None)
    actions = list(programme.actions.all()) if programme else []
    programme_section = next((s for s in chapter.sections.all() if "jaarprogramma" in s.aspects), None)
    return {
        "programme": programme,
        "years": [p.year for p in programmes],
        "programme_section": programme_section,
        "action_rows": action_rows(actions),
        "columns": TABLE_COLUMNS,
        "has_themes": any(a.theme for a in actions),
    }


def register():
    pages.register("organisation_detail", carried_actions)
    pages.register("organisation_list", action_counts)
    pages.register("chapter_detail", chapter_programme)
