"""Every chapter as written passes axe, figures included: each figure is a figure with its
caption as name and its text alternative as description; arrows are hidden decoration."""

import pytest

from tests.browser.conftest import serious_violations

pytestmark = pytest.mark.django_db(transaction=True)


def test_every_chapter_page_with_its_figures_passes_axe(agenda, page):
    for number in range(3, 14):
        chapter = agenda.chapters.get(number=number)
        page.goto(chapter.get_absolute_url())
        assert page.locator("h1").count() == 1, number
        assert serious_violations(page) == [], number

    page.goto(agenda.chapters.get(number=10).get_absolute_url())
    figure = page.get_by_role("figure", name="Rollen en samenwerking innovatieproces")
    assert figure.get_attribute("aria-describedby")
    description = page.locator(f"#{figure.get_attribute('aria-describedby')}").inner_text()
    assert "Het innovatieproces in vier stappen" in description
    assert figure.get_by_role("listitem").count() == 4  # the arrows are not announced
    page.goto("/")
    assert page.get_by_role("figure", name="De vier punten, uitgewerkt per maatschappelijke opgave en per "
                                            "stelseluitdaging").is_visible()
    assert serious_violations(page) == []
