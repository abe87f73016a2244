"""Money says what it is: committed by a party, a cost, needed from a party, or funded by a third
party, in the text's own terms; no party is credited with money it does not give.

One test per case the issue lists, on the chapter page, the organisation pages and the PDF."""

import re

import pytest
from django.urls import reverse

from opgaven.models import Chapter, Contribution, ContributionKind
from opgaven.pdf.render import render_html
from tests import factories as f

pytestmark = pytest.mark.django_db


@pytest.fixture
def agenda(module_agenda, db):
    return module_agenda


def contribution(chapter_number, text):
    return Contribution.objects.select_related("organisation").get(chapter__number=chapter_number,
                                                                   text__contains=text)


def page(client, url):
    response = client.get(url)
    assert response.status_code == 200
    html = response.content.decode()
    return " ".join(html[html.index("<h1"):].split())


def money_line(html, anchor):
    """The label the page prints before a contribution's text: what the money is, whose."""
    label = re.search(r'<p class="money-label">(.*?)</p>', html[html.index(f'id="{anchor}"'):])[1]
    return re.sub(r"<[^>]+>", "", label)


def organisation_page(client, key):
    return page(client, reverse("governance:organisation_detail", args=[key]))


def test_the_ldi_is_funded_by_the_rijksoverheid_not_a_kb_contribution(client, agenda):
    ldi = contribution(8, "De LDI wordt gefinancierd door de Rijksoverheid")
    assert (ldi.kind, ldi.organisation.key, int(ldi.amount_eur)) == (
        ContributionKind.FUNDING, "rijksoverheid", 17_000_000)

    html = page(client, Chapter.objects.get(number=8).get_absolute_url())
    assert money_line(html, ldi.anchor) == "Gefinancierd door Rijksoverheid: € 17.000.000 per jaar"
    kb = organisation_page(client, "kb")
    assert "17.000.000" not in kb and "De LDI wordt gefinancierd" not in kb
    assert "17.000.000" in organisation_page(client, "rijksoverheid")  # the money it gives


def test_local_it_is_a_cost_not_an_ob_contribution(client, agenda):
    cost = contribution(8, "De lokale infrastructuur kost")
    assert (cost.kind, int(cost.amount_eur)) == (ContributionKind.COST, 30_000_000)
    assert not cost.gives

    html = page(client, Chapter.objects.get(number=8).get_absolute_url())
    assert money_line(html, cost.anchor) == "Kosten voor OB: € 30.000.000 per jaar"
    ob = organisation_page(client, "ob")
    assert "30.000.000" not in ob and "De lokale infrastructuur kost" not in ob


def test_the_investment_impulse_is_needed_from_the_rijksoverheid_not_given_by_ocw(client, agenda):
    need = contribution(7, "eenmalige investeringsimpuls nodig van de Rijksoverheid")
    assert (need.kind, need.organisation.key, need.amount_period) == (ContributionKind.NEED, "rijksoverheid",
                                                                        "eenmalig")
    html = page(client, Chapter.objects.get(number=7).get_absolute_url())
    assert money_line(html, need.anchor) == "Nodig van Rijksoverheid"
    for key in ("ocw", "rijksoverheid"):
        assert "investeringsimpuls" not in organisation_page(client, key)


def test_the_90_million_for_school_libraries_is_needed_not_committed(client, agenda):
    need = contribution(3, "90 miljoen euro")
    assert (need.kind, int(need.amount_eur), need.amount_period) == (ContributionKind.NEED, 90_000_000, "per jaar")
    html = page(client, Chapter.objects.get(number=3).get_absolute_url())
    assert money_line(html, need.anchor) == "Nodig van Rijk, provincies en gemeenten: € 90.000.000 per jaar"
    assert "90.000.000" not in organisation_page(client, "overheden")  # needed from them, not given


def test_what_a_party_commits_is_its_contribution(client, agenda):
    vob = contribution(6, "vanuit de VOB een budget beschikbaar")
    assert (vob.kind, vob.organisation.key, vob.gives) == (ContributionKind.COMMITMENT, "vob", True)
    html = page(client, Chapter.objects.get(number=6).get_absolute_url())
    assert money_line(html, vob.anchor) == "Bijdrage van VOB"
    assert "vanuit de VOB een budget beschikbaar" in organisation_page(client, "vob")


def test_no_money_is_credited_to_a_party_that_does_not_give_it(agenda):
    for item in Contribution.objects.exclude(kind=ContributionKind.CONTENT).select_related("organisation"):
        if item.gives:
            assert item.kind in (ContributionKind.COMMITMENT, ContributionKind.FUNDING), item
    credited = {(c.organisation.key, int(c.amount_eur)) for c in Contribution.objects.exclude(amount_eur=None)
                .select_related("organisation") if c.gives}
    assert credited == {("rijksoverheid", 17_000_000)}


def test_the_pdf_says_it_in_the_same_terms(agenda):
    html = " ".join(render_html("agenda", agenda.pk, 2021).split())
    assert "Gefinancierd door Rijksoverheid: € 17.000.000 per jaar" in html
    assert "Kosten voor OB: € 30.000.000 per jaar" in html
    assert "Nodig van Rijk, provincies en gemeenten: € 90.000.000 per jaar" in html
    assert "Nodig van Rijksoverheid" in html
    assert "financiële bijdrage)" not in html


def test_a_label_says_whose_money_it_is_for_every_kind(db):
    party = f.OrganisationFactory(key="gemeente", name="Gemeente", short_name="Gemeente")
    labels = {kind: Contribution(kind=kind, organisation=party, text="x").label for kind in ContributionKind.values}
    assert labels == {
        "inhoudelijk": "Gemeente", "toezegging": "Bijdrage van Gemeente", "kosten": "Kosten voor Gemeente",
        "behoefte": "Nodig van Gemeente", "financiering": "Gefinancierd door Gemeente",
    }
    assert Contribution(kind=ContributionKind.NEED, text="x").label == "Nodig"
    assert [kind for kind in ContributionKind.values if Contribution(kind=kind, organisation=party).gives] == [
        "inhoudelijk", "toezegging", "financiering"]
