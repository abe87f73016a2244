"""A draft reaches no public page: a writer's unestablished markers are on none of them.

Public pages include the API's JSON, the Atom feeds, the public action list and search: every
GET row of the permission matrix an anonymous reader may open, and a search for each marker.

The writer puts a marker into every kind of item they edit, through the same pages they use
(a new year's programme and its criterion included). Every URL the permission matrix lets an
anonymous reader open, and the agenda PDF, must then show none of the markers; the writer's
own draft view shows them all. After establishing, the public reads them too.

Progress is reported on the established action and on an action the writer added since: the
progress feeds and the API's updates have entries, and neither names the draft action before
establishing. What a progress update says is internal (for the netwerkoverleg and the carriers):
it reaches no public page, established or not."""

import json
import re

import pytest
from django.test import Client
from django.urls import reverse
from django.utils import timezone

from governance.models import BodyKind, Organisation
from opgaven import publication, signoff
from opgaven.models import Block, BlockKind, Edition, ExportKind, IntroSection
from opgaven.pdf.render import render_html
from tests import factories as f
from tests.test_permission_matrix import LOGIN, ROWS

pytestmark = pytest.mark.django_db

MARKERS = {
    kind: f"GEHEIM{kind.upper()}X"
    for kind in ("paragraaf", "ambitie", "nieuweambitie", "bijdrage", "criterium", "actie", "nieuwjaar",
                 "blok", "nieuwefiguur", "nieuweactie", "voetnoot")
}
PROGRESS_TEXT_MARKER = "GEHEIMVOORTGANGSTEKSTX"
# The front matter is the netwerkoverleg's to write.
FRONT_MARKERS = {kind: f"GEHEIM{kind.upper()}X" for kind in ("motto", "introductie", "uitgangspunt")}


@pytest.fixture
def agenda(world):
    """An established chapter with an item of every kind."""
    chapter = world.chapter
    section = f.SectionFactory(chapter=chapter, aspects=["context", "ambitie", "bijdrage", "jaarprogramma"])
    Block.objects.create(section=section, kind=BlockKind.TEXT, text="Vastgesteld blok.")
    f.AmbitionFactory(chapter=chapter, text="Vastgestelde ambitie.")
    f.ContributionFactory(chapter=chapter, organisation=world.kb, text="Vastgestelde bijdrage.")
    programme = f.JaarprogrammaFactory(chapter=chapter, year=2021)
    f.SuccessCriterionFactory(jaarprogramma=programme, text="Vastgesteld criterium.")
    action = f.ActionFactory(jaarprogramma=programme, title="Vastgestelde actie")
    f.ActionCarrierFactory(action=action, organisation=world.kb)
    f.establish(chapter)
    IntroSection.objects.create(edition=world.edition, number="1.1", title="Achtergrond",
                                body="Vastgestelde inleiding.")
    f.PrincipleFactory(edition=world.edition, number=1, title="Vastgesteld uitgangspunt.")
    publication.ensure_front_matter_published(world.edition, at=timezone.now())
    return world


def write_front_matter(client, world):
    edition = Edition.objects.get(pk=world.edition.pk)
    intro, principle = edition.intro_sections.get(), edition.principles.get()
    for kind, item, data in [("motto", edition, {"motto": FRONT_MARKERS["motto"]}),
                             ("introductie", intro, {"title": intro.title, "body": FRONT_MARKERS["introductie"]}),
                             ("uitgangspunt", principle, {"title": FRONT_MARKERS["uitgangspunt"]})]:
        url = reverse("opgaven:front_matter_item", args=[edition.slug, kind, item.pk])
        response = client.post(url, {**data, "version": item.version})
        assert response.status_code == 302, response.content.decode()[:2000]


def _edit(client, world, kind, item, data, year=None):
    kwargs = {"edition_slug": world.edition.slug, "chapter_slug": world.chapter.slug, "kind": kind, "pk": item.pk}
    name = "opgaven:item_edit"
    if year:
        kwargs["year"], name = year, "opgaven:programme_item_edit"
    response = client.post(reverse(name, kwargs=kwargs), {**data, "version": item.version})
    assert response.status_code == 302, response.content.decode()[:2000]


def write_draft(client, world):
    chapter = world.chapter
    section, ambition = chapter.sections.get(), chapter.ambitions.get()
    contribution, programme = chapter.contributions.get(), chapter.jaarprogrammas.get()
    criterion, action = programme.success_criteria.get(), programme.actions.get()
    _edit(client, world, "paragraaf", section, {"title": section.title, "body": MARKERS["paragraaf"]})
    # A footnote is written with the text that cites it (the writing aid's footnotes field).
    _edit(client, world, "ambitie", ambition, {"text": f'{MARKERS["ambitie"]}[^1]',
                                               "footnotes": json.dumps({"1": MARKERS["voetnoot"]})})
    block = section.blocks.get()
    _edit(client, world, "blok", block, {"section": section.pk, "kind": "tekst", "text": MARKERS["blok"],
                                         "figure_items": "[]"})
    _edit(client, world, "bijdrage", contribution, {
        "organisation": world.kb.pk, "kind": contribution.kind, "text": MARKERS["bijdrage"]})
    _edit(client, world, "succescriterium", criterion, {"text": MARKERS["criterium"]}, year=2021)
    _edit(client, world, "actie", action, {
        "number": action.number, "title": MARKERS["actie"], "carriers": [world.kb.pk]}, year=2021)
    base = [world.edition.slug, chapter.slug]
    assert client.post(reverse("opgaven:programme_item_create", args=[*base, 2021, "actie"]),
                       {"number": "9", "title": MARKERS["nieuweactie"], "carriers": [world.kb.pk]}).status_code == 302
    assert client.post(reverse("opgaven:item_create", args=[*base, "ambitie"]),
                       {"text": MARKERS["nieuweambitie"]}).status_code == 302
    assert client.post(reverse("opgaven:item_create", args=[*base, "blok"]), {
        "section": section.pk, "kind": "figuur", "text": "Een figuur", "figure_layout": "labels",
        "figure_items": '[{"title": "Begrip"}]', "figure_description": MARKERS["nieuwefiguur"]}).status_code == 302
    judged = {f"criterium-{criterion.pk}": "ja"}
    assert client.post(reverse("jaarprogramma:jaarprogramma_create", args=base),
                       {"year": 2022, **judged}).status_code == 302
    assert client.post(reverse("opgaven:programme_item_create", args=[*base, 2022, "succescriterium"]),
                       {"text": MARKERS["nieuwjaar"]}).status_code == 302


def report_progress(world):
    """KB staff report on the KB's part of the established action and of the draft one, as the
    page *Mijn acties* does; the text of both is internal."""
    from jaarprogramma.models import Action
    from monitoring.services import post_progress_update

    actions = Action.objects.filter(jaarprogramma__chapter=world.chapter, jaarprogramma__year=2021)
    assert {a.title for a in actions} == {MARKERS["actie"], MARKERS["nieuweactie"]}  # both drafts now
    for action in actions:
        post_progress_update(carrier=action.carriers.get(organisation=world.kb), author=world["kb_staff"],
                             date="2021-06-01", text=f"{PROGRESS_TEXT_MARKER}: de pilot loopt.",
                             percentage=40, status="op-schema")


def public_pages(client, world):
    """Every page an anonymous reader may open (the matrix's rows), with the year variants."""
    for row in ROWS:
        if row.method != "get" or row.expected["anonymous"] in (LOGIN, 403, 404):
            continue
        url = row.url(world)
        response = client.get(url)
        if response.status_code == 200 and not response.streaming:  # stored PDFs: see render_html below
            yield url, response.content.decode()
    for year in (2021, 2022):
        url = f"{world.chapter.get_absolute_url()}?jaar={year}"
        yield url, client.get(url).content.decode()
    for marker in MARKERS.values():
        # Asked in lower case: a hit shows the marker as written, the echoed question does not.
        url = reverse("zoeken:search") + f"?q={marker.lower()}"
        yield url, client.get(url).content.decode()
    yield "PDF", render_html(ExportKind.AGENDA, world.edition.pk, 2021)
    yield "PDF 2022", render_html(ExportKind.AGENDA, world.edition.pk, 2022)


def leaked(pages):
    return {url: sorted(set(re.findall(r"GEHEIM[A-Z]+X", html))) for url, html in pages
            if "GEHEIM" in html}


def test_a_draft_reaches_no_public_page_until_it_is_established(agenda):
    client, writer, overleg = Client(), Client(), Client()
    writer.force_login(agenda["writer"])
    overleg.force_login(agenda["netwerkoverleg"])
    write_draft(writer, agenda)
    write_front_matter(overleg, agenda)
    report_progress(agenda)

    pages = dict(public_pages(client, agenda))
    assert leaked(pages.items()) == {}
    # The feeds and the API's updates are not empty: they hold the established action's progress
    # under its established title, and nothing of the draft action.
    for url in (reverse("feed_chapter_updates", args=[agenda.chapter.pk]),
                reverse("feed_organisation_updates", args=[agenda.kb.key])):
        assert "Vastgestelde actie" in pages[url], url
    established = agenda.chapter.jaarprogrammas.get(year=2021).actions.exclude(title=MARKERS["nieuweactie"]).get()
    updates = json.loads(pages[reverse("api:update-list")])["results"]
    assert [update["action"] for update in updates] == [established.pk]
    home = overleg.get(reverse("opgaven:home")).content.decode()
    assert all(marker in home for marker in FRONT_MARKERS.values())
    chapter_html = client.get(agenda.chapter.get_absolute_url()).content.decode()
    assert "Vastgestelde ambitie." in chapter_html and "Concept" not in chapter_html
    assert "2022" not in re.findall(r'<option value="(\d+)"', chapter_html)

    draft = writer.get(agenda.chapter.get_absolute_url()).content.decode()
    draft += writer.get(f"{agenda.chapter.get_absolute_url()}?jaar=2021").content.decode()
    for name, marker in MARKERS.items():
        assert marker in draft, name
    assert "vastgestelde versie" in draft.lower()

    # Establish through the sign-off route: the writers offer, the netwerkoverleg establishes.
    vob = Organisation.objects.get(key="vob")
    offer, feedback, establish, *_ = f.build_route(
        agenda.edition, netwerkoverleg=agenda.netwerkoverleg, organisations=[vob],
        ratifier=f.BodyFactory(slug="bestuurlijk-overleg", kind=BodyKind.BESTUURLIJK_OVERLEG))
    for step, who in [(offer, "writer"), (feedback, "writer"), (establish, "netwerkoverleg")]:
        signoff.take_step(subject=agenda.chapter, step=step, user=agenda[who])
        # The front matter follows the same route, every step the netwerkoverleg's.
        signoff.take_step(subject=agenda.edition, step=step, user=agenda["netwerkoverleg"])
    public = "".join(html for _, html in public_pages(client, agenda))
    for name, marker in {**MARKERS, **FRONT_MARKERS}.items():
        assert marker in public, name
    assert PROGRESS_TEXT_MARKER not in public


def test_a_never_established_year_does_not_exist_for_the_public(agenda):
    writer = Client()
    writer.force_login(agenda["writer"])
    write_draft(writer, agenda)
    html = Client().get(f"{agenda.chapter.get_absolute_url()}?jaar=2022").content.decode()
    assert "Jaarprogramma 2021" in html and "Jaarprogramma 2022" not in html
