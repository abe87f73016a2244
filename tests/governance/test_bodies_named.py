"""Every body the agenda names is there, with its kind and the chapters it works on (that only
steering bodies' schrijvers edit, whatever else a body is, is in test_body_kinds.py)."""

import pytest
from django.urls import reverse

from governance.models import BODY_CATEGORIES, Body, BodyCategory, BodyKind

pytestmark = pytest.mark.django_db

# slug: (kind, category, chapters as the text relates them)
NAMED = {
    "innovatienetwerk": (BodyKind.NETWERK, BodyCategory.NETWORK, {10}),
    "kennisnetwerk": (BodyKind.NETWERK, BodyCategory.NETWORK, {9}),
    "lerend-netwerk": (BodyKind.NETWERK, BodyCategory.NETWORK, {9}),
    "leescoalitie": (BodyKind.NETWERK, BodyCategory.NETWORK, {3}),
    "kb-inkoopcommissie": (BodyKind.COMMISSIE, BodyCategory.TEAM, {5}),
    "hr-netwerk": (BodyKind.NETWERK, BodyCategory.NETWORK, {7}),
    "expertisepool-innovatie": (BodyKind.TEAM, BodyCategory.TEAM, {9, 10}),
    "projectteam-robuuste-bibliotheek": (BodyKind.TEAM, BodyCategory.TEAM, {6}),
    "bestuurlijk-overleg": (BodyKind.BESTUURLIJK_OVERLEG, BodyCategory.BOARD, set()),
    "koersgroep-robuuste-lokale-bibliotheek": (BodyKind.KOERSGROEP, BodyCategory.STEERING, {6}),
    "koersgroep-digitale-bibliotheek": (BodyKind.KOERSGROEP, BodyCategory.STEERING, {13}),
    "stuurgroep-robuuste-bibliotheek": (BodyKind.STUURGROEP, BodyCategory.STEERING, {6}),
    "reflectiegroep-bibliotheek-digitale-domein": (BodyKind.REFLECTIEGROEP, BodyCategory.ADVISORY, {13}),
}


@pytest.fixture
def agenda(module_agenda, db):
    return module_agenda


def test_every_body_the_text_names_has_its_kind_and_chapters(agenda):
    found = {
        body.slug: (body.kind, body.category, {c.number for c in body.chapters.all()})
        for body in Body.objects.filter(slug__in=NAMED).prefetch_related("chapters")
    }
    assert found == NAMED


def test_every_opgave_and_stelseluitdaging_has_its_koersgroep(agenda):
    for chapter in agenda.chapters.all():
        assert chapter.koersgroepen.filter(kind=BodyKind.KOERSGROEP).count() == 1, chapter


def test_the_bestuurlijk_overleg_shows_its_members_the_signatories(client, agenda):
    html = client.get(reverse("governance:body_detail", args=["bestuurlijk-overleg"])).content.decode()
    members = html[html.index("Leden"):]
    for name in ("Ministerie van Onderwijs, Cultuur en Wetenschap", "Interprovinciaal Overleg",
                 "Vereniging van Nederlandse Gemeenten", "Koninklijke Bibliotheek", "Vereniging Openbare Bibliotheken"):
        assert name in members
    assert "Bestuurlijk" in html  # its category


def test_a_body_page_says_how_it_relates_to_its_chapters(client, agenda):
    network = client.get(reverse("governance:body_detail", args=["innovatienetwerk"])).content.decode()
    assert "Netwerk bij de onderdelen" in network and "Innovatie" in network
    koersgroep = client.get(reverse("governance:body_detail", args=["koersgroep-digitale-bibliotheek"]))
    assert "Stuurt de onderdelen" in koersgroep.content.decode()
    chapter = client.get(agenda.chapters.get(number=10).get_absolute_url()).content.decode()
    assert "Innovatienetwerk</a> <span class=\"body-category\">(netwerk)</span>" in chapter


def test_every_kind_has_a_category():
    assert set(BODY_CATEGORIES) == set(BodyKind)
