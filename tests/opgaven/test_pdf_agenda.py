"""The real agenda as a PDF (rendered in-process; test_pdf_worker.py does it through a worker):
every chapter on its own pages, a bookmark for every chapter and section, every participant,
and every figure with its caption and text alternative, in the document's reading order."""

import re
import subprocess

import pytest

from opgaven.models import Block, BlockKind, Chapter
from opgaven.pdf.render import render_html, render_pdf

pytestmark = pytest.mark.django_db


@pytest.fixture
def pdf(module_agenda, db, tmp_path):
    path = tmp_path / "agenda.pdf"
    path.write_bytes(render_pdf(render_html("agenda", module_agenda.pk, 2021)))
    return path


def words(text):
    """pdftotext's text as words: hyphenation at line ends undone, whitespace normalised."""
    return " ".join(re.sub(r"(\w)-\n\s*(\w)", r"\1\2", text).split())


def test_the_pdf_has_every_chapter_bookmark_participant_and_figure_in_reading_order(module_agenda, pdf):
    pages = subprocess.run(["pdftotext", str(pdf), "-"], capture_output=True, text=True, check=True).stdout
    whole = words(pages)
    outline = subprocess.run(["pdftohtml", "-xml", "-i", "-stdout", str(pdf)], capture_output=True, text=True,
                             check=True).stdout
    bookmarks = [words(item) for item in re.findall(r"<item[^>]*>(.*?)</item>", outline)]

    for chapter in Chapter.objects.filter(edition=module_agenda):
        assert re.search(rf"HOOFDSTUK {chapter.number}\b", pages, re.I), chapter
        assert chapter.display_title in bookmarks
        for section in chapter.sections.all():
            assert f"{section.number} {section.title}" in bookmarks, section

    slot = words(pages[pages.index("De Netwerkagenda is tot stand gekomen"):])
    assert [p.name for p in module_agenda.participants.all() if p.name not in slot] == []

    for block in Block.objects.filter(kind=BlockKind.FIGURE):
        assert block.text in whole
        alternative = " ".join(block.figure_description.split()[:8])
        assert f"Beschrijving van de figuur: {alternative}" in whole, block.text


    # In the document's reading order: 7.2's list after its lead, 3.4's and 8.4's programme texts.
    for markers in [
        ("Partijen spreken af dat acties worden ondernomen om:", "De inzetbaarheid van zittend personeel",
         "Hiervoor zijn randvoorwaarden:"),
        ("In september 2021 zal de site", "We gaan de volgende activiteiten uitvoeren:", "Strategische allianties"),
        ("Het jaar is geslaagd:", "Onze doelstelling is om", "We komen tot een gezamenlijk informatieplan"),
    ]:
        positions = [whole.index(marker) for marker in markers]
        assert positions == sorted(positions), markers
