"""Issue 18: the accessibility statement and colofon, and reflow at 320 CSS px (WCAG 1.4.10) on
every page of the permission matrix (its GET rows with 200): every page an anonymous reader and
a writer reach, and the pages only the netwerkoverleg, KB staff or an administrator open
(dashboards, exports, the indicator, the participant import, the audit log, inzage)."""

import pytest
from django.test import Client

from tests.browser.conftest import serious_violations, sign_in
from tests.test_permission_matrix import ROWS, drafted  # noqa: F401 (drafted is a fixture)

pytestmark = pytest.mark.django_db(transaction=True)

NARROW = {"width": 320, "height": 640}
# The innermost elements that stick out of the viewport, for the failure message.
CULPRITS = """() => [...document.querySelectorAll('body *')]
    .filter(el => el.getBoundingClientRect().right > 321 && !el.closest('.table-scroll'))
    .slice(-3).map(el => el.tagName + '.' + (el.getAttribute('class') || '') + ' '
                      + Math.round(el.getBoundingClientRect().right))"""


def test_the_statement_and_colofon_are_linked_from_every_footer_and_pass_axe(world, page):
    page.goto("/")
    footer = page.get_by_role("contentinfo")
    footer.get_by_role("link", name="Toegankelijkheid").click()
    page.wait_for_load_state()
    assert page.locator("h1").inner_text() == "Toegankelijkheidsverklaring"
    for heading in ["Nalevingsstatus", "Wat is onderzocht, hoe en wanneer", "Wat nog niet voldoet",
                    "Een probleem melden"]:
        assert page.get_by_role("heading", name=heading).is_visible(), heading
    assert "Nu Html Checker" in page.locator("main").inner_text()
    assert serious_violations(page) == []

    page.get_by_role("contentinfo").get_by_role("link", name="Colofon").click()
    page.wait_for_load_state()
    assert page.locator("h1").inner_text() == "Colofon"
    assert serious_violations(page) == []


def _html_pages(world, persona, skip=()):
    """(row name, url) of every GET row that answers `persona` with an HTML page, leaving out the
    rows every persona in `skip` reaches too (their test measures those already)."""
    client = Client()
    if world[persona] is not None:
        client.force_login(world[persona])
    for row in ROWS:
        if row.method != "get" or row.expected[persona] != 200:
            continue
        if skip and all(row.expected[other] == 200 for other in skip):
            continue
        url = row.url(world)
        try:
            response = client.get(url)
        except Exception:  # noqa: BLE001, S112 (a crashing page is the permission matrix's failure)
            continue
        if response.status_code == 200 and "text/html" in response.get("Content-Type", ""):
            yield row.name, url


MEASURED_BY_ALL = ("anonymous", "writer")


@pytest.mark.parametrize(("persona", "at_least"), [
    ("anonymous", 15), ("writer", 15),
    # Only their own pages: what the anonymous reader and the writer both open is measured above.
    ("netwerkoverleg", 15), ("kb_staff", 1), ("admin", 25),
])
def test_no_page_scrolls_sideways_at_320_px(persona, at_least, drafted, page, live_server):  # noqa: F811
    world = drafted
    if world[persona] is not None:
        # Through the login page: the netwerkoverleg and administrators give their second factor.
        sign_in(page, world[persona].username)
    page.set_viewport_size(NARROW)
    too_wide = []
    skip = () if persona in MEASURED_BY_ALL else MEASURED_BY_ALL
    pages = list(_html_pages(world, persona, skip))
    assert len(pages) >= at_least, pages
    for name, url in pages:
        page.goto(url)
        width = page.evaluate("document.documentElement.scrollWidth")
        if width > NARROW["width"]:
            culprits = page.evaluate(CULPRITS)
            too_wide.append(f"{name} {url}: {width}px {culprits}")
    assert too_wide == []


def test_the_real_agenda_reflows_at_320_px(agenda, page):
    """The pages the audit measured (home 402 px, a chapter 555 px, the cockpit 586 px) and every chapter."""
    from opgaven.models import Chapter

    page.set_viewport_size(NARROW)
    urls = ["/", "/monitoring/cockpit/", "/gremia/", "/organisaties/", "/totstandkoming/"]
    urls += [chapter.get_absolute_url() for chapter in Chapter.objects.filter(edition=agenda)]
    too_wide = []
    for url in urls:
        page.goto(url)
        width = page.evaluate("document.documentElement.scrollWidth")
        if width > NARROW["width"]:
            culprits = page.evaluate(CULPRITS)
            too_wide.append(f"{url}: {width}px {culprits}")
    assert too_wide == []


def test_the_collapsed_navigation_works_by_keyboard(world, page):
    page.set_viewport_size(NARROW)
    page.goto("/")
    menu = page.get_by_role("button", name="Menu")
    assert menu.get_attribute("aria-expanded") == "false"
    assert not page.get_by_role("navigation", name="Hoofdmenu").get_by_role("link", name="Gremia").is_visible()
    menu.focus()
    page.keyboard.press("Enter")
    assert menu.get_attribute("aria-expanded") == "true"
    page.keyboard.press("Tab")
    assert page.evaluate("document.activeElement.textContent").strip() == "Agenda"
    assert serious_violations(page) == []


def test_a_wide_table_scrolls_in_its_own_region_by_keyboard(agenda, page):
    page.set_viewport_size(NARROW)
    page.goto("/totstandkoming/?pagina=2")  # the page with the longest names of organisations
    region = page.locator(".table-scroll").first
    assert region.get_attribute("role") == "region" and region.get_attribute("tabindex") == "0"
    assert region.get_attribute("aria-label")
    assert page.evaluate("document.documentElement.scrollWidth") <= NARROW["width"]
    # It does scroll, and shows it: shadows at its edges (radial gradients that stay put) under
    # white covers that scroll with the table (`local`), so a shadow shows where more table is.
    assert region.evaluate("(el) => el.scrollWidth > el.clientWidth")
    style = region.evaluate("(el) => { const s = getComputedStyle(el);"
                            " return {image: s.backgroundImage, attachment: s.backgroundAttachment}; }")
    assert style["image"].count("radial-gradient") == 2, style
    assert style["attachment"].split(", ") == ["local", "local", "scroll", "scroll"], style
    region.focus()
    page.keyboard.press("ArrowRight")
    page.wait_for_function("(el) => el.scrollLeft > 0", arg=region.element_handle())
