"""The admin changes the agenda's content through opgaven.services, like the chapter pages: with
the version check, a raised version, its own history line and the chapter's next concept."""

import pytest
from django.contrib import admin
from django.test import RequestFactory
from django.urls import reverse

from jaarprogramma.models import Action
from opgaven import services
from opgaven.admin_writes import ADMIN_REASON
from opgaven.models import Ambition, Chapter, ChapterStatus
from tests import factories as f

pytestmark = pytest.mark.django_db


def change_data(obj, user, **changes):
    """What the admin's change form posts for `obj`, as it was loaded, with `changes`."""
    request = RequestFactory().get("/")
    request.user = user
    model_admin = admin.site._registry[type(obj)]
    form = model_admin.get_form(request, obj)(instance=obj)
    data = {}
    for name in form.fields:
        value = form[name].value()
        if value is None or value is False:
            continue  # an unchecked box or an empty choice posts nothing
        data[name] = [str(v) for v in value] if isinstance(value, list | tuple) else str(value)
    for formset, _inline in model_admin.get_formsets_with_inlines(request, obj):
        prefix = formset(instance=obj).prefix
        data.update({f"{prefix}-TOTAL_FORMS": "0", f"{prefix}-INITIAL_FORMS": "0"})
    data.update(changes)
    return data


@pytest.fixture
def established(world):
    ambition = f.AmbitionFactory(chapter=world.chapter, number=1, text="Iedereen kan lezen.")
    f.establish(world.chapter)
    return Ambition.objects.get(pk=ambition.pk)


def test_an_admin_edit_raises_the_version_and_starts_the_next_concept(client, world, established):
    admin_user = world["admin"]
    client.force_login(admin_user)
    url = reverse("admin:opgaven_ambition_change", args=[established.pk])

    response = client.post(url, change_data(established, admin_user, text="Iedereen leest."))

    assert response.status_code == 302
    stored = Ambition.objects.get(pk=established.pk)
    assert (stored.text, stored.version) == ("Iedereen leest.", established.version + 1)
    latest = stored.history.first()
    assert (latest.history_user, latest.history_change_reason) == (admin_user, ADMIN_REASON)
    assert Chapter.objects.get(pk=world.chapter.pk).status == ChapterStatus.CONCEPT
    # A writer's form opened before the admin's change no longer saves over it.
    with pytest.raises(services.VersionConflict):
        services.save_versioned(instance=stored, values={"text": "Oud formulier."}, version=established.version)


def test_an_admin_form_opened_before_a_writers_save_is_refused_in_dutch(client, world, established):
    admin_user = world["admin"]
    client.force_login(admin_user)
    data = change_data(established, admin_user, text="Van de beheerder.")
    services.save_versioned(instance=established, values={"text": "Van de schrijver."}, version=established.version)

    response = client.post(reverse("admin:opgaven_ambition_change", args=[established.pk]), data)

    assert response.status_code == 200
    assert "Iemand anders heeft dit item gewijzigd" in response.content.decode()
    assert Ambition.objects.get(pk=established.pk).text == "Van de schrijver."


def inline_actions_data(programme, user, actions):
    """The programme's change form with its actions inline, as loaded."""
    request = RequestFactory().get("/")
    request.user = user
    model_admin = admin.site._registry[type(programme)]
    data = change_data(programme, user)
    for formset, _inline in model_admin.get_formsets_with_inlines(request, programme):
        bound = formset(instance=programme)
        if bound.model is not Action:
            continue
        prefix = bound.prefix
        data.update({f"{prefix}-TOTAL_FORMS": str(len(actions)), f"{prefix}-INITIAL_FORMS": str(len(actions))})
        for index, form in enumerate(bound.forms):
            for name in form.fields:
                value = form[name].value()
                if value is not None and value is not False:
                    data[f"{prefix}-{index}-{name}"] = str(value)
        return prefix, data
    raise AssertionError("no action inline")


@pytest.fixture
def programme(world):
    programme = f.JaarprogrammaFactory(chapter=world.chapter, year=2021)
    f.ActionFactory(jaarprogramma=programme, number="1", title="Oud", order=1)
    f.ActionFactory(jaarprogramma=programme, number="2", title="Blijft", order=2)
    f.establish(world.chapter)
    return programme


def post_programme(client, programme, data):
    return client.post(reverse("admin:jaarprogramma_jaarprogramma_change", args=[programme.pk]), data)


def test_an_inline_row_changes_through_the_service(client, world, programme):
    client.force_login(world["admin"])
    first, second = programme.actions.order_by("order")
    prefix, data = inline_actions_data(programme, world["admin"], [first, second])
    data[f"{prefix}-0-title"] = "Nieuw"

    assert post_programme(client, programme, data).status_code == 302
    first.refresh_from_db()
    assert (first.title, first.version) == ("Nieuw", 2)
    assert Action.objects.get(pk=second.pk).version == 1  # an unchanged row is left alone
    assert Chapter.objects.get(pk=world.chapter.pk).status == ChapterStatus.CONCEPT


def test_a_stale_inline_row_refuses_the_whole_form(client, world, programme):
    """The form posts every row as it was loaded: saving it would put back the old text of a row
    someone changed meanwhile, so nothing of it is saved."""
    client.force_login(world["admin"])
    first, second = programme.actions.order_by("order")
    prefix, data = inline_actions_data(programme, world["admin"], [first, second])
    data[f"{prefix}-0-title"] = "Nieuw"
    services.save_versioned(instance=second, values={"title": "Blijft, bewerkt"}, version=second.version)

    response = post_programme(client, programme, data)

    assert response.status_code == 200
    assert "Iemand anders heeft dit item gewijzigd" in response.content.decode()
    assert Action.objects.get(pk=first.pk).title == "Oud"
    assert Action.objects.get(pk=second.pk).title == "Blijft, bewerkt"
