import pytest
from django.contrib.auth.models import Permission

from opgaven.models import ExportJob, ExportStatus
from tests import factories as f
from tests.browser.conftest import serious_violations
from tests.opgaven.builders import build_agenda

pytestmark = pytest.mark.django_db(transaction=True)


@pytest.fixture
def staff(db):
    user = f.UserFactory(username="medewerker")
    user.user_permissions.add(Permission.objects.get(codename="export_agenda"))
    return user


def test_staff_start_an_export_and_watch_its_progress_until_the_download(page, login, staff):
    edition = f.EditionFactory()
    build_agenda(edition, chapters=1)
    running = ExportJob.objects.create(edition=edition, year=2021, status=ExportStatus.RUNNING, progress=40,
                                       requested_by=staff)
    login("medewerker")
    page.get_by_role("link", name="PDF-export").click()
    page.wait_for_load_state()
    assert page.locator("h1").count() == 1
    status = page.locator(f"#export-{running.pk}")
    assert status.get_by_role("progressbar").get_attribute("value") == "40"
    assert page.locator("[aria-live=polite]").count() == 1
    assert serious_violations(page) == []

    # The worker finishes: the polling fragment shows the download without a reload.
    ExportJob.objects.filter(pk=running.pk).update(status=ExportStatus.DONE, progress=100,
                                                   file="exports/2021/bestaat-niet.pdf")
    page.get_by_role("link", name="Download de PDF").wait_for(timeout=10_000)

    # Starting a new export by keyboard (eager in tests: it is done at once).
    page.get_by_label("Jaarprogramma").select_option("2021")
    page.get_by_role("button", name="PDF maken").press("Enter")
    page.wait_for_load_state()
    assert page.get_by_text("De PDF is klaar.").is_visible()
    assert page.get_by_role("link", name="Download de PDF").count() == 2
    assert serious_violations(page) == []
