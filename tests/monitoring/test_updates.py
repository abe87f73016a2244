import datetime

import pytest
from django.urls import reverse
from django.utils import timezone

from jaarprogramma.models import ActionStatus
from monitoring.models import ProgressUpdate
from tests import factories as f

from .conftest import grant_update


@pytest.fixture
def kb_action(world):
    action = f.ActionFactory(jaarprogramma=f.JaarprogrammaFactory(chapter=world.chapter))
    f.ActionCarrierFactory(action=action, organisation=world.kb)
    return action


def _post(client, action, organisation, **extra):
    data = {"organisation": organisation.pk, "date": timezone.localdate().isoformat(),
            "text": "Eerste bijeenkomst gehouden.", "percentage": 20, **extra}
    return client.post(reverse("monitoring:action_progress", args=[action.pk]), data)


def test_staff_of_a_carrier_posts_an_update_and_sets_the_status(client_for, world, kb_action):
    grant_update(world["kb_staff"], kb_action)
    response = _post(client_for("kb_staff"), kb_action, world.kb, status=ActionStatus.ON_TRACK)
    assert response.status_code == 302
    update = ProgressUpdate.objects.get()
    assert (update.organisation, update.author, update.percentage) == (world.kb, world["kb_staff"], 20)
    version = kb_action.version
    kb_action.refresh_from_db()
    assert kb_action.status == ActionStatus.ON_TRACK
    assert kb_action.version == version + 1
    assert kb_action.history.first().history_change_reason == "Voortgangsbericht"


def test_update_for_an_action_the_users_organisation_does_not_carry_is_refused(client_for, world, kb_action):
    # Even with the object permission, the organisation must carry the action.
    grant_update(world["poi_staff"], kb_action)
    response = _post(client_for("poi_staff"), kb_action, world.poi)
    assert response.status_code == 403
    assert not ProgressUpdate.objects.exists()


def test_update_without_the_permission_is_refused(client_for, world, kb_action):
    from guardian.shortcuts import remove_perm

    remove_perm("jaarprogramma.update_progress", world["kb_staff"], kb_action)
    response = _post(client_for("kb_staff"), kb_action, world.kb)
    assert response.status_code == 403
    assert not ProgressUpdate.objects.exists()


def test_update_on_behalf_of_another_organisation_is_refused(client_for, world, kb_action):
    f.ActionCarrierFactory(action=kb_action, organisation=world.poi)
    grant_update(world["kb_staff"], kb_action)
    response = _post(client_for("kb_staff"), kb_action, world.poi)
    assert response.status_code == 200
    assert "organisation" in response.context["form"].errors
    assert not ProgressUpdate.objects.exists()


def test_staff_of_a_member_of_a_collective_carrier_may_report(client_for, world):
    from governance.models import OrganisationType

    libraries = f.OrganisationFactory(key="de-bibliotheken", name="De bibliotheken", type=OrganisationType.OB,
                                      collective=True)
    action = f.ActionFactory(jaarprogramma=f.JaarprogrammaFactory(chapter=world.chapter))
    f.ActionCarrierFactory(action=action, organisation=libraries)
    grant_update(world["ob_staff"], action)
    assert _post(client_for("ob_staff"), action, world.ob).status_code == 302
    assert ProgressUpdate.objects.get().organisation == world.ob


@pytest.mark.parametrize("extra, field", [
    ({"percentage": 120}, "percentage"),
    ({"date": (timezone.localdate() + datetime.timedelta(days=3)).isoformat()}, "date"),
    ({"text": ""}, "text"),
    ({"status": "onzin"}, "status"),
])
def test_invalid_update_shows_errors(client_for, world, kb_action, extra, field):
    grant_update(world["kb_staff"], kb_action)
    response = _post(client_for("kb_staff"), kb_action, world.kb, **extra)
    assert response.status_code == 200
    assert field in response.context["form"].errors


@pytest.mark.parametrize("persona, expected", [
    ("kb_staff", 200), ("netwerkoverleg", 200), ("poi_staff", 403), ("anonymous", 302),
])
def test_progress_page_access(client_for, world, kb_action, persona, expected):
    grant_update(world["kb_staff"], kb_action)
    response = client_for(persona).get(reverse("monitoring:action_progress", args=[kb_action.pk]))
    assert response.status_code == expected


def test_netwerkoverleg_sees_the_history_without_a_form(client_for, world, kb_action):
    f.ProgressUpdateFactory(action=kb_action, organisation=world.kb, text="Plan van aanpak klaar")
    response = client_for("netwerkoverleg").get(reverse("monitoring:action_progress", args=[kb_action.pk]))
    assert response.context["form"] is None
    assert "Plan van aanpak klaar" in response.content.decode()


def test_unknown_action_is_404(client_for):
    assert client_for("netwerkoverleg").get(reverse("monitoring:action_progress", args=[999999])).status_code == 404


def test_my_actions_lists_what_the_users_organisation_carries(client_for, world, kb_action):
    other = f.ActionFactory(jaarprogramma=kb_action.jaarprogramma, title="Actie van een ander")
    f.ActionCarrierFactory(action=other, organisation=world.poi)
    response = client_for("kb_staff").get(reverse("monitoring:my_actions"))
    assert list(response.context["page"]) == [kb_action]


def test_my_actions_query_count_does_not_grow(client_for, world, django_assert_num_queries):
    from django.contrib.contenttypes.models import ContentType

    from jaarprogramma.models import Action

    programme = f.JaarprogrammaFactory(chapter=world.chapter)
    client = client_for("kb_staff")
    ContentType.objects.get_for_model(Action)  # cached for the process in real use

    def add(n):
        for _ in range(n):
            action = f.ActionFactory(jaarprogramma=programme)
            f.ActionCarrierFactory(action=action, organisation=world.kb)
            f.ProgressUpdateFactory(action=action, organisation=world.kb, author=world["kb_staff"])

    add(1)
    with django_assert_num_queries(13):
        client.get(reverse("monitoring:my_actions"))
    add(10)
    with django_assert_num_queries(13):
        client.get(reverse("monitoring:my_actions"))


def test_my_actions_needs_a_login(client):
    assert client.get(reverse("monitoring:my_actions")).status_code == 302


def test_the_date_field_renders_an_iso_date_for_the_date_picker(world, kb_action):
    from django.utils import translation

    from governance.models import Organisation
    from monitoring.forms import ProgressUpdateForm

    with translation.override("nl"):
        html = str(ProgressUpdateForm(organisations=Organisation.objects.all())["date"])
    assert f'value="{timezone.localdate().isoformat()}"' in html


def test_a_carriers_status_update_leaves_an_established_chapter_established(client_for, world, kb_action):
    from opgaven.models import ChapterStatus

    f.establish(world.chapter)
    grant_update(world["kb_staff"], kb_action)
    assert _post(client_for("kb_staff"), kb_action, world.kb, status=ActionStatus.DONE).status_code == 302
    world.chapter.refresh_from_db()
    assert world.chapter.status == ChapterStatus.ESTABLISHED
    kb_action.refresh_from_db()
    assert kb_action.status == ActionStatus.DONE
    # The public reads the established text with the status as it is now.
    page = client_for("anonymous").get(reverse("governance:organisation_detail", args=[world.kb.key]))
    assert "Afgerond" in page.content.decode()
