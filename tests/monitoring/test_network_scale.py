"""`seed_scale --network` (issue 15): the data set after years of use, and pages whose number of
queries does not grow with it. The small size has the network's shape (three editions, nine
years, collectives reporting through their members, history) at a size a test can build."""

import pytest
from django.contrib.auth import get_user_model
from django.core.management import CommandError, call_command
from django.db import connection
from django.test import Client
from django.test.utils import CaptureQueriesContext

from benchmarks.pages import page_urls
from jaarprogramma.models import Action, ActionCarrier, Jaarprogramma, status_of_parts
from monitoring.models import ProgressUpdate
from opgaven.models import Chapter, Edition, Section


def _count_queries(clients):
    counts = {}
    for page, (url, signed_in) in page_urls().items():
        client = clients[signed_in]
        assert client.get(url).status_code == 200, url
        with CaptureQueriesContext(connection) as queries:
            assert client.get(url).status_code == 200, url
        counts[page] = len(queries)
    return counts


@pytest.fixture(scope="module")
def network(django_db_setup, django_db_blocker):
    """The real agenda's query counts per page, then the small network seeded on top of it."""
    from django.db import transaction

    from tests.conftest import _load_agenda

    with django_db_blocker.unblock(), transaction.atomic():
        _load_agenda()
        call_command("load_monitoring", verbosity=0)
        admin = get_user_model().objects.create_superuser("netwerkoverleg-test", password="x")
        staff = Client()
        staff.force_login(admin)
        clients = {False: Client(), True: staff}
        real = _count_queries(clients)
        call_command("seed_scale", network=True, size="small", verbosity=0)
        yield real, clients
        transaction.set_rollback(True)


def test_pages_run_as_many_queries_at_network_scale_as_at_the_real_size(network, db):
    real, clients = network
    assert _count_queries(clients) == real


def test_the_pages_that_grew_with_the_years_open_on_the_current_one_and_reach_the_others(network, db):
    """The organisation page, the cockpit and the view per organisation show the current programme year
    (the edition's newest), the API the current edition, the feeds the latest updates."""
    from django.urls import reverse

    from opendata import feeds

    _, clients = network
    organisation = reverse("governance:organisation_detail", args=["kb"])
    page = clients[False].get(organisation)
    assert page.context["action_year"] == 2029 and page.context["action_years"] == [2027, 2028, 2029]
    assert {action.jaarprogramma.year for action in page.context["actions"]} == {2029}
    every = clients[False].get(organisation, {"jaar": "alle"})
    assert {action.jaarprogramma.year for action in every.context["actions"]} == {2027, 2028, 2029}
    assert clients[False].get(organisation, {"jaar": 2027}).context["action_year"] == 2027
    cockpit = clients[False].get(reverse("monitoring:cockpit"))
    assert cockpit.context["filters"]["year"] == 2029
    assert "year" not in clients[False].get(reverse("monitoring:cockpit"), {"year": "alle"}).context["filters"]
    dashboard = clients[True].get(reverse("monitoring:organisations"))
    assert dashboard.context["filters"]["year"] == 2029
    assert "year" not in clients[True].get(reverse("monitoring:organisations"), {"year": "alle"}).context["filters"]
    current = clients[False].get(reverse("api:action-list")).json()
    assert {action["year"] for action in current["results"]} <= {2027, 2028, 2029}
    assert clients[False].get(reverse("api:action-list"), {"editie": "alle"}).json()["count"] > current["count"]
    feed = clients[False].get(reverse("feed_organisation_updates", args=["kb"])).content.decode()
    assert feed.count("<entry>") == feeds.UPDATE_ITEMS


def test_three_editions_of_three_years_each(network, db):
    assert list(Edition.objects.order_by("start_year").values_list("slug", flat=True)) == [
        "2021-2023", "2024-2026", "2027-2029"]
    for chapter in Chapter.objects.all():
        assert sorted(Jaarprogramma.objects.filter(chapter=chapter).values_list("year", flat=True)) == list(
            chapter.edition.years)
    assert not Chapter.objects.filter(established_at__isnull=True).exists()
    # An open action carries over into the next year; the next year holds as many actions.
    assert Action.objects.filter(carried_over_from__isnull=False).exists()
    per_year = {year: Action.objects.filter(jaarprogramma__year=year).count() for year in range(2021, 2030)}
    assert len(set(per_year.values())) == 1


def test_each_part_has_the_status_of_its_latest_update_and_each_action_that_of_its_parts(network, db):
    latest = {}
    for carrier, status in ProgressUpdate.objects.exclude(status="").order_by(
            "carrier", "-date", "-created_at").values_list("carrier", "status"):
        latest.setdefault(carrier, status)
    parts = {}
    for pk, action, status in ActionCarrier.objects.values_list("pk", "action", "status"):
        assert status == latest[pk]
        parts.setdefault(action, []).append(status)
    for pk, status in Action.objects.filter(pk__in=parts).values_list("pk", "status"):
        assert status == status_of_parts(parts[pk])


def test_every_collective_part_is_reported_on_by_its_members(network, db):
    carrier = ActionCarrier.objects.filter(organisation__key="ob").first()
    reporters = set(ProgressUpdate.objects.filter(carrier=carrier).values_list("organisation", flat=True))
    assert len(reporters) == 3  # SIZES["small"].reporters
    assert ProgressUpdate.objects.filter(carrier=carrier).count() == 3 * 4


def test_a_live_item_has_the_version_of_its_latest_history_record(network, db):
    for section in Section.objects.order_by("pk")[:20]:
        latest = section.history.order_by("-version", "-history_id").first()
        assert latest.version == section.version
        assert latest.body == section.body


def test_seeding_twice_is_refused(network, db):
    with pytest.raises(CommandError):
        call_command("seed_scale", network=True, size="small", verbosity=0)
