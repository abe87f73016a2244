import datetime
import re

import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from django.urls import reverse
from django.utils import timezone

from governance.models import OrganisationType, Role
from jaarprogramma.models import ActionStatus
from monitoring.models import ProgressUpdate
from monitoring.services import post_progress_update
from tests import factories as f

from .conftest import grant_update


@pytest.fixture
def kb_action(world):
    action = f.ActionFactory(jaarprogramma=f.JaarprogrammaFactory(chapter=world.chapter))
    f.ActionCarrierFactory(action=action, organisation=world.kb)
    return action


@pytest.fixture
def shared_action(world):
    """An action carried by the KB and by Rijnbrink (a POI): two parts."""
    action = f.ActionFactory(jaarprogramma=f.JaarprogrammaFactory(chapter=world.chapter))
    f.ActionCarrierFactory(action=action, organisation=world.kb)
    f.ActionCarrierFactory(action=action, organisation=world.poi)
    return action


def part(action, organisation):
    return action.carriers.get(organisation=organisation)


def _post(client, action, carrier, **extra):
    data = {"carrier": carrier.pk, "date": timezone.localdate().isoformat(),
            "text": "Eerste bijeenkomst gehouden.", "percentage": 20, **extra}
    return client.post(reverse("monitoring:action_progress", args=[action.pk]), data)


def report(user, action, organisation, status="", percentage=None, date=None):
    return post_progress_update(carrier=part(action, organisation), author=user, date=date or timezone.localdate(),
                                text="Stand van zaken.", status=status, percentage=percentage)


def test_staff_of_a_carrier_posts_an_update_on_its_part_and_sets_the_status(client_for, world, kb_action):
    response = _post(client_for("kb_staff"), kb_action, part(kb_action, world.kb), status=ActionStatus.ON_TRACK)
    assert response.status_code == 302
    update = ProgressUpdate.objects.get()
    assert (update.organisation, update.author, update.percentage) == (world.kb, world["kb_staff"], 20)
    assert update.carrier == part(kb_action, world.kb)
    assert (update.carrier.status, update.carrier.percentage) == (ActionStatus.ON_TRACK, 20)
    version = kb_action.version
    kb_action.refresh_from_db()
    assert kb_action.status == ActionStatus.ON_TRACK
    assert kb_action.version == version + 1
    assert kb_action.history.first().history_change_reason == "Voortgangsbericht"


def test_a_carrier_marking_its_part_done_does_not_finish_an_action_with_other_open_parts(world, shared_action):
    report(world["kb_staff"], shared_action, world.kb, ActionStatus.DONE)
    shared_action.refresh_from_db()
    assert part(shared_action, world.kb).status == ActionStatus.DONE
    assert part(shared_action, world.poi).status == ActionStatus.NOT_STARTED
    assert shared_action.status == ActionStatus.ON_TRACK

    report(world["poi_staff"], shared_action, world.poi, ActionStatus.CANCELLED)
    shared_action.refresh_from_db()
    assert shared_action.status == ActionStatus.DONE  # every part done or lapsed


@pytest.mark.parametrize("status", [ActionStatus.AT_RISK, ActionStatus.DELAYED])
def test_one_part_at_risk_or_delayed_puts_the_action_at_risk_or_delayed(world, shared_action, status):
    report(world["kb_staff"], shared_action, world.kb, ActionStatus.DONE)
    report(world["poi_staff"], shared_action, world.poi, status)
    shared_action.refresh_from_db()
    assert shared_action.status == status


def test_a_part_takes_the_status_of_its_latest_dated_update_and_every_update_is_kept(world, kb_action):
    today = timezone.localdate()
    report(world["kb_staff"], kb_action, world.kb, ActionStatus.AT_RISK, 40, date=today)
    # Written later about an earlier date: kept, but the part stays as its latest news says.
    report(world["kb_staff"], kb_action, world.kb, ActionStatus.ON_TRACK, 10, date=today - datetime.timedelta(days=30))
    kb_action.refresh_from_db()
    assert (part(kb_action, world.kb).status, part(kb_action, world.kb).percentage) == (ActionStatus.AT_RISK, 40)
    assert kb_action.status == ActionStatus.AT_RISK
    assert kb_action.updates.count() == 2


def test_a_new_carrier_reopens_a_done_action(world, kb_action):
    report(world["kb_staff"], kb_action, world.kb, ActionStatus.DONE)
    kb_action.refresh_from_db()
    assert kb_action.status == ActionStatus.DONE
    f.ActionCarrierFactory(action=kb_action, organisation=world.poi, status=ActionStatus.NOT_STARTED)
    kb_action.refresh_from_db()
    assert kb_action.status == ActionStatus.ON_TRACK


def test_an_update_from_a_published_report_needs_its_source(world, kb_action):
    with pytest.raises(ValidationError):
        post_progress_update(carrier=part(kb_action, world.kb), author=None, date=timezone.localdate(), text="x")
    update = post_progress_update(carrier=part(kb_action, world.kb), author=None, date=timezone.localdate(),
                                  text="Gestart.", status=ActionStatus.ON_TRACK, source="Voortgangsbericht")
    assert update.source == "Voortgangsbericht" and update.author is None


def test_the_service_refuses_a_part_the_author_does_not_speak_for(world, shared_action):
    with pytest.raises(PermissionDenied):
        report(world["kb_staff"], shared_action, world.poi, ActionStatus.DONE)


def test_update_for_an_action_the_users_organisation_does_not_carry_is_refused(client_for, world, kb_action):
    # Even with the object permission, the organisation must carry the action.
    grant_update(world["poi_staff"], kb_action)
    response = _post(client_for("poi_staff"), kb_action, part(kb_action, world.kb))
    assert response.status_code == 403
    assert not ProgressUpdate.objects.exists()


def test_update_without_the_permission_is_refused(client_for, world, kb_action):
    from guardian.shortcuts import remove_perm

    remove_perm("jaarprogramma.update_progress", world["kb_staff"], kb_action)
    response = _post(client_for("kb_staff"), kb_action, part(kb_action, world.kb))
    assert response.status_code == 403
    assert not ProgressUpdate.objects.exists()


def test_update_on_another_carriers_part_is_refused(client_for, world, shared_action):
    response = _post(client_for("kb_staff"), shared_action, part(shared_action, world.poi))
    assert response.status_code == 200
    assert "carrier" in response.context["form"].errors
    assert not ProgressUpdate.objects.exists()


def test_staff_of_a_member_of_a_collective_carrier_report_on_the_collectives_part(client_for, world):
    libraries = f.OrganisationFactory(key="de-bibliotheken", name="De bibliotheken", type=OrganisationType.OB,
                                      collective=True)
    action = f.ActionFactory(jaarprogramma=f.JaarprogrammaFactory(chapter=world.chapter))
    f.ActionCarrierFactory(action=action, organisation=libraries)
    assert _post(client_for("ob_staff"), action, part(action, libraries)).status_code == 302
    update = ProgressUpdate.objects.get()
    assert (update.organisation, update.carrier.organisation) == (world.ob, libraries)


def test_members_of_a_carrying_body_report_on_its_part(client_for, world):
    action = f.ActionFactory(jaarprogramma=f.JaarprogrammaFactory(chapter=world.chapter))
    carrier = f.ActionCarrierFactory(action=action, organisation=None, body=world.koersgroep, inferred=True)
    # The koersgroep's writer and reader are members; the other koersgroep's are not.
    assert _post(client_for("reader"), action, carrier, status=ActionStatus.ON_TRACK).status_code == 302
    update = ProgressUpdate.objects.get()
    assert (update.carrier, update.organisation) == (carrier, world.ob)  # the reader's membership is for the OB
    assert _post(client_for("other_writer"), action, carrier).status_code == 403
    action.refresh_from_db()
    assert action.status == ActionStatus.ON_TRACK


def test_a_new_member_of_a_carrying_body_may_report_at_once(world):
    from governance import services
    from jaarprogramma.access import can_report

    action = f.ActionFactory(jaarprogramma=f.JaarprogrammaFactory(chapter=world.chapter))
    f.ActionCarrierFactory(action=action, organisation=None, body=world.other_koersgroep)
    user = type(world["kb_staff"]).objects.get(pk=world["kb_staff"].pk)
    assert not can_report(user, action)
    services.add_membership(body=world.other_koersgroep, person=user.person, role=Role.MEMBER, organisation=world.kb)
    user = type(user).objects.get(pk=user.pk)
    assert can_report(user, action)


@pytest.mark.parametrize("extra, field", [
    ({"percentage": 120}, "percentage"),
    ({"date": (timezone.localdate() + datetime.timedelta(days=3)).isoformat()}, "date"),
    ({"text": ""}, "text"),
    ({"status": "onzin"}, "status"),
])
def test_invalid_update_shows_errors(client_for, world, kb_action, extra, field):
    response = _post(client_for("kb_staff"), kb_action, part(kb_action, world.kb), **extra)
    assert response.status_code == 200
    assert field in response.context["form"].errors


@pytest.mark.parametrize("persona, expected", [
    ("kb_staff", 200), ("netwerkoverleg", 200), ("poi_staff", 403), ("anonymous", 302),
])
def test_progress_page_access(client_for, world, kb_action, persona, expected):
    response = client_for(persona).get(reverse("monitoring:action_progress", args=[kb_action.pk]))
    assert response.status_code == expected


def test_netwerkoverleg_sees_the_history_without_a_form(client_for, world, kb_action):
    f.ProgressUpdateFactory(action=kb_action, organisation=world.kb, text="Plan van aanpak klaar")
    response = client_for("netwerkoverleg").get(reverse("monitoring:action_progress", args=[kb_action.pk]))
    assert response.context["form"] is None
    assert "Plan van aanpak klaar" in response.content.decode()


def test_unknown_action_is_404(client_for):
    assert client_for("netwerkoverleg").get(reverse("monitoring:action_progress", args=[999999])).status_code == 404


def test_my_actions_lists_what_the_users_organisation_carries_with_its_own_part(client_for, world, shared_action):
    other = f.ActionFactory(jaarprogramma=shared_action.jaarprogramma, title="Actie van een ander")
    f.ActionCarrierFactory(action=other, organisation=world.poi)
    report(world["kb_staff"], shared_action, world.kb, ActionStatus.DONE)
    response = client_for("kb_staff").get(reverse("monitoring:my_actions"))
    assert list(response.context["page"]) == [shared_action]
    assert response.context["page"][0].own_parts == [part(shared_action, world.kb)]
    html = response.content.decode()
    assert "Afgerond" in html and "Op schema" in html  # KB's part, and the action


def test_my_actions_lists_the_actions_of_the_users_bodies(client_for, world):
    action = f.ActionFactory(jaarprogramma=f.JaarprogrammaFactory(chapter=world.chapter))
    f.ActionCarrierFactory(action=action, organisation=None, body=world.koersgroep)
    assert list(client_for("writer").get(reverse("monitoring:my_actions")).context["page"]) == [action]


def test_my_actions_query_count_does_not_grow(client_for, world, django_assert_num_queries):
    from django.contrib.contenttypes.models import ContentType

    from jaarprogramma.models import Action
    from monitoring.models import Indicator

    programme = f.JaarprogrammaFactory(chapter=world.chapter)
    client = client_for("kb_staff")
    ContentType.objects.get_for_models(Action, Indicator)  # cached for the process in real use

    def add(n):
        for _ in range(n):
            action = f.ActionFactory(jaarprogramma=programme)
            f.ActionCarrierFactory(action=action, organisation=world.kb)
            f.ProgressUpdateFactory(action=action, organisation=world.kb, author=world["kb_staff"])
            f.IndicatorFactory(edition=world.edition, owner=world.kb)

    add(1)
    with django_assert_num_queries(15):
        client.get(reverse("monitoring:my_actions"))
    add(10)
    with django_assert_num_queries(15):
        client.get(reverse("monitoring:my_actions"))


def test_my_actions_needs_a_login(client):
    assert client.get(reverse("monitoring:my_actions")).status_code == 302


def test_the_date_field_renders_an_iso_date_for_the_date_picker(world, kb_action):
    from django.utils import translation

    from jaarprogramma.models import ActionCarrier
    from monitoring.forms import ProgressUpdateForm

    with translation.override("nl"):
        html = str(ProgressUpdateForm(parts=ActionCarrier.objects.all())["date"])
    assert f'value="{timezone.localdate().isoformat()}"' in html


def test_a_carriers_status_update_leaves_an_established_chapter_established(client_for, world, kb_action):
    from opgaven.models import ChapterStatus

    f.establish(world.chapter)
    assert _post(client_for("kb_staff"), kb_action, part(kb_action, world.kb),
                 status=ActionStatus.DONE).status_code == 302
    world.chapter.refresh_from_db()
    assert world.chapter.status == ChapterStatus.ESTABLISHED
    kb_action.refresh_from_db()
    assert kb_action.status == ActionStatus.DONE
    # The public reads the established text with the status as it is now.
    page = client_for("anonymous").get(reverse("governance:organisation_detail", args=[world.kb.key]))
    assert "Afgerond" in page.content.decode()


def test_a_refused_update_names_the_error_next_to_its_field_for_screen_readers(client_for, world, kb_action):
    response = _post(client_for("kb_staff"), kb_action, part(kb_action, world.kb), percentage=150)

    assert response.status_code == 200
    html = response.content.decode()
    field = re.search(r'<input[^>]*name="percentage"[^>]*>', html).group()
    assert 'aria-invalid="true"' in field
    described = re.search(r'aria-describedby="([^"]+)"', field).group(1).split()
    assert "id_percentage_error" in described
    assert re.search(r'<div class="errorlist" id="id_percentage_error" role="alert"><p>[^<]+</p></div>', html)
    assert ProgressUpdate.objects.count() == 0
