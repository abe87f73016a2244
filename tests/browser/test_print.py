"""Issue 18: a chapter printed from the browser reads like the PDF (static/css/portal.css,
@media print): no navigation or tools, links followed by their address, a chapter's heading on
a new page."""

import pytest

from tests import factories as f

pytestmark = pytest.mark.django_db(transaction=True)

AFTER = "(el) => getComputedStyle(el, '::after').content"


def shows_its_address(link, href):
    """The link's ::after prints its address (Chromium reports the rule, `attr(href)`, or its value)."""
    content = link.evaluate(AFTER)
    return "attr(href)" in content or href in content


@pytest.fixture
def printed_chapter(world, page):
    f.SectionFactory(chapter=world.chapter, number="3.1", title="Lezen",
                     body="Zie [de KB](https://www.kb.nl/lezen) en [de gremia](/gremia/); een voetnoot.[^1]\n\n"
                          "[^1]: Een bron.")
    f.establish(world.chapter)
    page.goto(world.chapter.get_absolute_url())
    page.emulate_media(media="print")
    return page


def test_printing_hides_the_navigation_header_and_footer(printed_chapter):
    page = printed_chapter
    assert not page.get_by_role("navigation", name="Hoofdmenu").is_visible()
    for selector in (".site-header", ".site-footer", ".header-search", ".skip-link"):
        assert not page.locator(selector).first.is_visible(), selector
    assert page.locator("main h1").is_visible()

    page.emulate_media(media="screen")  # the same page on screen still has them
    assert page.get_by_role("navigation", name="Hoofdmenu").is_visible()


def test_printed_links_show_their_address_and_in_page_links_do_not(printed_chapter):
    page = printed_chapter
    main = page.locator("main")
    external = main.locator('a[href="https://www.kb.nl/lezen"]')
    internal = main.locator('a[href="/gremia/"]')
    assert shows_its_address(external, "https://www.kb.nl/lezen")
    assert shows_its_address(internal, "/gremia/")
    footnote_ref = main.locator('sup a[href^="#"]').first
    assert footnote_ref.evaluate(AFTER) in ("none", "normal")

    page.emulate_media(media="screen")
    assert not shows_its_address(external, "https://www.kb.nl/lezen")


def test_a_printed_chapter_starts_on_a_new_page(printed_chapter):
    assert printed_chapter.locator("main h1").evaluate("(el) => getComputedStyle(el).breakBefore") == "page"
