"""The 'Totstandkoming' page names everyone who took part, a page at a time: imports make the
list as long as the network (thousands of people)."""

import pytest
from django.urls import reverse

from opgaven.views.public import PARTICIPANTS_PER_PAGE
from tests import factories as f

pytestmark = pytest.mark.django_db


def test_the_participants_are_named_a_page_at_a_time_and_counted_in_full(world, client):
    people = [f.PersonFactory(name=f"Deelnemer {i:04d}", organisations=[world.kb])
              for i in range(PARTICIPANTS_PER_PAGE + 5)]
    world.edition.participants.add(*people)
    url = reverse("opgaven:participants")
    first = client.get(url).content.decode()
    assert "Deelnemer 0000" in first and f"Deelnemer {PARTICIPANTS_PER_PAGE:04d}" not in first
    assert f"deze {PARTICIPANTS_PER_PAGE + 5} collega" in first and "pagina=2" in first
    second = client.get(url, {"pagina": 2}).content.decode()
    assert f"Deelnemer {PARTICIPANTS_PER_PAGE + 4:04d}" in second and "Deelnemer 0000" not in second
    assert client.get(url, {"pagina": "zeven"}).status_code == 200  # the first page, not an error
