"""A feedback round walked in the browser, axe on every page: the writer opens it for the
reflectiegroep, the advisor comments on an ambition and on a passage selected in a section,
the writer answers "verwerkt" naming the edit, closes the round, and downloads the reactienota
as XLSX and PDF."""

import datetime
import re
from io import BytesIO

import pytest
from django.utils import timezone
from openpyxl import load_workbook

from feedback.models import FeedbackRound, Remark, Resolution
from tests import factories as f
from tests.browser.conftest import serious_violations

pytestmark = pytest.mark.django_db(transaction=True)


@pytest.fixture
def draft(world):
    section = f.SectionFactory(chapter=world.chapter, number="3.1", title="Context",
                               body="Lezen is de basis. Bibliotheken werken samen met scholen.")
    ambition = f.AmbitionFactory(chapter=world.chapter, number=1, text="Iedereen leest mee.")
    return section, ambition


def clean(page):
    assert serious_violations(page) == [], page.url


def test_a_round_from_opening_to_the_reactienota(world, draft, as_user):
    section, ambition = draft
    writer = as_user("writer")
    writer.goto("/reactierondes/")
    clean(writer)
    writer.get_by_role("link", name=world.chapter.title).click()
    clean(writer)
    writer.get_by_label("Titel").fill("Ronde over onderdeel A")
    writer.get_by_label("Sluit op").fill((timezone.localdate() + datetime.timedelta(days=7)).isoformat())
    writer.get_by_label("Reflectiegroep A").check()
    writer.get_by_role("button", name="Ronde openen").click()
    writer.wait_for_load_state()
    clean(writer)
    round = FeedbackRound.objects.get()

    advisor = as_user("advisor")
    advisor.goto("/meldingen/")
    assert "Reactieronde geopend: Ronde over onderdeel A" in advisor.content()
    advisor.goto(round.get_absolute_url())
    clean(advisor)
    advisor.get_by_label("Onderdeel:", exact=True).select_option(label="Onderdeel A – ambitie 1")
    advisor.get_by_label("Uw reactie").fill("Wie is iedereen?")
    advisor.get_by_role("button", name="Reactie plaatsen").click()
    advisor.wait_for_load_state()
    clean(advisor)
    # Select a passage in the section's text: the form takes the item and the passage.
    advisor.evaluate("""() => {
        const text = document.querySelector('[data-feedback-item] p');
        const all = [...document.querySelectorAll('[data-feedback-item]')].find(
            el => el.textContent.includes('werken samen met scholen'));
        const node = all.querySelector('p').firstChild;
        const start = node.textContent.indexOf('werken samen met scholen');
        const range = document.createRange();
        range.setStart(node, start);
        range.setEnd(node, start + 'werken samen met scholen'.length);
        const selection = window.getSelection();
        selection.removeAllRanges();
        selection.addRange(range);
        document.dispatchEvent(new MouseEvent('mouseup'));
    }""")
    assert advisor.get_by_label("Passage (optioneel)").input_value() == "werken samen met scholen"
    advisor.get_by_label("Uw reactie").fill("Ook met de kinderopvang.")
    advisor.get_by_role("button", name="Reactie plaatsen").click()
    advisor.wait_for_load_state()
    passage = Remark.objects.get(quote="werken samen met scholen")
    assert passage.item == section

    # The writer takes the first remark over in an edit, then answers "verwerkt" naming it.
    ambition.text = "Iedere inwoner leest mee."
    ambition.save()
    remark = Remark.objects.get(text="Wie is iedereen?")
    writer.goto(round.get_absolute_url())
    clean(writer)
    writer.get_by_role("link", name=re.compile(r"Beantwoorden\W+Onderdeel A – ambitie 1")).click()
    clean(writer)
    writer.get_by_label("Verwerkt", exact=True).check()
    writer.get_by_label("Antwoord").fill("Aangescherpt.")
    writer.get_by_label("Wijziging waarin de reactie is verwerkt").select_option(index=1)
    writer.get_by_role("button", name="Antwoord opslaan").click()
    writer.wait_for_load_state()
    remark.refresh_from_db()
    assert remark.resolution == Resolution.TAKEN_OVER and remark.history_id == ambition.history.latest().history_id
    writer.get_by_role("button", name="Ronde sluiten").click()
    writer.wait_for_load_state()
    clean(writer)

    with writer.expect_download() as download:
        writer.get_by_role("link", name="Reactienota als Excel (XLSX)").click()
    sheet = load_workbook(BytesIO(open(download.value.path(), "rb").read())).active
    cells = [cell.value for row in sheet.iter_rows() for cell in row]
    assert "Wie is iedereen?" in cells and "Verwerkt" in cells and "werken samen met scholen" in cells

    with writer.expect_download(timeout=60_000) as download:
        writer.get_by_role("link", name="Reactienota als PDF").click()
    assert open(download.value.path(), "rb").read(4) == b"%PDF"
    writer.goto(f"/reactierondes/{round.pk}/reactienota/")
    clean(writer)
