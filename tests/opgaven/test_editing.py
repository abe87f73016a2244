import pytest
from django.test import Client
from django.urls import reverse

from opgaven import editables
from opgaven.models import Ambition
from tests import factories as f

pytestmark = pytest.mark.django_db


def edit_url(chapter, item, view="edit", **extra):
    return editables.url_for_item(view, item, chapter, **extra)


@pytest.fixture
def ambition(world):
    return f.AmbitionFactory(chapter=world.chapter, number=1, order=1, text="Iedereen kan lezen.")


def test_writer_saves_an_ambition(client_for, world, ambition):
    client = client_for("writer")
    response = client.post(edit_url(world.chapter, ambition), {"text": "Iedereen leest mee.", "version": 1})
    assert response.status_code == 302
    ambition.refresh_from_db()
    assert ambition.text == "Iedereen leest mee."
    assert ambition.version == 2
    record = ambition.history.first()
    assert record.history_user == world["writer"]


def test_the_second_of_two_concurrent_saves_is_refused_and_the_first_kept(world, ambition):
    first, second = Client(), Client()
    first.force_login(world["writer"])
    second.force_login(world["writer"])
    url = edit_url(world.chapter, ambition)
    # Both load the form at version 1.
    assert 'value="1"' in first.get(url).content.decode()
    assert 'value="1"' in second.get(url).content.decode()
    assert first.post(url, {"text": "Eerste versie.", "version": 1}).status_code == 302
    response = second.post(url, {"text": "Tweede versie.", "version": 1})
    assert response.status_code == 409
    page = response.content.decode()
    assert "Eerste versie." in page and "Tweede versie." in page
    assert "Uw versie" in page and "Opgeslagen versie" in page
    ambition.refresh_from_db()
    assert ambition.text == "Eerste versie."
    assert ambition.history.count() == 2
    # Choosing to keep their own text is an explicit second save, now at the stored version.
    assert second.post(url, {"text": "Tweede versie.", "version": 2}).status_code == 302
    ambition.refresh_from_db()
    assert ambition.text == "Tweede versie."


def test_history_shows_differences_and_restores_an_earlier_version(client_for, world, ambition):
    client = client_for("writer")
    client.post(edit_url(world.chapter, ambition), {"text": "Iedereen kan goed lezen.", "version": 1})
    page = client.get(edit_url(world.chapter, ambition, "history")).content.decode()
    assert '<ins><span class="visually-hidden">toegevoegd: </span>goed</ins>' in page
    original = ambition.history.order_by("history_date").first()
    response = client.post(edit_url(world.chapter, ambition, "restore", history_id=original.history_id))
    assert response.status_code == 302
    ambition.refresh_from_db()
    assert ambition.text == "Iedereen kan lezen."
    assert ambition.version == 3
    assert "Hersteld" in ambition.history.first().history_change_reason


def test_writer_adds_reorders_and_removes_ambitions(client_for, world, ambition):
    client = client_for("writer")
    create = editables.url_for("create", chapter=world.chapter, kind="ambitie")
    assert client.post(create, {"text": "Tweede ambitie."}).status_code == 302
    second = Ambition.objects.get(text="Tweede ambitie.")
    assert second.number == 2
    client.post(edit_url(world.chapter, second, "move"), {"direction": "up"})
    assert list(world.chapter.ambitions.order_by("order").values_list("text", "number")) == [
        ("Tweede ambitie.", 1), ("Iedereen kan lezen.", 2)]
    assert client.post(edit_url(world.chapter, second, "delete")).status_code == 302
    ambition.refresh_from_db()
    assert ambition.number == 1
    assert not Ambition.objects.filter(pk=second.pk).exists()


def test_writer_of_another_chapter_is_refused(client_for, world, ambition):
    client = client_for("other_writer")
    response = client.post(edit_url(world.chapter, ambition), {"text": "Overgenomen.", "version": 1})
    assert response.status_code == 403
    ambition.refresh_from_db()
    assert ambition.text == "Iedereen kan lezen."


def test_an_item_of_another_chapter_is_not_found_through_this_chapter(client_for, world):
    foreign = f.AmbitionFactory(chapter=world.other_chapter)
    url = reverse("opgaven:item_edit", args=[world.edition.slug, world.chapter.slug, "ambitie", foreign.pk])
    assert client_for("writer").get(url).status_code == 404


def test_an_invalid_form_is_a_clear_error_not_a_crash(client_for, world, ambition):
    response = client_for("writer").post(edit_url(world.chapter, ambition), {"text": "", "version": "x"})
    assert response.status_code == 422
    assert "errorlist" in response.content.decode()


def test_inline_edit_returns_a_fragment(client_for, world, ambition):
    client = client_for("writer")
    url = edit_url(world.chapter, ambition)
    fragment = client.get(url, HTTP_HX_REQUEST="true").content.decode()
    assert "<html" not in fragment and "hx-post" in fragment
    saved = client.post(url, {"text": "Inline bewaard.", "version": 1}, HTTP_HX_REQUEST="true")
    assert saved.status_code == 200 and "Inline bewaard." in saved.content.decode()


def test_writer_edits_a_context_section_and_a_contribution(client_for, world):
    client = client_for("writer")
    section = f.SectionFactory(chapter=world.chapter, body="Oud.")
    response = client.post(edit_url(world.chapter, section), {"title": "Context", "body": "Nieuw.", "version": 1})
    assert response.status_code == 302
    section.refresh_from_db()
    assert section.body == "Nieuw."
    create = editables.url_for("create", chapter=world.chapter, kind="bijdrage")
    response = client.post(create, {"organisation": world.kb.pk, "kind": "inhoudelijk", "text": "De KB levert kennis."})
    assert response.status_code == 302
    assert world.chapter.contributions.get().organisation == world.kb


def test_writer_edits_the_jaarprogramma_and_assigns_carriers(client_for, world):
    programme = f.JaarprogrammaFactory(chapter=world.chapter, year=2022)
    client = client_for("writer")
    criterion_url = editables.url_for("create", chapter=world.chapter, kind="succescriterium", year=2022)
    assert client.post(criterion_url, {"text": "Er zijn tien pilots."}).status_code == 302
    action_url = editables.url_for("create", chapter=world.chapter, kind="actie", year=2022)
    response = client.post(
        action_url, {"number": "1", "title": "Pilots starten", "carriers": [world.kb.pk, world.poi.pk]}
    )
    assert response.status_code == 302
    action = programme.actions.get()
    assert {c.organisation for c in action.carriers.all()} == {world.kb, world.poi}
    assert world["kb_staff"].has_perm("jaarprogramma.update_progress", action)
    response = client.post(edit_url(world.chapter, action),
                           {"number": "1", "title": "Pilots starten", "carriers": [world.poi.pk], "version": 1})
    assert response.status_code == 302
    assert [c.organisation for c in action.carriers.all()] == [world.poi]
    kb_staff = type(world["kb_staff"]).objects.get(pk=world["kb_staff"].pk)
    assert not kb_staff.has_perm("jaarprogramma.update_progress", action)


def test_edit_page_costs_the_same_queries_however_much_content(client_for, world, django_assert_max_num_queries):
    client = client_for("writer")
    url = reverse("opgaven:chapter_edit", args=[world.edition.slug, world.chapter.slug])

    def add_content():
        f.AmbitionFactory(chapter=world.chapter)
        f.ContributionFactory(chapter=world.chapter)
        f.SectionFactory(chapter=world.chapter)
        programme = f.JaarprogrammaFactory(chapter=world.chapter, year=2021 + world.chapter.jaarprogrammas.count())
        for _ in range(3):
            action = f.ActionFactory(jaarprogramma=programme)
            f.ActionCarrierFactory(action=action, organisation=world.kb)
            f.SuccessCriterionFactory(jaarprogramma=programme)

    add_content()
    # 25: two of them say where the text is in its route (the steps, the version in route).
    with django_assert_max_num_queries(25) as small:
        assert client.get(url).status_code == 200
    for _ in range(2):
        add_content()
    with django_assert_max_num_queries(len(small.captured_queries)):
        assert client.get(url).status_code == 200


def test_writer_starts_the_jaarprogramma_of_a_new_year(client_for, world):
    f.JaarprogrammaFactory(chapter=world.chapter, year=2021)
    url = reverse("jaarprogramma:jaarprogramma_create", args=[world.edition.slug, world.chapter.slug])
    client = client_for("writer")
    assert client.post(url, {"year": 2021}).status_code == 422  # that year exists already
    assert client.post(url, {"year": 2022}).status_code == 302
    assert sorted(world.chapter.jaarprogrammas.values_list("year", flat=True)) == [2021, 2022]


def test_an_inline_conflict_shows_both_versions_in_the_fragment(client_for, world, ambition):
    client = client_for("writer")
    url = edit_url(world.chapter, ambition)
    Ambition.objects.filter(pk=ambition.pk).update(text="Andermans tekst.", version=2)
    response = client.post(url, {"text": "Mijn tekst.", "version": 1}, HTTP_HX_REQUEST="true")
    fragment = response.content.decode()
    assert response.status_code == 200  # htmx swaps only 2xx responses
    assert "Andermans tekst." in fragment and "Mijn tekst." in fragment and "<html" not in fragment
    ambition.refresh_from_db()
    assert ambition.text == "Andermans tekst."
