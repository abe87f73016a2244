import pytest

from opgaven.models import Ambition
from tests import factories as f
from tests.browser.conftest import serious_violations

pytestmark = pytest.mark.django_db(transaction=True)


@pytest.fixture
def chapter_with_ambition(world):
    f.SectionFactory(chapter=world.chapter, number="1", title="Context en ambitie", aspects=["context", "ambitie"])
    ambition = f.AmbitionFactory(chapter=world.chapter, number=1, text="Iedereen kan lezen.")
    programme = f.JaarprogrammaFactory(chapter=world.chapter, year=2021)
    action = f.ActionFactory(jaarprogramma=programme, number="1", title="Leesoffensief")
    f.ActionCarrierFactory(action=action, organisation=world.kb)
    world.chapter.comments.create(author=world["reader"], text="Kan dit concreter?", ambition=ambition)
    return ambition


def test_writer_edits_an_ambition_and_sees_it_saved(world, chapter_with_ambition, page, login):
    console = []
    page.on("console", lambda message: console.append(message.text))
    login("writer")
    page.goto(world.chapter.get_absolute_url())
    page.get_by_role("link", name="Dit onderdeel bewerken").click()
    page.wait_for_load_state()
    assert page.locator("h1").inner_text().endswith("bewerken")
    assert serious_violations(page) == []

    page.locator(f"#bewerkbaar-ambitie-{chapter_with_ambition.pk}").get_by_role("link", name="Bewerken").click()
    textarea = page.get_by_role("textbox", name="Ambitie")
    textarea.fill("Iedereen kan lezen, ook digitaal.")
    assert page.url.endswith("/bewerken/")  # htmx put the form in place of the ambition
    assert serious_violations(page) == []
    page.get_by_role("button", name="Opslaan").click()
    page.get_by_text("Opgeslagen: ambitie.").wait_for()
    assert Ambition.objects.get(pk=chapter_with_ambition.pk).text == "Iedereen kan lezen, ook digitaal."

    page.goto(world.chapter.get_absolute_url())
    assert page.get_by_text("Iedereen kan lezen, ook digitaal.").is_visible()
    # Inline editing through htmx ran under the CSP without violations.
    assert not [text for text in console if "Content Security Policy" in text]

    # The other edit pages pass axe as well: the full form, history, comments, adding an action.
    for link in ["Geschiedenis"]:
        page.goto(f"/agenda/{world.edition.slug}/{world.chapter.slug}/bewerken/ambitie/{chapter_with_ambition.pk}/geschiedenis/")
        assert page.locator("h1").count() == 1, link
        assert serious_violations(page) == [], link
    for path in [
        f"/agenda/{world.edition.slug}/{world.chapter.slug}/bewerken/ambitie/{chapter_with_ambition.pk}/",
        f"/agenda/{world.edition.slug}/{world.chapter.slug}/bewerken/ambitie/nieuw/",
        f"/agenda/{world.edition.slug}/{world.chapter.slug}/commentaar/",
        f"/agenda/{world.edition.slug}/{world.chapter.slug}/bewerken/2021/actie/nieuw/",
    ]:
        page.goto(path)
        assert page.locator("h1").count() == 1, path
        assert serious_violations(page) == [], path


def test_a_conflicting_save_shows_both_versions_accessibly(world, chapter_with_ambition, page, login):
    login("writer")
    url = f"/agenda/{world.edition.slug}/{world.chapter.slug}/bewerken/ambitie/{chapter_with_ambition.pk}/"
    page.goto(url)
    # Someone else saves in the meantime.
    Ambition.objects.filter(pk=chapter_with_ambition.pk).update(text="Andermans versie.", version=2)
    page.get_by_role("textbox", name="Ambitie").fill("Mijn versie.")
    page.get_by_role("button", name="Opslaan").click()
    page.get_by_role("heading", name="Iemand anders heeft dit intussen opgeslagen").wait_for()
    assert page.get_by_role("cell", name="Andermans versie.").is_visible()
    assert page.get_by_role("cell", name="Mijn versie.").is_visible()
    assert Ambition.objects.get(pk=chapter_with_ambition.pk).text == "Andermans versie."
    assert serious_violations(page) == []


def test_writer_of_another_chapter_finds_no_edit_control_and_is_refused(world, chapter_with_ambition, page, login):
    login("other_writer")
    page.goto(world.chapter.get_absolute_url())
    assert page.get_by_role("link", name="Dit onderdeel bewerken").count() == 0
    # Not a member of a body linked to this chapter: no comments either; they read the public text.
    assert page.get_by_role("link", name="Commentaar geven").count() == 0
    token = page.locator("input[name=csrfmiddlewaretoken]").first.get_attribute("value")
    url = f"/agenda/{world.edition.slug}/{world.chapter.slug}/bewerken/ambitie/{chapter_with_ambition.pk}/"
    response = page.request.post(url, form={"csrfmiddlewaretoken": token, "text": "Overgenomen.", "version": "1"})
    assert response.status == 403
    assert "Geen toegang" in response.text()  # refused for lack of rights, not for a bad CSRF token
    assert page.goto(url).status == 403
    assert Ambition.objects.get(pk=chapter_with_ambition.pk).text == "Iedereen kan lezen."
