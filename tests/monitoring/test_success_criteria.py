import pytest
from django.urls import reverse

from tests import factories as f


@pytest.fixture
def criterion(world):
    return f.SuccessCriterionFactory(jaarprogramma=f.JaarprogrammaFactory(chapter=world.chapter))


def _mark(client, criterion, met, note="", **headers):
    return client.post(reverse("monitoring:mark_criterion", args=[criterion.pk]),
                       {f"sc-{criterion.pk}-met": met, f"sc-{criterion.pk}-met_note": note}, **headers)


@pytest.mark.parametrize("value, expected", [("ja", True), ("nee", False), ("", None)])
def test_netwerkoverleg_marks_a_success_criterion(client_for, criterion, value, expected):
    response = _mark(client_for("netwerkoverleg"), criterion, value, "Zie jaarverslag")
    assert response.status_code == 302
    criterion.refresh_from_db()
    assert criterion.met is expected
    assert criterion.met_note == "Zie jaarverslag"


def test_marking_via_htmx_returns_the_row(client_for, criterion):
    response = _mark(client_for("netwerkoverleg"), criterion, "nee", HTTP_HX_REQUEST="true")
    assert response.status_code == 200
    assert f'id="criterium-{criterion.pk}"' in response.content.decode()
    criterion.refresh_from_db()
    assert criterion.met is False


def test_invalid_mark_is_refused_with_an_error(client_for, criterion):
    response = _mark(client_for("netwerkoverleg"), criterion, "misschien", HTTP_HX_REQUEST="true")
    assert response.status_code == 200
    assert response.context["form"].errors
    criterion.refresh_from_db()
    assert criterion.met is None


@pytest.mark.parametrize("persona, expected", [("kb_staff", 403), ("writer", 403), ("anonymous", 302)])
def test_others_cannot_mark_success_criteria(client_for, criterion, persona, expected):
    assert _mark(client_for(persona), criterion, "ja").status_code == expected
    criterion.refresh_from_db()
    assert criterion.met is None


def test_marking_requires_post(client_for, criterion):
    response = client_for("netwerkoverleg").get(reverse("monitoring:mark_criterion", args=[criterion.pk]))
    assert response.status_code == 405
