"""Issue 19: the draft edited in place, the writing aid's preview and footnotes, and presence."""

import json
from datetime import timedelta

import pytest
from django.core.cache import cache
from django.urls import reverse
from django.utils import timezone

from opgaven import editables, presence, text
from opgaven.models import Ambition, Footnote
from tests import factories as f

pytestmark = pytest.mark.django_db

HTMX = {"HX-Request": "true"}


@pytest.fixture(autouse=True)
def empty_cache():
    cache.clear()
    yield
    cache.clear()


@pytest.fixture
def ambition(world):
    f.SectionFactory(chapter=world.chapter, number="1", title="Context en ambitie", aspects=["context", "ambitie"],
                     body="De **context**.")
    return f.AmbitionFactory(chapter=world.chapter, number=1, order=1, text="Iedereen *kan* lezen.")


def chapter_url(world, name):
    return reverse(f"opgaven:{name}", args=[world.edition.slug, world.chapter.slug])


def test_the_draft_reads_like_the_chapter_page_with_every_block_editable(client_for, world, ambition):
    client = client_for("writer")
    draft = client.get(chapter_url(world, "chapter_edit")).content.decode()
    page = client.get(world.chapter.get_absolute_url()).content.decode()
    rendered = text.render_markdown(ambition.text, footnote_prefix="")
    assert rendered in draft and rendered in page  # rendered text, not Markdown
    assert "*kan*" not in draft
    assert f'id="bewerkbaar-ambitie-{ambition.pk}"' in draft
    edit = editables.url_for_item("edit", ambition, world.chapter)
    assert f'href="{edit}" data-hx-get="{edit}"' in draft  # htmx in place, the full edit page without it
    assert "<strong>context</strong>" in draft
    assert "bewerkbaar-" not in page and "Bewerken" not in page


def test_an_in_place_form_saves_and_gives_back_the_rendered_block(client_for, world, ambition):
    client = client_for("writer")
    url = editables.url_for_item("edit", ambition, world.chapter)
    form = client.get(url, headers=HTMX).content.decode()
    assert "data-markdown" in form and "data-cancel" in form
    assert f'data-draft-key="ambitie-{ambition.pk}-v1"' in form

    notes = json.dumps({"1": "Bron: *CBS*."})
    response = client.post(url, {"text": "Iedereen **leest**.[^1]", "version": 1, "footnotes": notes}, headers=HTMX)
    assert response.status_code == 200
    assert json.loads(response["HX-Trigger"]) == {"itemSaved": f"ambitie-{ambition.pk}-v1"}
    html = response.content.decode()
    assert "<strong>leest</strong>" in html and "[^1]" not in html
    assert 'href="#hoofdstuk-3-fn-1"' in html  # the section has no notes of its own: the chapter's note 1
    assert "Opgeslagen: ambitie." in html
    note = Footnote.objects.get(chapter=world.chapter)
    assert (note.section, note.number, note.text) == (None, 1, "Bron: *CBS*.")

    # Cancelling shows the block again; without htmx the link leads to the draft page.
    show = editables.url_for_item("show", ambition, world.chapter)
    assert "<strong>leest</strong>" in client.get(show, headers=HTMX).content.decode()
    assert client.get(show)["Location"].endswith(f"/bewerken/#bewerkbaar-ambitie-{ambition.pk}")


def test_a_new_item_is_written_in_place_and_the_draft_opens_at_it(client_for, world, ambition):
    client = client_for("writer")
    create = reverse("opgaven:item_create", args=[world.edition.slug, world.chapter.slug, "ambitie"])
    draft = client.get(chapter_url(world, "chapter_edit")).content.decode()
    assert f'href="{create}" data-hx-get="{create}" data-hx-target="#nieuw-item"' in draft
    assert '<div id="nieuw-item"></div>' in draft

    form = client.get(create, headers=HTMX).content.decode()
    assert "<h3>Toevoegen: ambitie</h3>" in form
    assert f'action="{create}" data-hx-post="{create}"' in form  # posts to itself, not to the draft page
    assert 'id="id_nieuw-ambitie-text"' in form and "data-markdown" in form and "data-cancel" in form
    refused = client.post(create, {"text": ""}, headers=HTMX)
    assert refused.status_code == 200 and "errorlist" in refused.content.decode()  # htmx swaps only 2xx

    response = client.post(create, {"text": "Iedereen **schrijft**."}, headers=HTMX)

    added = Ambition.objects.get(chapter=world.chapter, number=2)
    assert response.status_code == 204
    at = f"ambitie-{added.pk}"
    assert response["HX-Redirect"] == f"{chapter_url(world, 'chapter_edit')}?toegevoegd={at}#bewerkbaar-{at}"
    assert json.loads(response["HX-Trigger"]) == {"itemSaved": f"nieuw-ambitie-{world.chapter.pk}"}
    assert "<strong>schrijft</strong>" in client.get(chapter_url(world, "chapter_edit")).content.decode()


def test_a_new_block_opens_in_place_under_its_own_section(client_for, world, ambition):
    client = client_for("writer")
    section = world.chapter.sections.get()
    create = reverse("opgaven:item_create", args=[world.edition.slug, world.chapter.slug, "blok"])
    draft = client.get(chapter_url(world, "chapter_edit")).content.decode()
    assert f'data-hx-get="{create}?section={section.pk}" data-hx-target="#nieuw-blok-{section.pk}"' in draft
    form = client.get(create, {"section": section.pk}, headers=HTMX).content.decode()
    assert f'data-hx-post="{create}?section={section.pk}"' in form


def test_a_footnote_written_in_a_section_with_notes_is_that_sections_next(client_for, world, ambition):
    section = ambition.chapter.sections.get()
    f.FootnoteFactory(chapter=world.chapter, section=section, number=1, text="Eerste.")
    client = client_for("writer")
    url = editables.url_for_item("edit", ambition, world.chapter)
    form = client.get(url, headers=HTMX).content.decode()
    assert 'data-footnote-next="2"' in form
    assert "Eerste." in form  # the notes `[^N]` refers to here, for editing them
    client.post(url, {"text": "Lezen.[^2]", "version": 1, "footnotes": json.dumps({"2": "Tweede.", "1": "Eerste!"})},
                headers=HTMX)
    assert dict(section.footnotes.values_list("number", "text")) == {1: "Eerste!", 2: "Tweede."}


def test_footnotes_that_are_not_footnotes_are_refused(client_for, world, ambition):
    client = client_for("writer")
    url = editables.url_for_item("edit", ambition, world.chapter)
    response = client.post(url, {"text": "Lezen.", "version": 1, "footnotes": "[1, 2]"})
    assert response.status_code == 422
    assert Ambition.objects.get(pk=ambition.pk).version == 1


def test_the_preview_renders_as_the_page_and_lists_the_footnotes(client_for, world):
    client = client_for("writer")
    source = "Iedereen **leest**:\n\n- boeken\n- kranten\n\nZie [de KB](https://www.kb.nl).[^3]"
    response = client.post(chapter_url(world, "chapter_preview"), {
        "voorbeeld_tekst": source, "voorbeeld_id": "id_ambitie-1-text",
        "voorbeeld_voetnoten": json.dumps({"3": "Een *noot*."})})
    html = response.content.decode()
    assert text.to_html(source, footnote=text.footnote_link("voorbeeld-id_ambitie-1-text-")) in html
    assert '<a href="https://www.kb.nl" rel="noopener noreferrer">de KB</a>' in html
    assert "Een <em>noot</em>." in html


def test_presence_shows_who_edits_which_block_and_forgets_them_after_30_seconds(client_for, world, ambition):
    anna = world["admin"]
    anna.first_name, anna.last_name = "Anna", "de Vries"
    anna.save()
    url = chapter_url(world, "chapter_presence")
    client_for("admin").post(url, {"bewerkt": f"ambitie-{ambition.pk}"})

    html = client_for("writer").post(url, {"bewerkt": ""}).content.decode()
    since = timezone.localtime().strftime("%H:")
    assert f'data-presence-item="ambitie-{ambition.pk}"' in html
    assert "Anna de Vries bewerkt dit sinds " + since in html
    assert "Anna de Vries bewerkt een ambitie" in html
    # The writer sees Anna on the draft page as well; Anna sees the writer there.
    assert "Anna de Vries" in client_for("writer").get(chapter_url(world, "chapter_edit")).content.decode()
    assert "heeft dit onderdeel open" in client_for("admin").post(url).content.decode()

    later = timezone.now() + presence.EXPIRES_AFTER + timedelta(seconds=1)
    assert presence.present(chapter=world.chapter, exclude=world["writer"], now=later) == []


def test_presence_keeps_when_someone_started_on_a_block(world, ambition):
    start = timezone.now()
    presence.beat(chapter=world.chapter, user=world["writer"], item_key="ambitie-1", now=start)
    presence.beat(chapter=world.chapter, user=world["writer"], item_key="ambitie-1", now=start + timedelta(seconds=10))
    [entry] = presence.present(chapter=world.chapter, now=start + timedelta(seconds=20))
    assert entry["since"] == start
    presence.beat(chapter=world.chapter, user=world["writer"], item_key="", now=start + timedelta(seconds=20))
    [entry] = presence.present(chapter=world.chapter, now=start + timedelta(seconds=20))
    assert (entry["item"], entry["since"]) == ("", start + timedelta(seconds=20))


def test_presence_ignores_what_is_not_a_block(client_for, world):
    client_for("admin").post(chapter_url(world, "chapter_presence"), {"bewerkt": "<script>-1"})
    [entry] = presence.present(chapter=world.chapter, exclude=world["writer"])
    assert entry["item"] == ""


def test_every_kind_of_block_opens_in_place_and_comes_back_rendered(client_for, world, ambition):
    from opgaven.models import Block

    section = ambition.chapter.sections.get()
    programme_section = f.SectionFactory(chapter=world.chapter, number="2", title="Jaarprogramma",
                                         aspects=["jaarprogramma"], body="")
    block = Block.objects.create(section=section, kind="lijst", text="- *een*\n- twee", order=5)
    contribution = f.ContributionFactory(chapter=world.chapter, organisation=world.kb, text="De KB **helpt**.")
    programme = f.JaarprogrammaFactory(chapter=world.chapter, year=2021)
    criterion = f.SuccessCriterionFactory(jaarprogramma=programme, text="Er is **een** pilot.")
    action = f.ActionFactory(jaarprogramma=programme, title="Pilots *starten*")
    client = client_for("writer")
    draft = client.get(chapter_url(world, "chapter_edit")).content.decode()
    for item, kind, rendered in [
        (section, "paragraaf", "<strong>context</strong>"), (programme_section, "paragraaf", "geen openingstekst"),
        (block, "blok", "<em>een</em>"), (contribution, "bijdrage", "<strong>helpt</strong>"),
        (criterion, "succescriterium", "<strong>een</strong>"), (action, "actie", "<em>starten</em>"),
    ]:
        assert f'id="bewerkbaar-{kind}-{item.pk}"' in draft, kind
        form = client.get(editables.url_for_item("edit", item, world.chapter), headers=HTMX).content.decode()
        assert 'class="item-form"' in form and "data-cancel" in form, kind
        shown = client.get(editables.url_for_item("show", item, world.chapter), headers=HTMX).content.decode()
        assert f'id="bewerkbaar-{kind}-{item.pk}"' in shown and rendered in shown, kind


def test_a_new_block_numbers_its_footnotes_as_its_section_does(client_for, world, ambition):
    section = ambition.chapter.sections.get()
    f.FootnoteFactory(chapter=world.chapter, section=section, number=4, text="Vierde.")
    client = client_for("writer")
    url = editables.url_for("create", chapter=world.chapter, kind="blok")
    assert 'data-footnote-next="5"' in client.get(url, {"section": section.pk}).content.decode()
    assert 'data-footnote-next="1"' in client.get(url).content.decode()
    response = client.post(url, {"section": section.pk, "kind": "tekst", "text": "Nieuw.[^5]", "figure_items": "[]",
                                 "footnotes": json.dumps({"5": "Vijfde.", "4": "Overschreven?"})})
    assert response.status_code == 302
    assert dict(section.footnotes.values_list("number", "text")) == {4: "Vierde.", 5: "Vijfde."}
