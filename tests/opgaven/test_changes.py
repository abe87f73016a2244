"""The wijzigingen page: adopted versions in order and the differences between any two, item by
item; draft readers also compare the draft with the last adopted version."""

import re

import pytest
from django.urls import reverse

from opgaven.models import Publication
from tests import factories as f

pytestmark = pytest.mark.django_db


def changes_url(world, **params):
    url = reverse("opgaven:chapter_changes", args=[world.edition.slug, world.chapter.slug])
    return url + ("?" + "&".join(f"{k}={v}" for k, v in params.items()) if params else "")


def shown_changes(html):
    """{item heading: (kind of change, the section's text)} of the comparison on the page."""
    found = {}
    for section in re.findall(r'<section class="change change-[^"]+"[^>]*>(.*?)</section>', html, re.S):
        heading = re.search(r"<h3[^>]*>(.*?) <span class=\"badge\">(.*?)</span></h3>", section, re.S)
        found[heading.group(1).strip()] = (heading.group(2), section)
    return found


def options(html, name):
    select = re.search(rf'<select id="{name}" name="{name}">(.*?)</select>', html, re.S).group(1)
    return re.findall(r'<option value="([^"]+)"( selected)?>', select)


def versions(world):
    return list(Publication.objects.filter(chapter=world.chapter, established_at__isnull=False)
                .order_by("established_at"))


@pytest.fixture
def programme(world):
    programme = f.JaarprogrammaFactory(chapter=world.chapter, year=2021)
    f.SuccessCriterionFactory(jaarprogramma=programme, text="Twintig bibliotheken doen mee.")
    criterion = f.SuccessCriterionFactory(jaarprogramma=programme, text="Het leesoffensief is gestart.")
    f.ActionFactory(jaarprogramma=programme, number="1", title="Bestaande actie")
    f.establish(world.chapter)
    programme.dropped = criterion
    return programme


def test_an_added_action_and_a_removed_criterion_show_as_such(client, world, programme):
    f.ActionFactory(jaarprogramma=programme, number="2", title="Nieuwe actie voor de leescoalities")
    programme.dropped.delete()
    f.establish(world.chapter)

    html = client.get(changes_url(world)).content.decode()  # the public: the last two adopted versions
    found = shown_changes(html)
    change, section = found["Actie 2 (2021)"]
    assert change == "toegevoegd"
    assert re.search(r"<ins><span class=\"visually-hidden\">toegevoegd: </span>[^<]*leescoalities", section)
    change, section = found["Succescriterium (2021)"]
    assert change == "verwijderd"
    assert re.search(r"<del><span class=\"visually-hidden\">verwijderd: </span>[^<]*leesoffensief", section)
    assert "Actie 1 (2021)" not in found  # unchanged items are not listed
    assert "Twintig bibliotheken" not in html


def test_writers_compare_the_draft_with_the_last_adopted_version(client_for, world, programme):
    f.AmbitionFactory(chapter=world.chapter, text="Een ambitie die nog concept is.")
    last_adopted = versions(world)[-1]

    writer = client_for("writer")
    html = writer.get(changes_url(world)).content.decode()
    assert ("concept", " selected") in options(html, "naar")
    assert (str(last_adopted.pk), " selected") in options(html, "van")
    change, section = shown_changes(html)["Ambitie 1"]
    assert change == "toegevoegd" and "nog concept" in section

    # Offered but not yet public: draft readers see it in the list, marked as such.
    f.build_route(world.edition, netwerkoverleg=world.netwerkoverleg, organisations=[world.kb],
                  ratifier=world.netwerkoverleg)
    from opgaven import signoff

    signoff.take_step(subject=world.chapter, step=world.edition.route.first(), user=world["writer"])
    assert "In besluitvorming sinds" in writer.get(changes_url(world)).content.decode()

    for persona in ("anonymous", "kb_staff", "other_writer"):
        client = client_for(persona)
        for url in (changes_url(world), changes_url(world, naar="concept")):
            html = client.get(url).content.decode()
            assert "nog concept" not in html and "huidig concept" not in html and "In besluitvorming" not in html


def test_any_two_versions_are_compared_with_van_and_naar(client, world, programme):
    ambition = f.AmbitionFactory(chapter=world.chapter, text="Twee miljoen leden.")
    f.establish(world.chapter)
    ambition.text = "Drie miljoen leden."
    ambition.save()
    f.establish(world.chapter)
    first, second, third = versions(world)[-3:]

    found = shown_changes(client.get(changes_url(world, van=first.pk, naar=second.pk)).content.decode())
    assert list(found) == ["Ambitie 1"] and found["Ambitie 1"][0] == "toegevoegd"

    html = client.get(changes_url(world, van=second.pk, naar=third.pk)).content.decode()
    assert (str(second.pk), " selected") in options(html, "van")
    assert (str(third.pk), " selected") in options(html, "naar")
    change, section = shown_changes(html)["Ambitie 1"]
    assert change == "gewijzigd"
    assert "<del><span class=\"visually-hidden\">verwijderd: </span>Twee</del>" in section
    assert "<ins><span class=\"visually-hidden\">toegevoegd: </span>Drie</ins>" in section

    found = shown_changes(client.get(changes_url(world, van=third.pk, naar=first.pk)).content.decode())
    assert found["Ambitie 1"][0] == "verwijderd"

    same = client.get(changes_url(world, van=second.pk, naar=second.pk)).content.decode()
    assert "Geen verschillen tussen deze versies." in same

    # An unknown or foreign version falls back to the latest change, never an error.
    other = Publication.objects.filter(chapter=world.other_chapter).first()
    html = client.get(changes_url(world, van=other.pk, naar="onzin")).content.decode()
    assert (str(second.pk), " selected") in options(html, "van")
    assert shown_changes(html)["Ambitie 1"][0] == "gewijzigd"


def test_the_changes_of_one_years_programme(client, world, programme):
    """?jaar= narrows the comparison to that year's programme; the chapter page links to it."""
    f.AmbitionFactory(chapter=world.chapter, text="Een ambitie, geen jaarprogramma.")
    f.ActionFactory(jaarprogramma=programme, number="2", title="Nieuwe actie in 2021")
    later = f.JaarprogrammaFactory(chapter=world.chapter, year=2022)
    f.ActionFactory(jaarprogramma=later, number="1", title="Eerste actie van 2022")
    f.establish(world.chapter)

    whole = shown_changes(client.get(changes_url(world)).content.decode())
    assert {"Ambitie 1", "Actie 2 (2021)", "Jaarprogramma 2022"} <= set(whole)

    html = client.get(changes_url(world, jaar=2021)).content.decode()
    assert "Wijzigingen in jaarprogramma 2021 van" in html
    assert list(shown_changes(html)) == ["Actie 2 (2021)"]
    assert '<input type="hidden" name="jaar" value="2021">' in html  # comparing other versions keeps the year
    assert 'href="?jaar=2022#verschillen"' in html

    html = client.get(changes_url(world, jaar=2022)).content.decode()
    assert set(shown_changes(html)) == {"Jaarprogramma 2022", "Actie 1 (2022)"}
    # A year no version holds: the whole chapter.
    assert set(shown_changes(client.get(changes_url(world, jaar=2030)).content.decode())) == set(whole)

    page = client.get(world.chapter.get_absolute_url() + "?jaar=2022").content.decode()
    assert f'href="{changes_url(world)}?jaar=2022#verschillen"' in page


def test_the_front_matters_changes(client_for, world):
    """Motto, introduction and manifest: their adopted versions and the differences, like a chapter's."""
    from opgaven import publication
    from opgaven.models import Edition

    edition = world.edition
    f.PrincipleFactory(edition=edition, number=1, title="Samen sterk", body="Wij werken samen.")
    publication.make_public(publication.freeze_version(edition))
    Edition.objects.filter(pk=edition.pk).update(motto="De bibliotheek voor iedereen, overal.")
    f.PrincipleFactory(edition=edition, number=2, title="Open", body="Wij delen wat wij weten.")
    publication.make_public(publication.freeze_version(edition))
    Edition.objects.filter(pk=edition.pk).update(motto="Een motto in concept.")
    url = reverse("opgaven:front_matter_changes", args=[edition.slug])

    assert url in client_for("anonymous").get(reverse("opgaven:home")).content.decode()
    html = client_for("anonymous").get(url).content.decode()
    found = shown_changes(html)
    assert found["Motto en manifest"][0] == "gewijzigd"
    assert "<ins><span class=\"visually-hidden\">toegevoegd: </span>" in found["Motto en manifest"][1]
    assert found["Uitgangspunt 2"][0] == "toegevoegd" and "Wij delen" in found["Uitgangspunt 2"][1]
    assert "Uitgangspunt 1" not in found and "in concept" not in html

    # The netwerkoverleg, who writes it, sees the draft against the last adopted version.
    html = client_for("netwerkoverleg").get(url).content.decode()
    assert ("concept", " selected") in options(html, "naar")
    change, section = shown_changes(html)["Motto en manifest"]
    assert change == "gewijzigd" and "concept" in section
    assert list(shown_changes(html)) == ["Motto en manifest"]


def test_the_front_matter_changes_page_is_not_there_before_anything_is_adopted(client_for, world):
    url = reverse("opgaven:front_matter_changes", args=[world.edition.slug])
    assert client_for("anonymous").get(url).status_code == 404
    assert client_for("netwerkoverleg").get(url).status_code == 200
