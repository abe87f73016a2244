"""The organisation page lists the actions of the current programme year (the newest), with a
choice of every other year and of all years at once (jaarprogramma.pages, jaarprogramma.years)."""

import pytest
from django.urls import reverse

from jaarprogramma.years import chosen_year, current_year
from tests import factories as f

pytestmark = pytest.mark.django_db


@pytest.fixture
def two_years(world):
    for year in (2021, 2022):
        programme = f.JaarprogrammaFactory(chapter=world.chapter, year=year)
        action = f.ActionFactory(jaarprogramma=programme, number="1", title=f"Actie uit {year}")
        f.ActionCarrierFactory(action=action, organisation=world.kb)
    f.establish(world.chapter)
    return world


def page(client, **params):
    response = client.get(reverse("governance:organisation_detail", args=["kb"]), params)
    assert response.status_code == 200
    return response


def test_the_page_opens_on_the_current_programme_year(two_years, client):
    response = page(client)
    html = response.content.decode()
    assert response.context["action_year"] == 2022
    assert "Actie uit 2022" in html and "Actie uit 2021" not in html
    assert '<option value="2022" selected>' in html
    assert '<label for="jaar">' in html  # the year choice has its label


def test_another_year_and_all_years_remain_reachable(two_years, client):
    html = page(client, jaar=2021).content.decode()
    assert "Actie uit 2021" in html and "Actie uit 2022" not in html
    assert '<option value="2021" selected>' in html
    html = page(client, jaar="alle").content.decode()
    assert "Actie uit 2021" in html and "Actie uit 2022" in html
    assert '<option value="alle" selected>' in html


def test_an_unknown_year_shows_the_current_one(two_years, client):
    assert page(client, jaar=1999).context["action_year"] == 2022
    assert page(client, jaar="geen-jaar").context["action_year"] == 2022


def test_a_year_without_actions_of_the_organisation_says_so(two_years, client):
    html = page(client, jaar=2021).content.decode()
    assert "Actie uit 2021" in html
    other = client.get(reverse("governance:organisation_detail", args=["rijnbrink"])).content.decode()
    assert "in het jaarprogramma van 2022 geen acties" in other


def test_the_current_year_is_the_newest_with_a_programme():
    assert current_year([2021, 2023, 2022]) == 2023
    assert current_year([]) is None
    assert chosen_year("2021", [2021, 2022]) == 2021
    assert chosen_year("alle", [2021, 2022]) is None
    assert chosen_year(None, [2021, 2022]) == 2022
    assert chosen_year("2020", [2021, 2022]) == 2022
