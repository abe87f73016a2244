"""The real agenda's cycle pages answer anonymous readers, at a pinned cost."""

import pytest
from django.urls import reverse

from governance.models import Meeting
from opgaven.models import Decision

pytestmark = pytest.mark.django_db


def test_the_edition_decisions_and_changes_pages_answer_after_loading(client, module_agenda,
                                                                       django_assert_max_num_queries):
    edition = module_agenda
    urls = [reverse("opgaven:edition_detail", args=[edition.slug]), reverse("opgaven:decision_list")]
    urls += [reverse("opgaven:chapter_changes", args=[edition.slug, c.slug]) for c in edition.chapters.all()]
    urls += [meeting.get_absolute_url() for meeting in Meeting.objects.all()]  # the seeds' meetings are public
    assert len(urls) > 2 + edition.chapters.count()
    for url in urls:
        with django_assert_max_num_queries(12):
            response = client.get(url)
        assert response.status_code == 200, url


def test_the_seeds_decisions_are_loaded_with_their_dates_or_none(client, module_agenda):
    decisions = list(Decision.objects.filter(edition=module_agenda))

    def date_of(start):
        return next(str(d.date) if d.date else None for d in decisions if d.text.startswith(start))

    assert date_of("De eerste conceptversie") == "2021-02-04"
    assert date_of("De Netwerkagenda 2021-2023 is gepresenteerd") == "2021-06-16"
    assert date_of("Het netwerkoverleg (KB, SPN en VOB) stelt") is None  # no source gives the date
    html = client.get(reverse("opgaven:decision_list")).content.decode()
    assert "4 februari 2021" in html and "datum onbekend" in html
    chapter = module_agenda.chapters.first()
    assert chapter.established_at.date().isoformat() == "2021-06-16"  # public since the presentation
