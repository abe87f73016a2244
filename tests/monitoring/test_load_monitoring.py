"""fixtures/monitoring.yaml and progress.yaml on the real agenda: the matrix from the text, the
indicators' owners, and the progress of September 2021 as dated updates on the parts it concerns."""

import datetime

from django.core.management import call_command
from django.urls import reverse

from jaarprogramma.models import Action, ActionStatus
from monitoring.loader import load_monitoring
from monitoring.models import ChapterLink, Indicator, LinkSource, Measurement, ProgressUpdate, ReportingPeriod

PROGRESS_DATE = datetime.date(2021, 9, 20)


def counts():
    return (ChapterLink.objects.count(), LinkSource.objects.count(), Measurement.objects.count(),
            ReportingPeriod.objects.count(), ProgressUpdate.objects.count())


def test_real_agenda_gets_links_baselines_progress_and_a_period_idempotently(agenda):
    report = load_monitoring()  # load_netwerkagenda ran it already: nothing new, nothing skipped
    assert report.skipped == []
    assert report.created == {}
    links, sources, measurements, periods, updates = before = counts()
    assert links >= 15 and sources >= 30 and measurements >= 4 and periods == 1 and updates >= 40
    call_command("load_monitoring", verbosity=0)
    assert counts() == before
    reach = Measurement.objects.get(indicator__slug="bereik-bibliotheekgebruikers")
    assert reach.value == 4


def test_kwaliteit_en_kennis_is_linked_where_the_text_names_it(agenda):
    sections = set(LinkSource.objects.filter(link__uitdaging__slug="kwaliteit-en-kennis")
                   .values_list("section", flat=True))
    assert {"3.4", "5.4", "9.3", "11.4"} <= sections
    # Only where the text says it: no editorial guesses.
    assert not LinkSource.objects.filter(section="").exists()


def test_real_agenda_matrix_shows_the_texts_links(agenda, admin_client):
    response = admin_client.get(reverse("monitoring:matrix"))
    matrix = response.context["matrix"]
    assert len(matrix.opgaven) == 3 and len(matrix.uitdagingen) == 8
    rows = {uitdaging.slug: cells for uitdaging, cells in matrix.rows}
    assert all(cell is not None for _, cell in rows["kwaliteit-en-kennis"])
    assert all(cell is None for _, cell in rows["robuuste-lokale-bibliotheek"])
    html = response.content.decode()
    cell = dict(rows["kwaliteit-en-kennis"])
    geletterd = next(c for o, c in cell.items() if o.slug == "geletterde-samenleving")
    assert f"?link={geletterd.link.pk}" in html
    assert "(zie ook kwaliteit en kennis)" in html
    actions = admin_client.get(reverse("monitoring:actions"), {"link": geletterd.link.pk})
    assert actions.context["page"].paginator.count == geletterd.count > 0
    assert "Aansluiting en uitwisseling met de stelseluitdaging Kennis en Kwaliteit" in actions.content.decode()


def test_indicators_have_their_owners(agenda):
    assert Indicator.objects.get(slug="bereik-bibliotheekgebruikers").owner.key == "kb"
    assert not Indicator.objects.filter(owner__isnull=True).exists()


def test_the_progress_of_september_2021_is_on_the_parts_it_concerns(agenda):
    informatieplan = Action.objects.get(jaarprogramma__chapter__slug="digitale-netwerkinfrastructuur", number="1")
    assert informatieplan.status == ActionStatus.ON_TRACK
    assert {c.status for c in informatieplan.carriers.all()} == {ActionStatus.ON_TRACK}
    clb = Action.objects.get(jaarprogramma__chapter__slug="digitale-netwerkinfrastructuur", number="2")
    vob = clb.carriers.get(organisation__key="vob")
    assert (vob.status, vob.percentage) == (ActionStatus.DONE, 100)
    # The VOB's study is done; the action, carried by others too, is not.
    assert clb.status == ActionStatus.ON_TRACK
    update = vob.updates.get()
    assert (update.date, update.author, update.organisation.key) == (PROGRESS_DATE, None, "vob")
    assert "20 september 2021" in update.source
    assert not Action.objects.filter(jaarprogramma__chapter__slug="medewerkers-en-vrijwilligers").exclude(
        status=ActionStatus.ON_TRACK).exists()
    assert Action.objects.filter(status=ActionStatus.NOT_STARTED).count() < 43


def test_without_the_agenda_nothing_is_loaded(db):
    report = load_monitoring()
    assert report.skipped
    assert not ChapterLink.objects.exists()
