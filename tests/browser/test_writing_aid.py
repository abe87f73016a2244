"""Issue 19 in the browser: a block edited in place with the toolbar and the keyboard only, its
preview, the page and the PDF alike; pasting from a word processor; text kept over a reload;
another writer at the same block."""

import re
import subprocess

import pytest
from playwright.sync_api import expect

from opgaven.models import Ambition, ExportKind
from opgaven.pdf.render import render_html, render_pdf
from tests import factories as f
from tests.browser.conftest import serious_violations

pytestmark = pytest.mark.django_db(transaction=True)

WRITTEN = "Iedereen leest **graag**:\n\n- boeken\n- kranten\n\nZie [de KB](https://www.kb.nl)[^1]"


@pytest.fixture
def ambition(world):
    f.SectionFactory(chapter=world.chapter, number="1", title="Context en ambitie", aspects=["context", "ambitie"])
    f.JaarprogrammaFactory(chapter=world.chapter, year=2021)
    return f.AmbitionFactory(chapter=world.chapter, number=1, order=1, text="Iedereen kan lezen.")


def edit_page(world):
    return f"/agenda/{world.edition.slug}/{world.chapter.slug}/bewerken/"


def open_in_place(page, world, ambition):
    page.goto(edit_page(world))
    page.locator(f"#bewerkbaar-ambitie-{ambition.pk}").get_by_role("link", name="Bewerken").click()
    textarea = page.get_by_role("textbox", name="Ambitie")
    textarea.wait_for()
    # The focus moves into the form once htmx has settled it.
    expect(textarea).to_be_focused()
    return textarea


def focused(page):
    return page.evaluate("document.activeElement.id")


def same_markup(html):
    """Footnote ids differ between the preview and the page (each has its own prefix)."""
    html = re.sub(r'(id|href)="#?[\w-]*?(fnref|fn)-(\d+)"', r'\1="\2-\3"', html)
    return re.sub(r"\s+", " ", html).strip()


def test_a_writer_formats_an_ambition_with_toolbar_and_keyboard_and_finds_it_alike_everywhere(
        world, ambition, page, login):
    login("writer")
    textarea = open_in_place(page, world, ambition)
    assert focused(page) == textarea.get_attribute("id")  # focus moved into the form
    assert page.url.endswith("/bewerken/")

    keyboard = page.keyboard
    keyboard.press("Control+A")
    keyboard.type("Iedereen leest graag")
    for _ in "graag":
        keyboard.press("Shift+ArrowLeft")
    keyboard.press("Control+B")
    keyboard.press("End")
    keyboard.type(":")
    keyboard.press("Enter")
    keyboard.press("Enter")
    keyboard.press("Control+Shift+8")  # a list
    keyboard.type("boeken")
    keyboard.press("Enter")  # the next item
    keyboard.type("kranten")
    keyboard.press("Enter")
    keyboard.press("Enter")  # an empty item ends the list
    keyboard.type("Zie ")
    # The toolbar is one tab stop before the text; arrows move between its buttons.
    keyboard.press("Shift+Tab")
    assert page.evaluate("document.activeElement.textContent") == "Vet"
    for _ in range(3):
        keyboard.press("ArrowRight")
    assert page.evaluate("document.activeElement.textContent") == "Koppeling"
    keyboard.press("Enter")
    page.get_by_role("dialog", name="Koppeling invoegen").wait_for()
    keyboard.type("de KB")
    keyboard.press("Tab")
    keyboard.type("https://www.kb.nl")
    keyboard.press("Enter")
    # The dialog's close event, which puts the focus back and inserts, comes a task later.
    expect(textarea).to_be_focused()
    keyboard.press("Control+Shift+F")  # a footnote: its text is asked, its number given
    page.get_by_role("dialog", name="Voetnoot").wait_for()
    keyboard.type("Bron: KB")
    keyboard.press("Enter")
    expect(textarea).to_have_value(WRITTEN)
    # At its number the same button edits the footnote; Escape leaves it as it was.
    keyboard.press("Control+Shift+F")
    assert page.get_by_role("dialog", name="Voetnoot").get_by_role("textbox").input_value() == "Bron: KB"
    keyboard.press("Escape")
    expect(textarea).to_be_focused()
    assert textarea.input_value() == WRITTEN

    preview = page.locator(".preview-body")
    preview.get_by_text("Bron: KB").wait_for()
    assert preview.locator("strong").inner_text() == "graag"
    assert preview.get_by_role("link", name="de KB").get_attribute("href") == "https://www.kb.nl"
    assert preview.get_by_role("listitem").all_inner_texts()[:2] == ["boeken", "kranten"]
    assert preview.get_attribute("aria-live") == "polite"
    shown_in_preview = same_markup(preview.locator(".preview-text").inner_html())
    assert serious_violations(page) == []

    page.get_by_role("button", name="Opslaan").focus()
    keyboard.press("Enter")
    page.get_by_text("Opgeslagen: ambitie.").wait_for()
    expect(page.locator(f"#bewerkbaar-ambitie-{ambition.pk}")).to_be_focused()  # back at the block
    assert Ambition.objects.get(pk=ambition.pk).text == WRITTEN
    [note] = world.chapter.footnotes.all()
    assert (note.number, note.text) == (1, "Bron: KB")

    # The draft page, the chapter page and the PDF render what the preview showed.
    page.goto(edit_page(world))
    block = page.locator(f"#bewerkbaar-ambitie-{ambition.pk}")
    assert "**" not in block.inner_text() and "[^" not in block.inner_text()
    page.goto(world.chapter.get_absolute_url())
    on_page = page.locator(f"#{ambition.anchor}")
    assert same_markup(on_page.inner_html()) == shown_in_preview
    assert page.locator(".footnote-list").get_by_text("Bron: KB").is_visible()

    f.establish(world.chapter)
    html = render_html(ExportKind.CHAPTER, world.edition.pk, 2021, world.chapter.pk)
    assert "<strong>graag</strong>" in html
    assert re.search(r"<ul>\s*<li>boeken</li>\s*<li>kranten</li>\s*</ul>", html)
    assert '<a href="https://www.kb.nl" rel="noopener noreferrer">de KB</a>' in html
    assert '<span class="footnote" data-n="1">Bron: KB</span>' in html
    text = subprocess.run(["pdftotext", "-", "-"], input=render_pdf(html), capture_output=True, check=True).stdout
    words = " ".join(text.decode().split())
    assert "Iedereen leest graag:" in words and "Zie de KB" in words and "Bron: KB" in words


def test_pasting_from_a_word_processor_keeps_bold_italic_lists_and_links(world, ambition, page, login):
    login("writer")
    textarea = open_in_place(page, world, ambition)
    textarea.fill("")
    pasted = page.evaluate("""(html) => {
        const data = new DataTransfer();
        data.setData("text/html", html);
        data.setData("text/plain", "platte tekst");
        const paste = new ClipboardEvent("paste", {clipboardData: data, bubbles: true, cancelable: true});
        document.activeElement.dispatchEvent(paste);
        return document.activeElement.value;
    }""", '<meta charset="utf-8"><b style="font-weight:normal" id="docs-internal-guid-1">'
          '<p dir="ltr"><span style="font-weight:700">Vet</span> en <span style="font-style:italic">schuin</span> '
          '<span style="color:#ff0000;font-family:Arial">rood</span></p>'
          '<ul><li><p>een</p></li><li>twee</li></ul>'
          '<p><a href="https://www.kb.nl">KB</a><img src="logo.png" alt=""><script>alert(1)</script></p></b>')
    assert pasted == "**Vet** en *schuin* rood\n\n- een\n- twee\n\n[KB](https://www.kb.nl)"
    bullet = "<span style='font-family:Symbol;mso-list:Ignore'>·<span>&nbsp;&nbsp;</span></span>"
    word = page.evaluate("(html) => window.NetwerkagendaEditor.htmlToMarkdown(html)",
                         "<p class=MsoNormal><b>Titel</b><o:p></o:p></p>"
                         f"<p class=MsoListParagraphCxSpFirst style='mso-list:l0 level1 lfo1'>{bullet}eerste</p>"
                         f"<p class=MsoListParagraphCxSpLast style='mso-list:l0 level1 lfo1'>{bullet}<i>tweede</i></p>")
    assert word == "**Titel**\n\n- eerste\n- *tweede*"


def test_typed_text_survives_a_reload_and_leaving_asks_first(world, ambition, page, login):
    login("writer")
    textarea = open_in_place(page, world, ambition)
    textarea.press("End")
    page.keyboard.type(" Niet opgeslagen.")
    asked = []
    page.on("dialog", lambda dialog: (asked.append(dialog.type), dialog.accept()))
    page.reload()
    assert asked == ["beforeunload"]

    open_in_place(page, world, ambition)
    page.get_by_text("Niet-opgeslagen tekst herstellen?").wait_for()
    assert serious_violations(page) == []
    page.get_by_role("button", name="Herstellen").click()
    assert page.get_by_role("textbox", name="Ambitie").input_value() == "Iedereen kan lezen. Niet opgeslagen."
    page.get_by_role("button", name="Opslaan").click()
    page.get_by_text("Opgeslagen: ambitie.").wait_for()
    assert page.evaluate("Object.keys(localStorage).filter(k => k.startsWith('netwerkagenda:concept:'))") == []
    assert Ambition.objects.get(pk=ambition.pk).text == "Iedereen kan lezen. Niet opgeslagen."

    # Escape cancels an open form and gives the focus back to the block.
    open_in_place(page, world, ambition)
    page.keyboard.press("Escape")
    expect(page.locator(f"#bewerkbaar-ambitie-{ambition.pk}")).to_be_focused()
    assert asked == ["beforeunload"]


def test_a_second_writer_at_the_same_block_is_shown(world, ambition, as_user, page, login):
    anna = world["admin"]
    anna.first_name, anna.last_name = "Anna", "de Vries"
    anna.save()
    login("writer")
    page.goto(edit_page(world))

    open_in_place(as_user("admin"), world, ambition)

    note = page.locator(f"#bewerkbaar-ambitie-{ambition.pk} .presence-note")
    note.get_by_text(re.compile(r"^Anna de Vries bewerkt dit sinds \d\d:\d\d$")).wait_for()
    assert page.locator("#aanwezig-lijst").get_by_text("Anna de Vries bewerkt een ambitie").is_visible()
    assert serious_violations(page) == []


def test_a_new_ambition_is_written_in_place_and_the_draft_opens_at_it(world, ambition, page, login):
    login("writer")
    page.goto(edit_page(world))
    page.get_by_role("link", name="Ambitie toevoegen").click()
    textarea = page.get_by_role("textbox", name="Ambitie")
    expect(textarea).to_be_focused()  # the form opened where the link is, the focus in it
    assert page.url.endswith("/bewerken/")
    assert serious_violations(page) == []
    page.keyboard.type("Iedereen schrijft ")
    page.keyboard.press("Control+B")
    page.keyboard.type("mee")

    page.get_by_role("button", name="Opslaan").click()

    page.wait_for_url(re.compile(r"/bewerken/\?toegevoegd=ambitie-\d+#bewerkbaar-ambitie-\d+$"))
    added = Ambition.objects.get(chapter=world.chapter, number=2)
    assert page.url.endswith(f"#bewerkbaar-ambitie-{added.pk}")
    expect(page.locator(f"#bewerkbaar-ambitie-{added.pk} strong")).to_have_text("mee")
    assert added.text == "Iedereen schrijft **mee**"
