"""Agenda text shows as rendered Markdown on every page, escaped exactly once.

Issue 9: `**primair onderwijs**` and `[^11]` showed raw on the success-criteria dashboard,
the cockpit, 'Mijn acties' and the organisation pages, and `&` came out as `&amp;amp;` on
the edit forms and the organisation pages."""

import pytest
from django.urls import reverse

from jaarprogramma.models import CarrierRole
from opgaven import editables
from tests import factories as f

pytestmark = pytest.mark.django_db

MARKUP = "**vet** en *schuin*[^1] A & B < C"
TITLE = "**Vette actie**[^1] A & B < C"
THEME = "**Thema** A & B < C"  # a heading over a group of actions: its words only


def content(response):
    assert response.status_code == 200
    html = response.content.decode()
    return html[html.index('id="inhoud"'):html.index("</main>")]


def assert_shown_once_escaped(html):
    assert "A &amp; B &lt; C" in html
    assert "&amp;amp;" not in html and "&amp;lt;" not in html
    assert "**" not in html and "[^" not in html


@pytest.fixture
def marked(world):
    """A criterion, an action carried by the KB and a KB contribution, all with Markdown."""
    chapter = world.chapter
    f.FootnoteFactory(chapter=chapter, number=1, text="De bron.")
    f.SectionFactory(chapter=chapter, aspects=["context", "ambitie", "bijdrage", "jaarprogramma"])
    programme = f.JaarprogrammaFactory(chapter=chapter, year=world.edition.start_year)
    criterion = f.SuccessCriterionFactory(jaarprogramma=programme, text=MARKUP)
    action = f.ActionFactory(jaarprogramma=programme, title=TITLE, description=MARKUP, theme=THEME)
    f.ActionCarrierFactory(action=action, organisation=world.kb, role=CarrierRole.LEAD)
    f.ContributionFactory(chapter=chapter, organisation=world.kb, text=MARKUP)
    f.establish(chapter)
    return {"criterion": criterion, "action": action}


def test_success_criteria_dashboard_renders_the_criterion(client_for, marked):
    html = content(client_for("netwerkoverleg").get(reverse("monitoring:success_criteria")))
    assert "<strong>vet</strong> en <em>schuin</em>" in html
    assert_shown_once_escaped(html)


def test_cockpit_renders_the_criterion(client_for, marked):
    html = content(client_for("anonymous").get(reverse("monitoring:cockpit")))
    assert "<strong>vet</strong> en <em>schuin</em>" in html
    assert_shown_once_escaped(html)


def test_my_actions_shows_the_title_without_markup(client_for, marked):
    html = content(client_for("kb_staff").get(reverse("monitoring:my_actions")))
    assert "Vette actie A &amp; B &lt; C" in html
    assert_shown_once_escaped(html)


def test_action_progress_page_renders_the_title(client_for, marked):
    html = content(client_for("kb_staff").get(reverse("monitoring:action_progress", args=[marked["action"].pk])))
    assert "<strong>Vette actie</strong>" in html
    assert_shown_once_escaped(html)


def test_organisation_page_renders_contributions_and_plain_action_titles(client_for, world, marked):
    url = reverse("governance:organisation_detail", args=[world.kb.key])
    html = content(client_for("anonymous").get(url))
    assert "<strong>vet</strong> en <em>schuin</em>" in html
    assert "Vette actie A &amp; B &lt; C</a>" in html
    assert_shown_once_escaped(html)


def test_chapter_page_links_the_footnote_and_renders_criterion_and_action(client_for, world, marked):
    html = content(client_for("anonymous").get(world.chapter.get_absolute_url()))
    assert html.count("<strong>vet</strong> en <em>schuin</em>") >= 3  # criterion, contribution, description
    assert "<strong>Vette actie</strong>" in html
    # A footnote of no section is the chapter's: anchors from the chapter's number, not an id.
    assert ('<sup class="fnref" id="hoofdstuk-3-fnref-1"><a href="#hoofdstuk-3-fn-1" title="Voetnoot 1">1</a></sup>'
            in html)
    assert 'id="hoofdstuk-3-fn-1"' in html
    assert_shown_once_escaped(html)


def test_the_edit_form_shows_exactly_what_the_writer_typed(client_for, world):
    ambition = f.AmbitionFactory(chapter=world.chapter)
    typed = "**vet** [^1] A & B < C, &lt;geen tag&gt; en &amp;"
    client = client_for("writer")
    url = editables.url_for_item("edit", ambition, world.chapter)
    response = client.post(url, {"text": typed, "version": ambition.version})
    assert response.status_code == 302
    ambition.refresh_from_db()
    assert ambition.text == typed
    form = content(client.get(url))
    # The textarea holds the source escaped once: the browser shows `typed` again.
    assert "**vet** [^1] A &amp; B &lt; C, &amp;lt;geen tag&amp;gt; en &amp;amp;</textarea>" in form


def test_saved_and_delete_pages_show_plain_text_escaped_once(client_for, world):
    ambition = f.AmbitionFactory(chapter=world.chapter, text=MARKUP)
    html = content(client_for("writer").get(editables.url_for_item("delete", ambition, world.chapter)))
    assert "<blockquote>vet en schuin A &amp; B &lt; C</blockquote>" in html
    assert_shown_once_escaped(html)


def test_the_pdf_prints_the_action_theme_as_plain_words(world, marked):
    from opgaven.models import ExportKind
    from opgaven.pdf.render import render_html

    html = render_html(ExportKind.CHAPTER, world.edition.pk, world.edition.start_year, world.chapter.pk)
    assert "Thema A &amp; B &lt; C" in html
    assert "**Thema" not in html
