"""The established agenda, readable by anyone."""

from django.db.models import Prefetch
from django.http import Http404
from django.shortcuts import get_object_or_404, render

from governance.models import ActionColumn
from governance.views.imports import can_export, can_import
from jaarprogramma.models import Action, ActionCarrier, Jaarprogramma
from opgaven import selectors
from opgaven.models import Chapter, ChapterKind, Contribution, Edition

TABLE_COLUMNS = [ActionColumn.VOB_SBW, ActionColumn.KB, ActionColumn.SPN, ActionColumn.OB]


def current_edition():
    edition = Edition.objects.current()
    if edition is None:
        raise Http404("Er is nog geen Netwerkagenda geladen.")
    return edition


def home(request):
    edition = current_edition()
    chapters = list(
        Chapter.objects.visible_to(request.user).filter(edition=edition).prefetch_related("koersgroepen")
    )
    return render(request, "opgaven/home.html", {
        "edition": edition,
        "intro_sections": edition.intro_sections.all(),
        "principles": edition.principles.all(),
        "opgaven": [c for c in chapters if c.kind == ChapterKind.OPGAVE],
        "stelseluitdagingen": [c for c in chapters if c.kind == ChapterKind.STELSELUITDAGING],
    })


def _programme_for(chapter, year):
    programmes = list(chapter.jaarprogrammas.order_by("-year").values_list("year", flat=True))
    if not programmes:
        return None, []
    if year not in programmes:
        year = programmes[0]
    carriers = ActionCarrier.objects.select_related("organisation")
    programme = (
        Jaarprogramma.objects.filter(chapter=chapter, year=year)
        .prefetch_related(
            "success_criteria",
            Prefetch("actions", Action.objects.prefetch_related("subitems", Prefetch("carriers", carriers))),
        )
        .get()
    )
    return programme, programmes


def _year_param(request):
    try:
        return int(request.GET.get("jaar", ""))
    except ValueError:
        return None


def chapter_detail(request, edition_slug, chapter_slug):
    chapter = get_object_or_404(
        Chapter.objects.visible_to(request.user).prefetch_related(
            "sections", "ambitions", "quotes", "footnotes", "koersgroepen",
            Prefetch("contributions", Contribution.objects.select_related("organisation")),
        ),
        edition__slug=edition_slug, slug=chapter_slug,
    )
    programme, years = _programme_for(chapter, _year_param(request))
    if selectors.shows_established_version(request.user, chapter):
        selectors.apply_established_version(chapter, programme)
    actions = list(programme.actions.all()) if programme else []
    programme_section = next((s for s in chapter.sections.all() if "jaarprogramma" in s.aspects), None)
    return render(request, "opgaven/chapter_detail.html", {
        **selectors.member_tools(request.user, chapter),
        "chapter": chapter,
        "programme_section": programme_section,
        "edition": chapter.edition,
        "programme": programme,
        "years": years,
        "action_rows": action_rows(actions),
        "columns": TABLE_COLUMNS,
        "has_themes": any(a.theme for a in actions),
    })


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


def participants(request):
    edition = current_edition()
    people = edition.participants.prefetch_related("organisations").order_by("name")
    return render(request, "opgaven/participant_list.html", {
        "edition": edition,
        "people": people,
        "can_import": can_import(request.user),
        "can_export": can_export(request.user),
    })

