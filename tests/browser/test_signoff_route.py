"""A chapter walks the whole 2021-2023 route in the browser, axe on every page: offer, a
comment in the feedback round, establishing with the objection weighed, three akkoorden,
bekrachtiging. The public text changes at establishing and not before."""

import pytest

from tests import factories as f
from tests.browser.conftest import serious_violations

pytestmark = pytest.mark.django_db(transaction=True)
NEW_TEXT = "Iedereen leest mee, ook digitaal."


@pytest.fixture
def offered_text(world, signoff_route):
    f.SectionFactory(chapter=world.chapter, number="1", title="Context en ambitie", aspects=["context", "ambitie"])
    f.AmbitionFactory(chapter=world.chapter, number=1, text="Iedereen kan lezen.")
    f.establish(world.chapter)
    f.AmbitionFactory(chapter=world.chapter, number=2, text=NEW_TEXT)
    return signoff_route


def route_page(page, world):
    page.goto(f"/agenda/{world.edition.slug}/{world.chapter.slug}/besluitvorming/")
    assert serious_violations(page) == [], page.url


def take(page, world, step, **fields):
    route_page(page, world)
    form = page.locator("section.step-form", has=page.get_by_role("heading", name=step))
    for label, value in fields.items():
        form.get_by_label(label, exact=True).fill(value)
    form.get_by_role("button", name="Vastleggen").click()
    page.wait_for_load_state()
    assert serious_violations(page) == [], page.url


def public_sees(as_user, world, text):
    page = as_user(None)
    page.goto(world.chapter.get_absolute_url())
    return page.get_by_text(text).count() > 0


def test_a_chapter_walks_the_whole_route(world, offered_text, as_user):
    writer = as_user("writer")
    writer.goto(world.chapter.get_absolute_url())
    writer.get_by_role("link", name="Besluitvorming").click()
    writer.wait_for_load_state()
    take(writer, world, "Koersgroep biedt het onderdeel aan", Datum="2021-01-15")
    writer.get_by_text("wacht op feedbackronde afgerond").first.wait_for()

    reader = as_user("reader")
    reader.goto(f"/agenda/{world.edition.slug}/{world.chapter.slug}/commentaar/")
    assert serious_violations(reader) == []
    reader.get_by_role("textbox", name="Commentaar").fill("Ambitie 2 gaat te ver.")
    reader.get_by_role("button", name="Commentaar plaatsen").click()
    reader.wait_for_load_state()
    take(writer, world, "Feedbackronde afgerond")
    assert not public_sees(as_user, world, NEW_TEXT)

    overleg = as_user("netwerkoverleg")
    take(overleg, world, "Netwerkoverleg stelt vast")  # an open objection: the weighing is asked for
    overleg.get_by_text("leg vast hoe die zijn gewogen").wait_for()
    assert not public_sees(as_user, world, NEW_TEXT)
    take(overleg, world, "Netwerkoverleg stelt vast", **{"Afweging van bezwaren en feedback": "Besproken."})
    assert public_sees(as_user, world, NEW_TEXT)

    take(overleg, world, "Akkoord VOB")
    take(as_user("kb_rep"), world, "Akkoord KB")
    spn = as_user("spn_rep")
    take(spn, world, "Akkoord SPN")
    take(as_user("ocw"), world, "Bestuurlijk overleg bekrachtigt")
    route_page(spn, world)
    assert spn.get_by_text("doorlopen").count() > 0

    public = as_user(None)
    for path in ["/besluiten/", f"/agenda/{world.edition.slug}/{world.chapter.slug}/wijzigingen/",
                 f"/agenda/{world.edition.slug}/"]:
        public.goto(path)
        assert serious_violations(public) == [], path
    public.goto("/besluiten/")
    assert public.get_by_text("Netwerkoverleg stelt vast").count() > 0
