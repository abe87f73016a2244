import pytest

from opendata import tokens
from tests import factories as f


@pytest.fixture
def api_agenda(world):
    """world.chapter established with content, a year's programme and an action carried by the KB;
    then a draft added since (markers that must never reach the API)."""
    chapter = world.chapter
    f.SectionFactory(chapter=chapter, aspects=["context", "ambitie", "jaarprogramma"], body="Vastgestelde tekst.")
    f.AmbitionFactory(chapter=chapter, text="Vastgestelde ambitie.")
    programme = f.JaarprogrammaFactory(chapter=chapter, year=2021)
    f.SuccessCriterionFactory(jaarprogramma=programme, text="Vastgesteld criterium.")
    action = f.ActionFactory(jaarprogramma=programme, number="1", title="Vastgestelde actie")
    f.ActionCarrierFactory(action=action, organisation=world.kb)
    f.SubItemFactory(action=action, letter="a", text="Eerste deel.")
    f.establish(chapter)
    f.AmbitionFactory(chapter=chapter, text="APICONCEPTX ambitie")
    draft_action = f.ActionFactory(jaarprogramma=programme, number="2", title="APICONCEPTX actie")
    f.ActionCarrierFactory(action=draft_action, organisation=world.kb)
    world.action, world.draft_action = action, draft_action
    return world


@pytest.fixture
def key_for():
    def make(user, name="Planningssysteem"):
        return tokens.create_token(user=user, name=name)[1]
    return make
