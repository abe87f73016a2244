"""Every action of the real agenda has a reporting party, recorded as the text says it."""

import pytest
from django.urls import reverse

from governance.models import BodyKind, OrganisationType
from jaarprogramma.models import Action, ActionCarrier

pytestmark = pytest.mark.django_db


@pytest.fixture
def agenda(module_agenda, db):
    # Loaded once for the module; what a test changes rolls back with it.
    return module_agenda


def test_after_loading_every_action_has_a_reporting_party(agenda):
    assert Action.objects.count() == 43
    assert not Action.objects.filter(carriers__isnull=True).exists()


def test_no_action_is_left_to_external_partners_alone(agenda):
    network = ActionCarrier.objects.exclude(organisation__type=OrganisationType.EXTERNAL)
    assert not Action.objects.exclude(carriers__in=network).exists()


def test_where_the_text_names_nobody_the_chapters_koersgroep_carries_it_marked_as_such(agenda):
    inferred = ActionCarrier.objects.filter(inferred=True).select_related("body", "action__jaarprogramma__chapter")
    assert inferred.exists()
    for carrier in inferred:
        assert carrier.body.kind == BodyKind.KOERSGROEP
        assert carrier.action.jaarprogramma.chapter in carrier.body.chapters.all()
    klant = Action.objects.get(jaarprogramma__chapter__slug="gezamenlijke-klantbenadering", number="3")
    assert [c.body.slug for c in klant.carriers.all()] == ["koersgroep-gezamenlijke-klantbenadering"]


@pytest.mark.parametrize("chapter, number, parties", [
    ("geletterde-samenleving", "3", {"pois", "kb", "stichting-lezen", "nbd-biblion"}),  # "POI's, de KB, …"
    ("digitale-netwerkinfrastructuur", "1", {"pois", "ob", "kb"}),  # the drafters of the informatieplan
    ("gezamenlijke-klantbenadering", "1", {"spn", "kb", "pois"}),  # 12.2
    ("robuuste-lokale-bibliotheek", "2", {"pois", "kb", "ob", "vob"}),  # the project team of 6.2
    ("innovatie", "1", {"pois", "spn", "innovatieraad"}),
])
def test_carriers_follow_the_text(agenda, chapter, number, parties):
    action = Action.objects.get(jaarprogramma__chapter__slug=chapter, number=number)
    assert {c.organisation.key if c.organisation_id else c.body.slug for c in action.carriers.all()} == parties


def test_the_dashboard_shows_how_many_actions_have_a_reporting_party(agenda, admin_client):
    response = admin_client.get(reverse("monitoring:dashboard"))
    assert response.context["reporting"] == {"total": 43, "carried": 43}
    assert "43 van de 43" in response.content.decode()


def test_the_cockpit_and_dashboards_show_the_progress_of_september_2021(agenda, admin_client, client):
    cockpit = client.get(reverse("monitoring:cockpit"))
    statuses = dict(cockpit.context["totals"].counts)
    assert statuses["op-schema"] >= 20
    html = cockpit.content.decode()
    assert "Voortgangsbericht Netwerkagenda, nieuwsbericht van 20 september 2021" in html
    overview = admin_client.get(reverse("monitoring:dashboard")).content.decode()
    assert "HRD-agenda is volop in uitvoering" in overview
    organisations = admin_client.get(reverse("monitoring:organisations"))
    vob = next(row for row in organisations.context["rows"] if str(row.subject) == "VOB")
    assert dict(vob.counts)["afgerond"] == 1
