"""The document: built from live data in a fixed number of queries, and an accessible PDF."""

import re
import subprocess
import zlib

import pytest

from opgaven.pdf.content import load_edition
from opgaven.pdf.render import content_hash, render_html, render_pdf
from tests import factories as f
from tests.opgaven.builders import build_agenda


def pdf_objects(pdf):
    """The PDF's objects as bytes: WeasyPrint compresses them into object streams."""
    inflated = []
    for match in re.finditer(rb"stream\r?\n(.*?)\r?\nendstream", pdf, re.S):
        try:
            inflated.append(zlib.decompress(match[1]))
        except zlib.error:
            pass
    return pdf + b"".join(inflated)


def test_the_html_has_cover_toc_chapters_footnotes_action_table_and_participants(small_agenda):
    html = render_html("agenda", small_agenda.pk, 2021)
    assert '<html lang="nl">' in html
    assert f"<title>{small_agenda.title}</title>" in html
    assert 'href="#hoofdstuk-3"' in html and 'id="hoofdstuk-3"' in html
    assert "Opgave 1 – Opgave nummer 3" in html
    assert '<span class="footnote" data-n="1">Een voetnoot bij de context.</span>' in html
    assert "“Lezen is de basis.”" in html
    assert '<th scope="col" class="org-column">VOB/SBW</th>' in html
    assert "Actie van opgave 4" in html and "Een deelactie." in html
    assert "Anna de Vries" in html and "Totstandkoming" in html


def test_a_single_chapter_leaves_out_the_rest(small_agenda):
    chapter = small_agenda.chapters.get(number=4)
    html = render_html("onderdeel", small_agenda.pk, 2021, chapter.pk)
    assert "Opgave nummer 4" in html
    assert "Opgave nummer 3" not in html
    assert "Totstandkoming" not in html


def test_another_year_shows_that_years_programme(small_agenda):
    chapter = small_agenda.chapters.get(number=3)
    programme = f.JaarprogrammaFactory(chapter=chapter, year=2022)
    f.ActionFactory(jaarprogramma=programme, title="Alleen in 2022")
    assert "Alleen in 2022" not in render_html("agenda", small_agenda.pk, 2022)  # not yet established
    f.establish(chapter)
    assert "Alleen in 2022" in render_html("agenda", small_agenda.pk, 2022)
    assert "Alleen in 2022" not in render_html("agenda", small_agenda.pk, 2021)


def test_loading_the_agenda_takes_the_same_queries_whatever_its_size(db, django_assert_num_queries):
    small, large = f.EditionFactory(slug="klein"), f.EditionFactory(slug="groot")
    build_agenda(small, chapters=1)
    build_agenda(large, chapters=4)
    counts = []
    for edition in (small, large):
        with django_assert_num_queries(10) as captured:  # and one for the live facts of the parts
            render_html("agenda", edition.pk, 2021)
        counts.append(len(captured))
    assert counts[0] == counts[1]


def test_the_hash_changes_with_the_data_and_not_without(small_agenda):
    first = content_hash("agenda", render_html("agenda", small_agenda.pk, 2021))
    assert content_hash("agenda", render_html("agenda", small_agenda.pk, 2021)) == first
    small_agenda.chapters.filter(number=3).update(title="Nieuwe titel")
    assert content_hash("agenda", render_html("agenda", small_agenda.pk, 2021)) != first


def test_the_pdf_is_tagged_dutch_titled_a4_with_bookmarks_and_shipped_fonts(small_agenda, tmp_path):
    progress = []
    pdf = render_pdf(render_html("agenda", small_agenda.pk, 2021), report=progress.append)
    path = tmp_path / "agenda.pdf"
    path.write_bytes(pdf)
    info = subprocess.run(["pdfinfo", str(path)], capture_output=True, text=True, check=True).stdout
    assert "Tagged:          yes" in info
    assert f"Title:           {small_agenda.title}" in info
    assert "595.276 x 841.89 pts (A4)" in info
    objects = pdf_objects(pdf)
    assert b"/Lang (nl)" in objects
    assert b"pdfuaid:part" in objects  # PDF/UA identification in the XMP metadata
    assert b"/Outlines" in objects  # bookmarks
    fonts = subprocess.run(["pdffonts", str(path)], capture_output=True, text=True, check=True).stdout
    families = {line.split()[0].split("+")[-1] for line in fonts.splitlines()[2:]}
    assert families and all(name.startswith("Source-Sans-3") for name in families), families
    outline = subprocess.run(["pdftotext", "-layout", str(path), "-"], capture_output=True, text=True).stdout
    assert "Opgave 1 – Opgave nummer 3" in outline
    assert progress == sorted(progress) and progress[-1] == 90


@pytest.mark.parametrize("markup", ["<script>alert(1)</script>", "<iframe src='x'></iframe>"])
def test_markup_in_a_field_does_not_reach_the_html(db, markup):
    edition = f.EditionFactory()
    f.SectionFactory(chapter=f.ChapterFactory(edition=edition), body=f"Tekst {markup}")
    html = render_html("agenda", edition.pk, 2021)
    assert "<script" not in html and "<iframe" not in html


def test_load_edition_prefetches_everything_the_template_uses(small_agenda, django_assert_num_queries):
    edition = load_edition(small_agenda.pk, 2021)
    with django_assert_num_queries(0):
        for chapter in edition.shown_chapters:
            for programme in chapter.jaarprogrammas.all():
                for action in programme.actions.all():
                    [str(c.organisation) for c in action.carriers.all()]
                    list(action.subitems.all())


def test_footnote_references_anywhere_in_a_chapter_become_footnotes(db):
    edition = f.EditionFactory()
    chapter = f.ChapterFactory(edition=edition)
    for number in (1, 2, 3, 4):
        f.FootnoteFactory(chapter=chapter, number=number, text=f"Voetnoot {number}.")
    f.AmbitionFactory(chapter=chapter, text="Een ambitie.[^1]")
    f.ContributionFactory(chapter=chapter, text="Een bijdrage.[^2]")
    programme = f.JaarprogrammaFactory(chapter=chapter, year=2021)
    f.SubItemFactory(action=f.ActionFactory(jaarprogramma=programme, title="Een actie[^3]"), text="Deel.[^4]")
    f.establish(chapter)
    html = render_html("agenda", edition.pk, 2021)
    assert "[^" not in html
    for number in (1, 2, 3, 4):
        assert html.count(f'<span class="footnote" data-n="{number}">Voetnoot {number}.</span>') == 1
