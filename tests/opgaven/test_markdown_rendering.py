"""Agenda text renders as before, and no text can hurt the server (issue 16).

These tests check output, never timings: `make bench` measures the time
(`markdown_pathological_vs_plain`)."""

import pytest

from opgaven import editables, text
from opgaven.cleaning import clean_source
from opgaven.forms import LONG_TEXT, AmbitionForm
from tests import factories as f

LENGTH = 20_000  # the longest text the forms accept

# Agenda prose: long paragraphs with now and then some emphasis and a footnote.
PROSE = ("De bibliotheek is een **plek** voor iedereen. Lokale bibliotheken, de POI's en de KB werken "
         "samen aan een geletterde samenleving, aan participatie in de informatiesamenleving en aan "
         "een leven lang ontwikkelen. Daarvoor versterken we de lokale infrastructuur, delen we kennis "
         "en bouwen we voort op wat al bereikt is.[^1] Zo gaat het programma mee met de tijd en met "
         "maatschappelijke ontwikkelingen, en blijft het jaarprogramma zich ontwikkelen.\n\n")

# What made Python-Markdown quadratic, and more of the same kind.
PATHOLOGICAL = {
    "brackets": "[",
    "link openers": "[a](",
    "link chain": "[a](b)",
    "footnote openers": "[^",
    "nested emphasis": "*_",
    "emphasis runs": "*a**",
    "angle brackets": "<",
    "tags": "<em>",
    "nested divs": "<div>",
    "backticks": "`[",
    "quote markers": ">",
    "entities": "&#",
}


def run_of(pattern, length=LENGTH):
    return (pattern * (length // len(pattern) + 1))[:length]


def content(response):
    assert response.status_code == 200
    html = response.content.decode()
    return html[html.index('id="inhoud"'):html.index("</main>")]


@pytest.fixture(autouse=True)
def uncached():
    # The cache must not be what keeps a page fast: every test renders from scratch.
    text.render_markdown.cache_clear()
    text.plain.cache_clear()


@pytest.mark.django_db
@pytest.mark.parametrize("pattern", PATHOLOGICAL.values(), ids=PATHOLOGICAL.keys())
def test_pathological_text_in_an_ambition_renders_next_to_prose_of_the_same_length(client, world, pattern):
    chapter = world.chapter
    f.SectionFactory(chapter=chapter, aspects=["context", "ambitie"])
    f.FootnoteFactory(chapter=chapter, number=1, text="Bron.")
    f.AmbitionFactory(chapter=chapter, text=run_of(PROSE))
    f.AmbitionFactory(chapter=chapter, text=run_of(pattern))
    f.establish(chapter)

    html = content(client.get(chapter.get_absolute_url()))

    assert html.count("<strong>plek</strong>") > 30  # the prose is rendered as Markdown
    assert '<sup class="fnref" id="hoofdstuk-3-fnref-1">' in html
    escaped = run_of(pattern, 200).replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;")
    assert escaped in html  # the pathological text is shown as written, escaped
    assert "<div" not in html.split('class="ambitions"')[1]


@pytest.mark.django_db
def test_every_page_that_shows_an_ambition_survives_a_pathological_one(client_for, world):
    ambition = f.AmbitionFactory(chapter=world.chapter, text=run_of("[", 30_000))
    client = client_for("writer")
    for view in ("edit", "history", "delete"):
        assert client.get(editables.url_for_item(view, ambition, world.chapter)).status_code == 200
    assert client.get(world.chapter.get_absolute_url()).status_code == 200


@pytest.mark.parametrize("pattern", PATHOLOGICAL.values(), ids=PATHOLOGICAL.keys())
def test_pathological_text_within_the_budget_is_still_rendered_as_markdown(pattern):
    # As many copies as the budget lets through as Markdown, inside ordinary prose.
    prose = run_of(PROSE, LENGTH)
    copies = (text.syntax_budget(prose) - text.syntax_count(prose)) // max(1, text.syntax_count(pattern))
    source = pattern * copies + "\n\n" + prose[: LENGTH - copies * len(pattern) - 2]
    assert text.within_syntax_budget(source)
    html = text.to_html(source, footnote=text.footnote_link(""))
    assert "<strong>plek</strong>" in html


def test_a_text_over_its_syntax_budget_is_shown_as_written():
    source = "Eerste *alinea*\nmet regel.\n\n" + "[" * 2_000 + " <script>alert(1)</script>"
    assert not text.within_syntax_budget(source)
    html = text.to_html(source, footnote=text.footnote_link(""))
    assert html.startswith("<p>Eerste *alinea*<br>\nmet regel.</p>\n<p>[[[")
    assert "&lt;script&gt;alert(1)&lt;/script&gt;</p>" in html
    assert "<script" not in html


def test_footnote_references_keep_their_shape():
    assert text.render_markdown("Tekst.[^12] Meer.") == (
        '<p>Tekst.<sup class="fnref" id="fnref-12"><a href="#fn-12" title="Voetnoot 12">12</a></sup> Meer.</p>'
    )
    assert text.render_markdown("Tekst[^2]", footnote_prefix="intro-") == (
        '<p>Tekst<sup class="fnref" id="intro-fnref-2"><a href="#intro-fn-2" title="Voetnoot 2">2</a></sup></p>'
    )


def test_footnote_references_are_left_out_where_the_page_has_no_footnotes():
    assert text.render_markdown("Tekst[^2] en meer", footnote_prefix=None) == "<p>Tekst en meer</p>"
    assert text.plain("**Tekst**[^2] & meer") == "Tekst & meer"


def test_footnote_syntax_in_code_and_escaped_stays_text():
    html = text.render_markdown("`[^1]` en \\[^2]")
    assert html == "<p><code>[^1]</code> en [^2]</p>"


def test_a_writer_cannot_forge_a_footnote_marker():
    assert text.render_markdown("a\ue0001\ue001b") == "<p>a1b</p>"


def test_nesting_is_cut_off():
    assert text.to_html("- " * 10_000 + "a").count("<ul>") <= 10
    assert text.to_html("> " * 400 + "b").count("<blockquote>") <= 10


def test_links_lists_quotes_and_headings():
    html = text.render_markdown(
        "### Kop\n\n> Citaat\n\n- een\n- twee\n\n3. drie\n4. vier\n\n"
        "[KB](https://www.kb.nl \"Site\") en <https://example.nl/a_b>"
    )
    assert "<h3>Kop</h3>" in html
    assert "<blockquote>\n<p>Citaat</p>\n</blockquote>" in html
    assert "<ul>\n<li>een</li>\n<li>twee</li>\n</ul>" in html
    assert '<ol start="3">\n<li>drie</li>\n<li>vier</li>\n</ol>' in html
    assert '<a href="https://www.kb.nl" title="Site" rel="noopener noreferrer">KB</a>' in html
    assert '<a href="https://example.nl/a_b" rel="noopener noreferrer">https://example.nl/a_b</a>' in html


def test_inline_leaves_out_the_paragraph_of_a_one_paragraph_text_only():
    assert text.render_markdown("**Actie** A & B", inline=True) == "<strong>Actie</strong> A &amp; B"
    assert text.render_markdown("Een\n\nTwee", inline=True) == "<p>Een</p>\n<p>Twee</p>"


@pytest.mark.parametrize("payload", [
    "<script>alert(1)</script>",
    '<img src=x onerror="alert(1)">',
    "[klik](javascript:alert(1))",
    "[klik](  <javascript:alert(1)>)",
    "<javascript:alert(1)>",
    '<a href="javascript:alert(1)">klik</a>',
    "[klik](data:text/html;base64,PHNjcmlwdD4=)",
    '<svg onload="alert(1)">',
    "<iframe src='https://evil.example'></iframe>",
    '<p style="x" onclick="alert(1)">p</p>',
])
def test_script_never_survives_rendering(payload):
    for html in (text.render_markdown(payload), text.render_markdown(payload, inline=True)):
        lowered = html.lower()
        for marker in ("<script", "onerror=", 'href="javascript', 'href="data', "<svg", "onload=", "<iframe",
                       "<img", "onclick=", "style="):
            assert marker not in lowered, (payload, html)


def test_plain_text_is_not_html():
    assert text.plain("**A & B** < C\n\n*Tweede*") == "A & B < C\nTweede"


@pytest.mark.parametrize("typed", [
    "A & B < C en 5 > 3",
    "&lt;geen tag&gt; en &amp; en &copy;",
    "> citaat\n\n**vet** & <em>nadruk</em>",
    "Zie <https://www.bibliotheeknetwerk.nl/a_b> en <mailto:info@kb.nl>.",
    "Tekst[^3] met 'quotes' en \"meer\"",
])
def test_the_stored_source_is_what_the_writer_typed(typed):
    assert clean_source(typed) == typed


def test_the_stored_source_loses_only_what_is_not_allowed():
    assert clean_source("Hoi <script>alert(1)</script><b onclick='x'>vet</b>") == "Hoi <b>vet</b>"
    assert clean_source("[klik](javascript:alert(1))") == "[klik](#alert(1))"


@pytest.mark.django_db
def test_forms_refuse_text_that_is_too_long_or_nearly_all_syntax(world):
    ambition = f.AmbitionFactory(chapter=world.chapter)
    long_form = AmbitionForm({"text": "a" * (LONG_TEXT + 1), "version": 1}, instance=ambition)
    assert not long_form.is_valid()
    assert long_form.errors["text"] == [f"Deze tekst is te lang: {LONG_TEXT + 1} tekens, ten hoogste {LONG_TEXT}."]
    syntax_form = AmbitionForm({"text": "[" * 3_000, "version": 1}, instance=ambition)
    assert not syntax_form.is_valid()
    assert "ongewoon veel opmaaktekens" in syntax_form.errors["text"][0]
    assert AmbitionForm({"text": run_of(PROSE, LONG_TEXT), "version": 1}, instance=ambition).is_valid()


def test_the_real_agenda_is_well_within_the_budget():
    import yaml
    from django.conf import settings

    agenda = yaml.safe_load((settings.BASE_DIR / "fixtures" / "netwerkagenda-2021-2023.yaml").read_text())
    texts = []

    def collect(node):
        if isinstance(node, dict):
            for value in node.values():
                collect(value)
        elif isinstance(node, list):
            for value in node:
                collect(value)
        elif isinstance(node, str):
            texts.append(node)

    collect(agenda)
    assert max(text.syntax_count(t) for t in texts) * 5 < text.MAX_SYNTAX


def test_the_history_diff_of_two_long_repetitive_versions_is_shown_whole_in_the_middle():
    from opgaven.history import word_diff

    old, new = "Begin " + "a b " * 5_000 + "eind", "Begin " + "b a " * 5_000 + "eind"
    segments = word_diff(old, new)
    assert segments[0] == ("equal", "Begin") and segments[-1] == ("equal", "eind")
    assert [op for op, _ in segments[1:-1]] == ["delete", "insert"]
    assert word_diff("de kat zat op de mat", "de hond zat op de mat") == [
        ("equal", "de"), ("delete", "kat"), ("insert", "hond"), ("equal", "zat op de mat")]
