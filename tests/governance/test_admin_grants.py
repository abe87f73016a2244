"""Changes made in the Django admin move rights at once, like every other write path."""

import pytest
from django.urls import reverse

from governance.models import Membership, OrganisationType, Role
from tests import factories as f

pytestmark = pytest.mark.django_db


def fresh(user):
    return type(user).objects.get(pk=user.pk)


def test_adding_a_membership_in_the_admin_grants_editing(client_for, world):
    client = client_for("admin")
    person = world["kb_staff"].person

    response = client.post(reverse("admin:governance_membership_add"), {
        "body": world.koersgroep.pk, "person": person.pk, "role": Role.WRITER, "organisation": world.kb.pk,
    })

    assert response.status_code == 302
    assert fresh(world["kb_staff"]).has_perm("opgaven.edit_chapter_content", world.chapter)


def test_moving_a_membership_to_someone_else_moves_the_rights(client_for, world):
    membership = world["writer"].person.memberships.get()

    response = client_for("admin").post(reverse("admin:governance_membership_change", args=[membership.pk]), {
        "body": membership.body_id, "person": world["kb_staff"].person.pk, "role": Role.WRITER, "organisation": "",
    })

    assert response.status_code == 302
    assert not fresh(world["writer"]).has_perm("opgaven.edit_chapter_content", world.chapter)
    assert fresh(world["kb_staff"]).has_perm("opgaven.edit_chapter_content", world.chapter)


def test_deleting_memberships_in_the_admin_takes_the_rights_away(client_for, world):
    membership = world["writer"].person.memberships.get()

    response = client_for("admin").post(reverse("admin:governance_membership_changelist"), {
        "action": "delete_selected", "_selected_action": [membership.pk], "post": "yes",
    })

    assert response.status_code == 302
    assert not Membership.objects.filter(pk=membership.pk).exists()
    assert not fresh(world["writer"]).has_perm("opgaven.edit_chapter_content", world.chapter)


def test_a_persons_organisations_and_account_changed_in_the_admin(client_for, world):
    action = f.ActionFactory(jaarprogramma=f.JaarprogrammaFactory(chapter=world.chapter))
    f.ActionCarrierFactory(action=action, organisation=world.kb)
    person = world["ob_staff"].person
    account = f.UserFactory(username="nieuw-account")

    response = client_for("admin").post(reverse("admin:governance_person_change", args=[person.pk]), {
        "name": person.name, "email": "", "organisations": [world.kb.pk], "user": account.pk,
    })

    assert response.status_code == 302
    assert fresh(account).has_perm("jaarprogramma.update_progress", action)
    assert not fresh(world["ob_staff"]).has_perm("jaarprogramma.update_progress", action)


def test_an_organisation_that_becomes_collective_gives_its_type_the_action(client_for, world):
    libraries = f.OrganisationFactory(key="de-bibliotheken", name="De bibliotheken", type=OrganisationType.OB)
    action = f.ActionFactory(jaarprogramma=f.JaarprogrammaFactory(chapter=world.chapter))
    f.ActionCarrierFactory(action=action, organisation=libraries)
    assert not world["ob_staff"].has_perm("jaarprogramma.update_progress", action)

    response = client_for("admin").post(reverse("admin:governance_organisation_change", args=[libraries.pk]), {
        "key": libraries.key, "name": libraries.name, "short_name": "", "type": OrganisationType.OB,
        "collective": "on", "column": "", "aliases": "[]",
    })

    assert response.status_code == 302, response.context["adminform"].form.errors
    assert fresh(world["ob_staff"]).has_perm("jaarprogramma.update_progress", action)
