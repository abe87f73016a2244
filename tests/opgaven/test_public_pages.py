"""Anyone reads the established agenda; each page costs a fixed number of queries."""

import pytest
from django.urls import reverse

from opgaven.models import ChapterStatus
from tests import factories as f

pytestmark = pytest.mark.django_db


def build_chapter(edition, n, size):
    chapter = f.ChapterFactory(edition=edition, number=3 + n, position=n + 1, slug=f"onderdeel-{n}")
    koersgroep = f.BodyFactory()
    chapter.koersgroepen.add(koersgroep)
    section = f.SectionFactory(chapter=chapter, aspects=["context", "ambitie", "bijdrage"])
    f.QuoteFactory(chapter=chapter, section=section)
    programme = f.JaarprogrammaFactory(chapter=chapter)
    for i in range(size):
        f.AmbitionFactory(chapter=chapter)
        f.ContributionFactory(chapter=chapter)
        f.FootnoteFactory(chapter=chapter, number=i + 1)
        f.SuccessCriterionFactory(jaarprogramma=programme)
        action = f.ActionFactory(jaarprogramma=programme, theme=f"Thema {i % 2}")
        f.SubItemFactory(action=action)
        f.ActionCarrierFactory(action=action)
        f.ActionCarrierFactory(action=action, organisation=f.OrganisationFactory(type="KB"))
        f.MembershipFactory(body=koersgroep)
    edition.participants.add(*[f.PersonFactory(organisations=[f.OrganisationFactory()]) for _ in range(size)])
    return f.establish(chapter)


PAGES = [
    ("opgaven:home", lambda c: []),
    ("opgaven:chapter_detail", lambda c: [c.edition.slug, c.slug]),
    ("opgaven:participants", lambda c: []),
    ("governance:body_list", lambda c: []),
    ("governance:body_detail", lambda c: [c.koersgroepen.first().slug]),
    ("governance:organisation_list", lambda c: []),
    ("governance:organisation_detail", lambda c: [c.contributions.first().organisation.key]),
]


@pytest.mark.parametrize("name,args", PAGES, ids=[p[0] for p in PAGES])
def test_public_pages_cost_the_same_queries_at_any_size(client, django_assert_num_queries, name, args):
    edition = f.EditionFactory()
    small = build_chapter(edition, 0, size=1)
    response = client.get(reverse(name, args=args(small)))
    assert response.status_code == 200
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    with CaptureQueriesContext(connection) as small_queries:
        client.get(reverse(name, args=args(small)))

    large = build_chapter(edition, 1, size=8)
    with django_assert_num_queries(len(small_queries)):
        response = client.get(reverse(name, args=args(large)))
    assert response.status_code == 200


def test_chapter_page_pins_its_query_count(client, django_assert_num_queries):
    chapter = build_chapter(f.EditionFactory(), 0, size=5)
    # 7 for the chapter, 1 for the live status of each carrier's part, 1 for its stored public PDF
    # (the download link).
    with django_assert_num_queries(9):
        client.get(chapter.get_absolute_url())


def test_anonymous_visitors_do_not_see_chapters_that_were_never_established(client, world):
    draft = f.ChapterFactory(edition=world.edition, status=ChapterStatus.CONCEPT, established_at=None,
                             title="Geheim concept", number=20, position=9)
    from governance import permissions

    draft.koersgroepen.add(world.koersgroep)
    permissions.sync_all()
    assert client.get(draft.get_absolute_url()).status_code == 404
    assert "Geheim concept" not in client.get(reverse("opgaven:home")).content.decode()

    client.force_login(world["reader"])  # a meelezer of the koersgroep that writes it
    assert client.get(draft.get_absolute_url()).status_code == 200
    client.force_login(world["kb_staff"])
    assert client.get(draft.get_absolute_url()).status_code == 404


def test_chapter_page_shows_the_action_table_with_organisation_columns(client):
    chapter = build_chapter(f.EditionFactory(), 0, size=2)
    html = client.get(chapter.get_absolute_url()).content.decode()
    for column in ("VOB/SBW", "KB", "SPN", "OB"):
        assert f'<th scope="col">{column}</th>' in html
    assert '<th scope="rowgroup"' in html


def test_an_earlier_jaarprogramma_stays_readable(client):
    chapter = build_chapter(f.EditionFactory(), 0, size=1)
    f.ActionFactory(jaarprogramma=f.JaarprogrammaFactory(chapter=chapter, year=2022), title="Nieuw in 2022")
    f.establish(chapter)
    assert "Nieuw in 2022" in client.get(chapter.get_absolute_url()).content.decode()
    old = client.get(chapter.get_absolute_url(), {"jaar": 2021}).content.decode()
    assert "Jaarprogramma 2021" in old and "Nieuw in 2022" not in old
    assert client.get(chapter.get_absolute_url(), {"jaar": "x"}).status_code == 200


def test_user_text_is_rendered_without_scripts(client):
    chapter = build_chapter(f.EditionFactory(), 0, size=1)
    ambition = chapter.ambitions.first()
    ambition.text = '**Sterk** <script>alert(1)</script><img src=x onerror="alert(1)"> [x](javascript:alert(1))'
    ambition.save()
    f.establish(chapter)
    html = client.get(chapter.get_absolute_url()).content.decode()
    assert "<strong>Sterk</strong>" in html
    assert "<script>alert" not in html and "onerror" not in html and "javascript:" not in html


def test_pages_stay_dutch_for_a_browser_that_asks_for_english(client):
    chapter = build_chapter(f.EditionFactory(), 0, size=1)
    html = client.get(chapter.get_absolute_url(), HTTP_ACCEPT_LANGUAGE="en-US,en;q=0.9").content.decode()
    assert '<html lang="nl">' in html
    assert "Gezamenlijke ambitie" in html
