"""The fixture holds the complete Netwerkagenda 2021-2023, and loading it twice changes nothing."""

import pytest
from django.core.management import call_command

from governance.models import Body, BodyKind, Organisation, OrganisationType, Person
from jaarprogramma.models import Action, ActionCarrier
from monitoring.models import Indicator
from opgaven.models import Chapter, ChapterKind, ChapterStatus, Contribution, Edition

pytestmark = pytest.mark.django_db


@pytest.fixture
def agenda(module_agenda, db):
    return module_agenda

CHAPTERS = {
    ChapterKind.OPGAVE: ["Geletterde samenleving", "Participatie in de informatiesamenleving",
                         "Leven lang ontwikkelen"],
    ChapterKind.STELSELUITDAGING: [
        "Robuuste lokale bibliotheek", "Medewerkers en vrijwilligers", "Digitale (netwerk)infrastructuur",
        "Kwaliteit en kennis", "Innovatie", "Collectie", "Gezamenlijke klantbenadering", "Digitale bibliotheek",
    ],
}

# Chapter 7's table: columns VOB/SBW, KB, SPN, OB as printed in the agenda.
CHAPTER_7_COLUMNS = [
    ("Strategische personeelsplanning", {"VOB_SBW"}),
    ("Strategische personeelsplanning", {"VOB_SBW", "SPN"}),
    ("Strategische personeelsplanning", {"OB"}),
    ("Strategische personeelsplanning", {"VOB_SBW", "KB", "SPN"}),
    ("Strategische personeelsplanning", {"VOB_SBW"}),
    ("Strategische personeelsplanning", {"VOB_SBW"}),
    ("Strategische personeelsplanning", {"VOB_SBW"}),
    ("Ontwikkelen van nieuw vakmanschap", {"KB", "SPN"}),
    ("Ontwikkelen van nieuw vakmanschap", {"KB", "SPN"}),
    ("Ontwikkelen van nieuw vakmanschap", {"KB", "SPN"}),
    ("Versterken van HR-infrastructuur", {"VOB_SBW", "KB", "SPN"}),
    ("Versterken van HR-infrastructuur", {"VOB_SBW", "KB", "SPN", "OB"}),
]


def test_it_loads_the_edition_with_motto_introduction_and_manifest(agenda):
    assert agenda.title.startswith("Netwerkagenda")
    assert (agenda.start_year, agenda.end_year) == (2021, 2023)
    assert "bibliotheekvoorziening" in agenda.motto
    assert [s.number for s in agenda.intro_sections.all()] == ["1.1", "1.2", "1.3", "1.4", "1.5", "1.6"]
    assert agenda.principles.count() == 5


def test_it_loads_three_opgaven_and_eight_stelseluitdagingen_in_order(agenda):
    for kind, titles in CHAPTERS.items():
        chapters = Chapter.objects.filter(edition=agenda, kind=kind).order_by("position")
        assert [c.title for c in chapters] == titles
    assert list(Chapter.objects.values_list("number", flat=True).order_by("number")) == list(range(3, 14))
    assert not Chapter.objects.exclude(status=ChapterStatus.ESTABLISHED).exists()


def test_every_chapter_has_its_aspects_and_a_jaarprogramma_for_2021(agenda):
    for chapter in Chapter.objects.all():
        aspects = {a for section in chapter.sections.all() for a in section.aspects}
        assert "context" in aspects, chapter
        assert chapter.jaarprogrammas.filter(year=2021).exists(), chapter
    merged = Chapter.objects.get(slug="robuuste-lokale-bibliotheek").sections.first()
    assert set(merged.aspects) >= {"context", "ambitie"}


def test_it_loads_ambitions_contributions_actions_and_footnotes(agenda):
    chapter = Chapter.objects.get(slug="geletterde-samenleving")
    assert chapter.ambitions.count() >= 3
    assert chapter.footnotes.count() >= 12
    assert Action.objects.count() >= 40
    amounts = set(Contribution.objects.exclude(amount_eur=None).values_list("amount_eur", flat=True))
    assert {90_000_000, 17_000_000, 30_000_000} <= {int(a) for a in amounts}
    sub_items = Action.objects.get(jaarprogramma__chapter__slug="leven-lang-ontwikkelen", number="1").subitems
    assert sub_items.exists()


def test_chapter_7_actions_carry_the_organisation_columns_of_the_table(agenda):
    actions = Action.objects.filter(jaarprogramma__chapter__slug="medewerkers-en-vrijwilligers").prefetch_related(
        "carriers__organisation"
    )
    assert [(a.theme, set(a.carriers_by_column())) for a in actions] == CHAPTER_7_COLUMNS
    first = actions[0]
    assert {c.organisation.key for c in first.carriers.all()} == {"vob", "sbw"}


def test_it_loads_the_127_participants_with_their_organisations(agenda):
    assert agenda.participants.count() == 127
    adriaan = Person.objects.get(name="Adriaan Langendonk")
    assert {o.short_name or o.name for o in adriaan.organisations.all()} == {"KB", "Stichting Lezen"}
    assert not agenda.participants.filter(organisations=None).exists()


def test_it_loads_organisations_by_type_and_the_governance_bodies(agenda):
    assert Organisation.objects.filter(type=OrganisationType.POI, collective=False).count() >= 8
    assert Organisation.objects.get(key="ob").collective
    # The manifest gives every opgave and stelseluitdaging a koersgroep: eleven, 6 and 13 too.
    assert Body.objects.filter(kind=BodyKind.KOERSGROEP).count() == 11
    assert Body.objects.filter(kind=BodyKind.REFLECTIEGROEP).count() == 2
    netwerkoverleg = Body.objects.get(kind=BodyKind.NETWERKOVERLEG)
    assert {o.key for o in netwerkoverleg.organisations.all()} == {"kb", "spn", "vob"}
    steered = Chapter.objects.filter(koersgroepen__kind=BodyKind.KOERSGROEP).distinct().count()
    assert steered == 11


def test_it_seeds_the_figures_the_agenda_tracks(agenda):
    reach = Indicator.objects.get(slug="bereik-bibliotheekgebruikers")
    assert (reach.baseline, reach.target) == (4, 8)
    assert Indicator.objects.count() >= 10


def test_loading_twice_changes_nothing(agenda, capsys):
    def snapshot():
        return {
            model.__name__: list(model.objects.order_by("pk").values())
            for model in (Edition, Chapter, Action, ActionCarrier, Person, Organisation, Body, Contribution)
        } | {"history": Chapter.history.count() + Action.history.count() + Person.history.count()}

    before = snapshot()
    capsys.readouterr()
    call_command("load_netwerkagenda")
    assert "niets veranderd" in capsys.readouterr().out
    assert snapshot() == before



def test_it_loads_the_links_and_baselines_the_dashboards_need(agenda):
    from monitoring.models import ChapterLink, Measurement, ProgressUpdate

    assert ChapterLink.objects.exists()
    assert Measurement.objects.exists()
    assert ProgressUpdate.objects.exists()
