"""The public action list (CSV/XLSX from the cockpit): the actions as established, for anyone."""

import io

import openpyxl
import pytest
from django.urls import reverse
from django.utils import timezone

from monitoring.services import post_progress_update
from tests import factories as f

pytestmark = pytest.mark.django_db


@pytest.fixture
def actions(world):
    programme = f.JaarprogrammaFactory(chapter=world.chapter, year=2021)
    action = f.ActionFactory(jaarprogramma=programme, number="1", title="Vastgestelde actie")
    carrier = f.ActionCarrierFactory(action=action, organisation=world.kb)
    post_progress_update(carrier=carrier, author=world["kb_staff"], date=timezone.localdate(), percentage=30,
                         text="Interne toelichting")
    f.establish(world.chapter)
    f.ActionFactory(jaarprogramma=programme, number="2", title="CONCEPTACTIE")
    return world


def test_anyone_downloads_the_established_actions_as_csv(actions, client):
    response = client.get(reverse("monitoring:public_actions", args=["csv"]))
    assert response.status_code == 200 and response["Content-Type"].startswith("text/csv")
    text = response.content.decode("utf-8-sig")
    assert "Vastgestelde actie" in text and "CONCEPTACTIE" not in text and "Interne toelichting" not in text
    # Each part with its status and percentage; the action's percentage; its page.
    assert "KB (Uitvoerder): Niet gestart 30%" in text and ",30,http" in text and "/2021/acties/1/" in text


def test_anyone_downloads_the_established_actions_as_xlsx_with_filters(actions, client):
    response = client.get(reverse("monitoring:public_actions", args=["xlsx"]), {"year": 2022})
    sheet = openpyxl.load_workbook(io.BytesIO(response.content)).active
    assert sheet.max_row == 1  # only the header: no action in 2022
    response = client.get(reverse("monitoring:public_actions", args=["xlsx"]), {"year": 2021})
    rows = list(openpyxl.load_workbook(io.BytesIO(response.content)).active.values)
    assert [row[4] for row in rows[1:]] == ["Vastgestelde actie"]
    assert client.get(reverse("monitoring:public_actions", args=["exe"])).status_code == 404
