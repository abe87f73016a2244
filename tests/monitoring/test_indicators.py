"""Measurements are entered in the browser by the staff of the indicator's owner; the chart and its
table show them at once, and every entry is kept with who made it."""

import pytest
from django.urls import reverse

from monitoring.models import Measurement
from tests import factories as f


@pytest.fixture
def indicator(world):
    return f.IndicatorFactory(edition=world.edition, name="Publieksbereik", unit="miljoen gebruikers",
                              owner=world.kb, baseline=4, baseline_year=2020, target=8, target_year=2023)


def _post(client, indicator, **extra):
    data = {"date": "2021-12-31", "value": "4.6", "source": "Bibliotheekmonitor 2021", "note": "Voorlopig", **extra}
    return client.post(reverse("monitoring:indicator_detail", args=[indicator.pk]), data)


def test_staff_of_the_owner_enter_a_measurement_and_the_chart_and_table_show_it(client_for, world, indicator):
    client = client_for("kb_staff")
    assert _post(client, indicator).status_code == 302
    measurement = Measurement.objects.get()
    assert (str(measurement.value), measurement.recorded_by) == ("4.60", world["kb_staff"])
    response = client.get(reverse("monitoring:indicator_detail", args=[indicator.pk]))
    html = response.content.decode()
    assert [m.label for m in response.context["chart"]["measurements"]] == ["4,6"]
    assert "meting 2021: 4,6" in html  # the chart's text alternative
    assert "Bibliotheekmonitor 2021 – Voorlopig" in html  # the table next to it
    assert "ingevoerd" in html  # the history, with who entered it
    assert response.context["history"][0].history_user == world["kb_staff"]


def test_htmx_gets_the_updated_chart_and_table_back(client_for, indicator):
    response = client_for("kb_staff").post(reverse("monitoring:indicator_detail", args=[indicator.pk]),
                                           {"date": "2021-12-31", "value": "5", "source": "Monitor"},
                                           HTTP_HX_REQUEST="true")
    assert response.status_code == 200
    html = response.content.decode()
    assert "<h1" not in html and "meting 2021: 5" in html and "De meting is opgeslagen" in html


@pytest.mark.parametrize("persona, get, post", [
    ("kb_staff", 200, 302), ("admin", 200, 302), ("netwerkoverleg", 200, 302), ("poi_staff", 403, 403),
    ("writer", 403, 403),
])
def test_the_owners_staff_and_the_netwerkoverleg_enter_measurements(client_for, indicator, persona, get, post):
    client = client_for(persona)
    assert client.get(reverse("monitoring:indicator_detail", args=[indicator.pk])).status_code == get
    assert _post(client, indicator).status_code == post


def test_anonymous_visitors_are_sent_to_the_login(client, indicator):
    response = client.get(reverse("monitoring:indicator_detail", args=[indicator.pk]))
    assert response.status_code == 302 and "login" in response["Location"]


def test_a_measurement_in_the_future_is_refused(client_for, indicator):
    response = _post(client_for("kb_staff"), indicator, date="2999-01-01")
    assert response.status_code == 422
    assert "date" in response.context["form"].errors
    assert not Measurement.objects.exists()


def test_changing_the_owner_moves_the_right(client_for, world, indicator):
    indicator.owner = world.spn
    indicator.save()
    assert _post(client_for("kb_staff"), indicator).status_code == 403
    assert _post(client_for("spn_staff"), indicator).status_code == 302


def test_my_actions_lists_the_indicators_the_user_keeps(client_for, indicator):
    html = client_for("kb_staff").get(reverse("monitoring:my_actions")).content.decode()
    assert reverse("monitoring:indicator_detail", args=[indicator.pk]) in html
    assert reverse("monitoring:indicator_detail", args=[indicator.pk]) not in client_for("poi_staff").get(
        reverse("monitoring:my_actions")).content.decode()
