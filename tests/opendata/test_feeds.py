"""Atom feeds: establishments, decisions (hook), progress per chapter and per organisation; only
what the public may read, and at a pinned query count."""

import pytest
from defusedxml import ElementTree as ET
from django.core.management import call_command
from django.urls import reverse

from opendata import feeds
from tests import factories as f

pytestmark = pytest.mark.django_db
ATOM = "{http://www.w3.org/2005/Atom}"


def entries(client, url):
    response = client.get(url)
    assert response.status_code == 200, url
    assert response["Content-Type"].startswith("application/atom+xml")
    root = ET.fromstring(response.content)
    assert root.tag == f"{ATOM}feed"
    return [(e.findtext(f"{ATOM}title"), e.findtext(f"{ATOM}summary") or "") for e in root.iter(f"{ATOM}entry")]


def test_the_establishments_feed_lists_each_established_version(world, client):
    titles = [title for title, _ in entries(client, reverse("feed_established"))]
    assert f"Vastgesteld: {world.chapter.display_title}" in titles
    f.ChapterFactory(edition=world.edition, slug="concept", title="Nooit vastgesteld", number=9)
    assert not any("Nooit vastgesteld" in t for t, _ in entries(client, reverse("feed_established")))


def test_progress_feeds_show_established_actions_without_the_internal_text(api_agenda, client):
    w = api_agenda
    f.ProgressUpdateFactory(action=w.action, organisation=w.kb, author=w["kb_staff"], text="Interne toelichting",
                            percentage=40, status="op-schema")
    f.ProgressUpdateFactory(action=w.draft_action, organisation=w.kb, author=w["kb_staff"], text="Concept")
    for url in [reverse("feed_chapter_updates", args=[w.chapter.pk]),
                reverse("feed_organisation_updates", args=["kb"])]:
        found = entries(client, url)
        assert len(found) == 1, url
        title, summary = found[0]
        assert "Vastgestelde actie" in title and "40% gereed" in summary and "Op schema" in summary
        assert "Interne toelichting" not in title + summary and "APICONCEPTX" not in title + summary
    assert entries(client, reverse("feed_organisation_updates", args=["rijnbrink"])) == []
    assert client.get(reverse("feed_organisation_updates", args=["bestaat-niet"])).status_code == 404


def test_a_never_established_chapter_has_no_feed(world, client):
    draft = f.ChapterFactory(edition=world.edition, slug="concept", number=9)
    assert client.get(reverse("feed_chapter_updates", args=[draft.pk])).status_code == 404


def test_decisions_plug_into_their_feed(world, client):
    from django.utils import timezone

    assert entries(client, reverse("feed_decisions")) == []
    decision = feeds.Entry("Netwerkoverleg stelt onderdeel A vast", "/besluiten/", "Vastgesteld.", timezone.now(),
                           "besluit-1")
    saved = dict(feeds._DECISIONS)
    try:
        feeds.register_decisions(lambda: [decision], lambda item: item)
        assert entries(client, reverse("feed_decisions")) == [("Netwerkoverleg stelt onderdeel A vast",
                                                                "Vastgesteld.")]
    finally:
        feeds._DECISIONS.clear()
        feeds._DECISIONS.update(saved)


def _count(client, url):
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    with CaptureQueriesContext(connection) as queries:
        assert client.get(url).status_code == 200, url
    return len(queries)


def test_feeds_keep_their_query_count_at_ten_times_the_real_agenda(agenda, client):
    from jaarprogramma.models import Action
    from opgaven import publication
    from opgaven.models import Chapter

    action = Action.objects.filter(carriers__isnull=False).first()
    carrier = action.carriers.first().organisation
    f.ProgressUpdateFactory(action=action, organisation=carrier, author=f.UserFactory())
    chapter = action.jaarprogramma.chapter
    urls = [reverse("feed_established"), reverse("feed_decisions"),
            reverse("feed_chapter_updates", args=[chapter.pk]),
            reverse("feed_organisation_updates", args=[carrier.key])]
    real = {url: _count(client, url) for url in urls}
    call_command("seed_scale", factor=10, verbosity=0)
    for each in Chapter.objects.filter(edition=agenda):
        publication.publish(each)
    for url in urls:
        assert _count(client, url) == real[url], url


def test_a_progress_feed_holds_the_latest_updates_newest_first(api_agenda, client):
    import datetime

    w = api_agenda
    days = [datetime.date(2021, 1, 1) + datetime.timedelta(days=n) for n in range(feeds.UPDATE_ITEMS + 5)]
    for day in days:
        f.ProgressUpdateFactory(action=w.action, organisation=w.kb, author=w["kb_staff"], date=day)
    shown = [day.strftime("%d-%m-%Y") for day in reversed(days[5:])]
    for url in [reverse("feed_chapter_updates", args=[w.chapter.pk]),
                reverse("feed_organisation_updates", args=["kb"])]:
        found = entries(client, url)
        assert [summary.split(" op ")[1].rstrip(".") for _, summary in found] == shown, url
