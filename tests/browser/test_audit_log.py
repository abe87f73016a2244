"""An administrator reads the audit log in the browser: a failed sign-in shows, the filters
narrow the table, and the page passes axe."""

import pytest
from django.urls import reverse

from tests.browser.conftest import serious_violations

pytestmark = pytest.mark.django_db(transaction=True)


def test_an_administrator_filters_the_audit_log_and_it_passes_axe(world, page, login):
    login("writer", password="fout wachtwoord")
    login("admin")

    page.goto(reverse("audit:log"))
    assert page.locator("h1").inner_text() == "Auditlog"
    table = page.get_by_role("table")
    assert "Aanmelding mislukt als ‘writer’" in table.inner_text()
    assert serious_violations(page) == []

    page.get_by_label("Soort").select_option(label="Aanmelding mislukt")
    page.get_by_role("button", name="Filteren").click()
    page.wait_for_url("**soort=aanmelding_mislukt**")
    rows = table.locator("tbody tr")
    assert rows.count() == 1 and "‘writer’" in rows.inner_text()
    assert page.get_by_label("Soort").input_value() == "aanmelding_mislukt"
    assert serious_violations(page) == []
