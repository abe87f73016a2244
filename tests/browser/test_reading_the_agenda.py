import pytest

from tests.browser.conftest import serious_violations

pytestmark = pytest.mark.django_db(transaction=True)


def test_anyone_reads_the_agenda_home_and_a_chapter_by_keyboard(agenda, page):
    page.goto("/")
    assert page.locator("html").get_attribute("lang") == "nl"
    assert page.locator("h1").count() == 1
    assert page.get_by_role("heading", name="Maatschappelijke opgaven", exact=True).is_visible()
    assert serious_violations(page) == []

    # The skip link is the first thing the keyboard reaches and moves focus to the content.
    page.keyboard.press("Tab")
    assert page.evaluate("document.activeElement.textContent").strip() == "Naar de inhoud"
    page.keyboard.press("Enter")
    assert page.evaluate("document.activeElement.id") == "inhoud"

    page.get_by_role("link", name="Medewerkers en vrijwilligers", exact=True).click()
    page.wait_for_load_state()
    assert page.locator("h1").inner_text() == "Medewerkers en vrijwilligers"
    table = page.get_by_role("table", name="Activiteiten en wie ze uitvoert")
    headers = table.locator("thead th").all_inner_texts()
    assert headers[2:6] == ["VOB/SBW", "KB", "SPN", "OB"]
    assert page.get_by_role("rowheader", name="Strategische personeelsplanning").is_visible()
    assert serious_violations(page) == []


def test_governance_and_participant_pages_pass_axe(agenda, page):
    for path in ["/gremia/", "/gremia/netwerkoverleg/", "/organisaties/", "/organisaties/kb/", "/totstandkoming/"]:
        page.goto(path)
        assert page.locator("h1").count() == 1, path
        assert serious_violations(page) == [], path
