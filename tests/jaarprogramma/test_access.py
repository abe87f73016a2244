"""Who reports on an action: staff of a carrying organisation, collectives included."""

import pytest
from guardian.shortcuts import assign_perm

from governance.models import OrganisationType
from jaarprogramma import access
from tests import factories as f

pytestmark = pytest.mark.django_db


@pytest.fixture
def programme(world):
    return f.JaarprogrammaFactory(chapter=world.chapter)


def carried(programme, *organisations):
    action = f.ActionFactory(jaarprogramma=programme)
    for organisation in organisations:
        f.ActionCarrierFactory(action=action, organisation=organisation)
    return action


def test_staff_of_a_carrier_report_for_their_own_organisation(world, programme):
    action = carried(programme, world.kb, world.poi)

    assert access.can_report(world["kb_staff"], action)
    assert list(access.organisations_reporting_for(world["kb_staff"], action)) == [world.kb]
    assert not access.can_report(world["ob_staff"], action)
    assert not access.organisations_reporting_for(world["ob_staff"], action).exists()


@pytest.mark.parametrize("org_type, persona, outsider", [
    (OrganisationType.OB, "ob_staff", "kb_staff"),  # "lokale bibliotheken"
    (OrganisationType.POI, "poi_staff", "ob_staff"),  # "POI's"
])
def test_a_collective_carrier_lets_every_organisation_of_its_type_report(world, programme, org_type, persona,
                                                                        outsider):
    collective = f.OrganisationFactory(key=f"alle-{org_type}", type=org_type, collective=True)
    action = carried(programme, collective)

    assert access.can_report(world[persona], action)
    assert list(access.organisations_reporting_for(world[persona], action)) == list(
        world[persona].person.organisations.all())
    assert not access.can_report(world[outsider], action)


def test_a_stray_grant_without_a_carrying_organisation_does_not_let_anyone_report(world, programme):
    action = carried(programme, world.kb)
    assign_perm("jaarprogramma.update_progress", world["ob_staff"], action)

    assert not access.can_report(world["ob_staff"], action)


def test_reporting_reads_the_grant(world, programme):
    from guardian.shortcuts import remove_perm

    action = carried(programme, world.kb)
    remove_perm("jaarprogramma.update_progress", world["kb_staff"], action)

    assert not access.can_report(world["kb_staff"], action)


def test_superusers_report_for_any_carrier_and_nobody_anonymous(world, programme):
    from django.contrib.auth.models import AnonymousUser

    action = carried(programme, world.kb, world.poi)

    assert set(access.organisations_reporting_for(world["admin"], action)) == {world.kb, world.poi}
    assert not access.can_report(AnonymousUser(), action)


def test_the_actions_a_user_may_report_on(world, programme):
    libraries = f.OrganisationFactory(key="lokale-bibliotheken", type=OrganisationType.OB, collective=True)
    own, collective, other = carried(programme, world.kb), carried(programme, libraries), carried(programme, world.poi)

    assert list(access.actions_reportable_for(world["kb_staff"])) == [own]
    assert list(access.actions_reportable_for(world["ob_staff"])) == [collective]
    assert set(access.actions_reportable_for(world["admin"])) == {own, collective, other}
    assert not access.actions_reportable_for(world["advisor"]).exists()  # Stichting Lezen carries none


def test_members_of_a_carrying_body_report_for_its_part_only(world, programme):
    action = carried(programme, world.kb)
    body_part = f.ActionCarrierFactory(action=action, organisation=None, body=world.koersgroep)

    assert access.can_report(world["reader"], action)  # a member of the koersgroep
    assert list(access.parts_reportable_for(world["reader"], action)) == [body_part]
    assert access.reporting_organisation(world["reader"], body_part) == world.ob  # her membership's
    assert not access.can_report(world["other_reader"], action)
    assert set(access.parts_reportable_for(world["kb_staff"], action)) == {action.carriers.get(organisation=world.kb)}
    assert set(access.actions_reportable_for(world["writer"])) == {action}


def test_the_body_grant_goes_when_the_body_stops_carrying(world, programme):
    action = carried(programme, world.kb)
    body_part = f.ActionCarrierFactory(action=action, organisation=None, body=world.koersgroep)
    assert access.can_report(type(world["writer"]).objects.get(pk=world["writer"].pk), action)
    body_part.delete()
    assert not access.can_report(type(world["writer"]).objects.get(pk=world["writer"].pk), action)
