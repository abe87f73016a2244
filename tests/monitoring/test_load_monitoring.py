from django.core.management import call_command

from monitoring.loader import load_monitoring
from monitoring.models import ActionLink, Measurement, ReportingPeriod


def test_real_agenda_gets_links_baselines_and_a_period_idempotently(agenda):
    report = load_monitoring()
    assert report.skipped == []
    counts = (ActionLink.objects.count(), Measurement.objects.count(), ReportingPeriod.objects.count())
    assert counts[0] >= 15 and counts[1] >= 4 and counts[2] == 1
    call_command("load_monitoring", verbosity=0)
    assert (ActionLink.objects.count(), Measurement.objects.count(), ReportingPeriod.objects.count()) == counts
    reach = Measurement.objects.get(indicator__slug="bereik-bibliotheekgebruikers")
    assert reach.value == 4


def test_real_agenda_matrix_connects_opgaven_and_stelseluitdagingen(agenda, admin_client):
    from django.urls import reverse

    load_monitoring()
    response = admin_client.get(reverse("monitoring:matrix"))
    matrix = response.context["matrix"]
    assert len(matrix.opgaven) == 3 and len(matrix.uitdagingen) == 8
    assert matrix.total >= 15


def test_without_the_agenda_nothing_is_loaded(db):
    report = load_monitoring()
    assert report.skipped
    assert not ActionLink.objects.exists()
