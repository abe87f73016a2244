import datetime

import pytest
from django.utils import timezone
from guardian.shortcuts import assign_perm

from jaarprogramma.models import ActionStatus, CarrierRole
from monitoring.models import ChapterLink, LinkSource
from opgaven.models import ChapterKind, ChapterStatus
from tests import factories as f


def grant_update(user, action):
    """Stands in for the editing helper's grants: staff of a carrier may report progress."""
    assign_perm("jaarprogramma.update_progress", user, action)


def build_progress(world, size, opgave_slug="opgave-x"):
    """`size` actions per chapter, each with two carriers (KB leads; its part has the action's
    status and an update), a place in the text linking it to an opgave and a success criterion;
    an indicator per chapter with `size` measurements. Size 10 is ten times size 1."""
    today = timezone.localdate()
    first = opgave_slug == "opgave-x"
    opgave = f.ChapterFactory(edition=world.edition, kind=ChapterKind.OPGAVE, slug=opgave_slug,
                              number=1 if first else 2, position=1 if first else 2, title=opgave_slug)
    chapters = [world.chapter, world.other_chapter]
    year = 2021 if first else 2022
    statuses = list(ActionStatus)
    for chapter in chapters:
        programme = f.JaarprogrammaFactory(chapter=chapter, year=year)
        indicator = f.IndicatorFactory(edition=world.edition, chapter=chapter, owner=world.kb)
        link, _ = ChapterLink.objects.get_or_create(opgave=opgave, uitdaging=chapter)
        for i in range(size):
            status = statuses[i % len(statuses)]
            action = f.ActionFactory(jaarprogramma=programme, status=status,
                                     due_date=today + datetime.timedelta(days=30 if i % 2 == 0 else -30))
            f.ActionCarrierFactory(action=action, organisation=world.kb, role=CarrierRole.LEAD, status=status)
            f.ActionCarrierFactory(action=action, organisation=world.poi if i % 2 else world.ob, status=status)
            f.ProgressUpdateFactory(action=action, organisation=world.kb, author=world["kb_staff"],
                                    date=today - datetime.timedelta(days=10 * i), percentage=10 * (i % 10))
            f.SuccessCriterionFactory(jaarprogramma=programme)
            f.MeasurementFactory(indicator=indicator, date=datetime.date(2021, 1 + i % 12, 1), value=4 + i)
            LinkSource.objects.create(link=link, chapter=chapter, section=f"{chapter.number}.4", action=action,
                                      quote="Draagt bij aan de opgave.")
    for chapter in [*chapters, opgave]:
        f.establish(chapter)
    return opgave


@pytest.fixture
def progress(world):
    return build_progress(world, 2)


@pytest.fixture
def draft_chapter(world):
    return f.ChapterFactory(edition=world.edition, slug="concept", title="Conceptonderdeel", number=9,
                            status=ChapterStatus.CONCEPT, established_at=None)
