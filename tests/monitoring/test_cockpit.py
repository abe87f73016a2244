from django.urls import reverse

from opgaven.models import Comment
from tests import factories as f


def test_cockpit_is_public(client, progress):
    response = client.get(reverse("monitoring:cockpit"))
    assert response.status_code == 200
    assert "Cockpit" in response.content.decode()


def test_cockpit_hides_drafts_comments_and_internal_notes(client, world, progress, draft_chapter):
    draft_action = f.ActionFactory(jaarprogramma=f.JaarprogrammaFactory(chapter=draft_chapter),
                                   title="Geheime conceptactie")
    f.ActionCarrierFactory(action=draft_action, organisation=world.kb)
    f.IndicatorFactory(edition=world.edition, chapter=draft_chapter, name="Conceptindicator")
    f.ProgressUpdateFactory(action=draft_action, organisation=world.kb, text="Interne voortgangstekst")
    criterion = f.SuccessCriterionFactory(jaarprogramma=world.chapter.jaarprogrammas.first(),
                                          met=False, met_note="Interne toelichting")
    Comment.objects.create(chapter=world.chapter, author=world["reader"], text="Intern commentaar")
    f.establish(world.chapter)

    response = client.get(reverse("monitoring:cockpit"))
    html = response.content.decode()
    assert criterion.text in html
    for secret in ["Conceptonderdeel", "Geheime conceptactie", "Conceptindicator", "Interne voortgangstekst",
                   "Interne toelichting", "Intern commentaar"]:
        assert secret not in html
    assert draft_chapter not in [row.subject for row in response.context["rows"]]
    assert response.context["totals"].total == 4


def test_cockpit_cannot_be_filtered_onto_a_draft(client, progress, draft_chapter):
    response = client.get(reverse("monitoring:cockpit"), {"chapter": draft_chapter.pk})
    assert response.status_code == 200
    assert response.context["filter_form"].errors
    assert "Conceptonderdeel" not in response.content.decode()


def test_cockpit_query_count_does_not_grow_with_the_data(client, world, django_assert_num_queries):
    from .conftest import build_progress

    build_progress(world, 1)
    url = reverse("monitoring:cockpit")
    with django_assert_num_queries(16):
        client.get(url)
    build_progress(world, 10, opgave_slug="opgave-y")
    with django_assert_num_queries(16):
        client.get(url)


def test_the_cockpit_opens_on_the_newest_established_programme_year(client, world):
    from .conftest import build_progress

    build_progress(world, 2)  # 2021
    build_progress(world, 3, opgave_slug="opgave-y")  # 2022
    f.ActionFactory(jaarprogramma=f.JaarprogrammaFactory(chapter=world.chapter, year=2023))  # a draft year
    response = client.get(reverse("monitoring:cockpit"))
    assert response.context["filters"]["year"] == 2022
    assert response.context["totals"].total == 6  # three actions in each of two chapters
    html = response.content.decode()
    assert '<option value="2022" selected>' in html and "jaarprogramma van 2022" in html
    every = client.get(reverse("monitoring:cockpit"), {"year": "alle"})
    assert "year" not in every.context["filters"] and every.context["totals"].total == 10
    assert client.get(reverse("monitoring:cockpit"), {"year": 2021}).context["totals"].total == 4
