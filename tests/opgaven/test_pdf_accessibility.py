"""Issue 18: the agenda, a chapter and the progress report are PDF/UA-1 and PDF/A-2b at once.

veraPDF cannot be installed here; tests/pdf_audit.py reads the structure tree and content with
pikepdf and checks the rules of its PDF/UA-1 and PDF/A-2b profiles that the audit found broken
(README, "PDF export", says how to run veraPDF itself)."""

import re
import subprocess

import pytest

from opgaven.models import Chapter, ExportKind
from opgaven.pdf.render import render_html, render_pdf
from tests.pdf_audit import Audit, Element

pytestmark = pytest.mark.django_db

DOCUMENTS = ["agenda", "chapter", "progress report"]


@pytest.fixture(scope="module")
def audits(module_agenda, django_db_blocker):
    """The three PDFs of the real agenda, rendered once for the module."""
    with django_db_blocker.unblock():
        edition = module_agenda
        chapter = Chapter.objects.get(edition=edition, slug="geletterde-samenleving")
        return {
            "agenda": Audit(render_pdf(render_html(ExportKind.AGENDA, edition.pk, 2021))),
            "chapter": Audit(render_pdf(render_html(ExportKind.CHAPTER, edition.pk, 2021, chapter.pk))),
            "progress report": Audit(render_pdf(render_html(ExportKind.PROGRESS, edition.pk, 2021))),
        }


@pytest.mark.parametrize("document", DOCUMENTS)
def test_all_content_is_marked_as_structure_or_artifact(audits, document):
    assert audits[document].unmarked_content() == []


@pytest.mark.parametrize("document", DOCUMENTS)
def test_running_headers_and_footers_are_artifacts(audits, document):
    assert audits[document].artifacts() == []


@pytest.mark.parametrize("document", DOCUMENTS)
def test_list_items_hold_a_label_and_a_body(audits, document):
    audit = audits[document]
    assert audit.list_items() == []
    assert any(element.type == "LBody" for element in audit.elements)


@pytest.mark.parametrize("document", DOCUMENTS)
def test_headings_start_at_h1_and_skip_no_level(audits, document):
    assert audits[document].headings() == []


def test_a_texts_own_headings_sit_one_level_below_the_chapter(audits):
    # The manifest (H1) has ### headings in its Markdown: they become H2, not H3.
    levels = audits["agenda"].heading_levels()
    assert "H2" in levels and levels[0] == "H1"


@pytest.mark.parametrize("document", DOCUMENTS)
def test_table_headers_have_a_scope_and_their_ids_are_in_the_id_tree(audits, document):
    audit = audits[document]
    assert audit.table_headers() == []
    assert any(element.type == "TH" for element in audit.elements)


@pytest.mark.parametrize("document", ["agenda", "chapter"])
def test_links_are_one_annotation_each_described_by_their_text(audits, document):
    assert audits[document].links() == []


def test_each_table_of_contents_entry_is_one_link_with_its_title_and_no_written_leader_dots(audits):
    audit = audits["agenda"]
    descriptions = audit.link_descriptions()
    assert descriptions.count("1. Introductie") == 1
    assert "3. Opgave 1 – Geletterde samenleving" in descriptions
    assert not any(kid.type == "Link" for element in audit.elements if element.type == "Link"
                   for kid in element.kids if isinstance(kid, Element))
    # The leader is drawn: the table of contents has no dots as text, but it has page numbers.
    toc = subprocess.run(["pdftotext", "-f", "2", "-l", "2", "-", "-"], input=audit.data, capture_output=True,
                         check=True).stdout.decode()
    assert "Introductie" in toc and ". ." not in toc and ".." not in toc
    assert re.search(r"Manifest voor de netwerksamenwerking\s+[1-9]", toc)


@pytest.mark.parametrize("document", DOCUMENTS)
def test_pdfa_identification_metadata_output_intent_and_file_identifier(audits, document):
    assert audits[document].pdfa() == []


def _two_pages(footer):
    """A two-page PDF (the first is the cover) whose second page has a paragraph in its body and
    a page number drawn by `footer` near the bottom edge."""
    import io

    import pikepdf

    pdf = pikepdf.new()
    font = pdf.make_indirect(pikepdf.Dictionary(Type=pikepdf.Name.Font, Subtype=pikepdf.Name.Type1,
                                                BaseFont=pikepdf.Name.Helvetica))
    paragraphs = []
    for number in (1, 2):
        body = b"/P <</MCID 0>> BDC BT /F1 10 Tf 1 0 0 1 60 700 Tm (Tekst) Tj ET EMC "
        content = body + (footer if number == 2 else b"/Artifact BMC BT /F1 9 Tf 500 28 Td (1) Tj ET EMC")
        pdf.add_blank_page(page_size=(595, 842))
        page = pdf.pages[-1]
        page.Resources = pikepdf.Dictionary(Font=pikepdf.Dictionary(F1=font))
        page.Contents = pdf.make_stream(content)
        paragraphs.append(pikepdf.Dictionary(Type=pikepdf.Name.StructElem, S=pikepdf.Name.P, K=0, Pg=page.obj))
        if number == 2 and b"MCID 1" in footer:
            paragraphs.append(pikepdf.Dictionary(Type=pikepdf.Name.StructElem, S=pikepdf.Name.P, K=1, Pg=page.obj))
    pdf.Root.StructTreeRoot = pdf.make_indirect(pikepdf.Dictionary(
        Type=pikepdf.Name.StructTreeRoot, K=pikepdf.Array([pdf.make_indirect(p) for p in paragraphs])))
    out = io.BytesIO()
    pdf.save(out)
    return Audit(out.getvalue())


def test_the_audit_finds_a_page_number_in_the_structure_tree_rather_than_an_artifact():
    assert _two_pages(b"q 1 0 0 1 0 28 cm /Artifact BMC BT /F1 9 Tf 500 0 Td (2) Tj ET EMC Q").artifacts() == []
    tagged = _two_pages(b"/P <</MCID 1>> BDC BT /F1 9 Tf 500 28 Td (2) Tj ET EMC").artifacts()
    assert tagged == ["pages without text artifacts in their margins (running header/footer): [2]",
                      "pages with running header/footer text in the structure tree: [2]"]
    # Text in the body is no running content, wherever it is tagged.
    body = _two_pages(b"/Artifact BMC BT /F1 9 Tf 500 400 Td (2) Tj ET EMC").artifacts()
    assert body == ["pages without text artifacts in their margins (running header/footer): [2]"]
