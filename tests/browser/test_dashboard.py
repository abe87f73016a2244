import pytest

from tests.browser.conftest import serious_violations
from tests.monitoring.conftest import build_progress

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def test_netwerkoverleg_opens_filters_and_audits_the_dashboard(world, page, login):
    build_progress(world, 3)
    login("netwerkoverleg")
    page.goto("/monitoring/")
    assert page.locator("h1").inner_text() == "Voortgang van de Netwerkagenda"
    assert page.get_by_role("table", name="Aantal acties per status").is_visible()
    assert serious_violations(page) == []

    # Filtering swaps the results in place (htmx) and puts the filters in the address bar.
    page.get_by_label("Status", exact=True).select_option("op-schema")
    page.wait_for_url("**status=op-schema**")
    total = page.get_by_role("table", name="Aantal acties per status").locator("tfoot td").nth(6)
    total.wait_for()
    assert total.inner_text() == "2"
    assert page.locator("h1").count() == 1
    assert serious_violations(page) == []

    # The other dashboards open with the same filters.
    page.get_by_role("link", name="Acties", exact=True).click()
    page.wait_for_url("**/monitoring/acties/?*status=op-schema**")
    assert page.get_by_label("Status", exact=True).input_value() == "op-schema"

    for path in ["/monitoring/organisaties/", "/monitoring/matrix/", "/monitoring/indicatoren/",
                 "/monitoring/acties/", "/monitoring/succescriteria/"]:
        page.goto(path)
        assert page.locator("h1").count() == 1, path
        assert serious_violations(page) == [], path


def test_the_filter_form_works_without_javascript(world, browser, live_server):
    build_progress(world, 2)
    context = browser.new_context(base_url=live_server.url, java_script_enabled=False)
    page = context.new_page()
    page.goto("/monitoring/cockpit/")
    page.get_by_label("Status", exact=True).select_option("niet-gestart")
    page.get_by_role("button", name="Filteren").click()
    page.wait_for_load_state()
    assert "status=niet-gestart" in page.url
    assert page.locator("h1").inner_text() == "Cockpit: voortgang van de Netwerkagenda"
    assert page.get_by_label("Status", exact=True).input_value() == "niet-gestart"
    context.close()


def test_the_public_cockpit_passes_axe(world, page):
    build_progress(world, 2)
    page.goto("/monitoring/cockpit/")
    assert page.locator("h1").count() == 1
    assert serious_violations(page) == []


def test_carrier_staff_reports_progress_with_the_keyboard_friendly_form(world, page, login):
    from jaarprogramma.models import Action
    from tests.monitoring.conftest import grant_update

    build_progress(world, 1)
    action = Action.objects.filter(carriers__organisation=world.kb).first()
    grant_update(world["kb_staff"], action)
    login("kb")
    page.goto("/monitoring/mijn-acties/")
    assert serious_violations(page) == []
    page.get_by_role("link", name=f"{action.number}.", exact=False).first.click()
    page.wait_for_load_state()
    assert serious_violations(page) == []
    page.get_by_label("Voortgang (verplicht)", exact=True).fill("Startbijeenkomst gehouden.")
    page.get_by_label("Percentage gereed van dit deel (0–100)").fill("15")
    page.get_by_role("button", name="Voortgang opslaan").click()
    page.wait_for_load_state()
    assert page.get_by_text("Uw voortgangsbericht is opgeslagen.").is_visible()
    assert page.get_by_text("Startbijeenkomst gehouden.").is_visible()


def test_the_public_action_page_passes_axe_and_shows_each_part(world, page):
    from jaarprogramma.models import Action

    build_progress(world, 2)
    action = Action.objects.filter(jaarprogramma__chapter=world.chapter).first()
    page.goto(action.get_page_url())
    assert page.locator("h1").count() == 1
    assert page.get_by_role("table", name="2 uitvoerders, elk met een eigen deel").is_visible()
    assert serious_violations(page) == []


def test_the_owners_staff_enter_a_measurement_and_the_chart_follows(world, page, login):
    from tests import factories as f

    indicator = f.IndicatorFactory(edition=world.edition, name="Publieksbereik", unit="miljoen gebruikers",
                                   owner=world.kb, baseline=4, baseline_year=2020, target=8, target_year=2023)
    login("kb")
    page.goto("/monitoring/mijn-acties/")
    page.get_by_role("link", name="Publieksbereik").click()
    page.wait_for_load_state()
    assert serious_violations(page) == []
    page.get_by_label("Datum").fill("2021-12-31")
    page.get_by_label("Waarde (miljoen gebruikers)").fill("4.6")
    page.get_by_label("Bron").fill("Bibliotheekmonitor 2021")
    page.get_by_role("button", name="Meting opslaan").click()
    page.get_by_text("De meting is opgeslagen").wait_for()
    assert page.get_by_role("table", name="Publieksbereik (miljoen gebruikers)").get_by_text(
        "Bibliotheekmonitor 2021").is_visible()
    assert serious_violations(page) == []
    assert indicator.measurements.count() == 1
