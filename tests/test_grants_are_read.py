"""Every permission that is granted is also checked, by the access module of its app.

The grants come from the derivers the apps register with governance.permissions and from the
group "Netwerkoverleg". For each, an access function must say yes with the grant and no
without it; a new grant without a reader makes the first test fail."""

import pytest
from django.contrib.auth.models import Permission
from guardian.shortcuts import remove_perm

from governance import permissions
from jaarprogramma import access as jaarprogramma_access
from monitoring import access as monitoring_access
from opgaven import access as opgaven_access
from tests import factories as f

pytestmark = pytest.mark.django_db


def granted_codenames():
    codenames = {codename for deriver in permissions.grant_derivers() for codename in deriver.codenames}
    return codenames | {perm.split(".", 1)[1] for perm in permissions.netwerkoverleg_permissions()}


def carried_action(world):
    action = f.ActionFactory(jaarprogramma=f.JaarprogrammaFactory(chapter=world.chapter))
    f.ActionCarrierFactory(action=action, organisation=world.kb)
    return action


def owned_indicator(world):
    return f.IndicatorFactory(edition=world.edition, owner=world.kb)


# codename: (persona holding it, the object it is on or None, the access function that reads it)
READERS = {
    "edit_chapter_content": ("writer", lambda w: w.chapter, opgaven_access.can_edit),
    "comment_chapter": ("reader", lambda w: w.chapter, opgaven_access.can_comment),
    "establish_chapter": ("netwerkoverleg", lambda w: w.chapter, opgaven_access.can_establish),
    "update_progress": ("kb_staff", carried_action, jaarprogramma_access.can_report),
    "record_measurement": ("kb_staff", owned_indicator, monitoring_access.can_record_measurement),
    "export_agenda": ("netwerkoverleg", None, lambda user, obj: opgaven_access.can_export(user)),
    "view_dashboard": ("netwerkoverleg", None, lambda user, obj: monitoring_access.can_view_dashboard(user)),
}


def test_every_granted_permission_has_a_reader():
    assert granted_codenames() == set(READERS)


@pytest.mark.parametrize("codename", sorted(READERS))
def test_the_reader_says_yes_with_the_grant_and_no_without_it(world, codename):
    persona, make, reads = READERS[codename]
    obj = make(world) if make else None
    user = type(world[persona]).objects.get(pk=world[persona].pk)
    assert reads(user, obj)

    permission = Permission.objects.get(codename=codename)
    if obj is None:
        permission.group_set.clear()
    else:
        remove_perm(f"{permission.content_type.app_label}.{codename}", user, obj)

    assert not reads(type(user).objects.get(pk=user.pk), obj)
