"""Opening next year's programme builds on this year's: unfinished actions carry over."""

import pytest
from django.urls import reverse

from jaarprogramma import services
from jaarprogramma.models import ActionStatus
from tests import factories as f

pytestmark = pytest.mark.django_db


@pytest.fixture
def year_2021(world):
    programme = f.JaarprogrammaFactory(chapter=world.chapter, year=2021)
    actions = {}
    for status in (ActionStatus.ON_TRACK, ActionStatus.DELAYED, ActionStatus.DONE, ActionStatus.CANCELLED):
        action = f.ActionFactory(jaarprogramma=programme, title=f"Actie {status}", status=status)
        f.ActionCarrierFactory(action=action, organisation=world.kb)
        f.SubItemFactory(action=action, letter="a")
        actions[status] = action
    criterion = f.SuccessCriterionFactory(jaarprogramma=programme, text="Tien bibliotheken doen mee.")
    f.establish(world.chapter)
    return programme, actions, criterion


def test_unfinished_actions_carry_over_with_their_carriers_and_a_link(world, year_2021):
    programme, actions, criterion = year_2021
    new = services.create_jaarprogramma(chapter=world.chapter, year=2022, judgements={criterion: (False, "")})
    carried = {a.carried_over_from_id: a for a in new.actions.all()}
    assert set(carried) == {actions[ActionStatus.ON_TRACK].pk, actions[ActionStatus.DELAYED].pk}
    for old_pk, action in carried.items():
        assert [c.organisation for c in action.carriers.all()] == [world.kb]
        assert action.subitems.count() == 1
        assert action.status == actions[ActionStatus.ON_TRACK].__class__.objects.get(pk=old_pk).status
    criterion.refresh_from_db()
    assert criterion.met is False and criterion.jaarprogramma == programme  # judged, kept with 2021


def test_the_public_still_reads_2021_until_2022_is_adopted(client, client_for, world, year_2021):
    url = reverse("jaarprogramma:jaarprogramma_create", args=[world.edition.slug, world.chapter.slug])
    criterion = year_2021[2]
    writer = client_for("writer")
    assert writer.post(url, {"year": 2022}).status_code == 422  # last year's criterion is not judged yet
    assert writer.post(url, {"year": 2022, f"criterium-{criterion.pk}": "ja"}).status_code == 302
    client.logout()
    html = client.get(world.chapter.get_absolute_url()).content.decode()
    assert "Jaarprogramma 2021" in html and "Jaarprogramma 2022" not in html
    f.establish(world.chapter)
    assert "Jaarprogramma 2022" in client.get(world.chapter.get_absolute_url()).content.decode()


def test_the_year_on_year_page_shows_carried_new_and_closed(client, world, year_2021):
    services.create_jaarprogramma(chapter=world.chapter, year=2022, judgements={year_2021[2]: (True, "")})
    f.ActionFactory(jaarprogramma=world.chapter.jaarprogrammas.get(year=2022), title="Helemaal nieuw")
    f.establish(world.chapter)
    html = client.get(reverse("jaarprogramma:year_on_year", args=[world.edition.slug, world.chapter.slug]))
    html = html.content.decode()
    html = html[html.index('id="jaar-2022"'):]
    carried, new, closed = (html.index(t) for t in ("Voortgezet uit", "Nieuw", "Afgesloten met"))
    assert carried < html.index("Actie op-schema", carried) < new < html.index("Helemaal nieuw") < closed
    assert html.index("Actie afgerond", closed) > closed
