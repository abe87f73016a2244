"""A body's kind says what its members may do with the chapters it is linked to."""

import pytest
from django.urls import reverse

from governance import services
from governance.models import BODY_POWERS, Body, BodyKind, BodyPower, Role
from opgaven import access
from tests import factories as f

pytestmark = pytest.mark.django_db

# Teams, committees and networks linked to a chapter read and comment like advisers: only
# steering bodies' schrijvers edit.
ADVISORY = [BodyKind.REFLECTIEGROEP, BodyKind.KLANKBORDGROEP, BodyKind.KERNTEAM, BodyKind.INNOVATIERAAD,
            BodyKind.TEAM, BodyKind.COMMISSIE, BodyKind.NETWERK]


def member_of(world, kind, role, username="adviseur"):
    body = f.BodyFactory(slug=f"{kind}-a", name=f"{kind} A", kind=kind)
    world.chapter.koersgroepen.add(body)
    user = f.UserFactory(username=username)
    person = f.PersonFactory(user=user, organisations=[world.poi])
    f.MembershipFactory(body=body, person=person, role=role)
    return type(user).objects.get(pk=user.pk)


def edit_url(world):
    return reverse("opgaven:chapter_edit", args=[world.edition.slug, world.chapter.slug])


def comments_url(world):
    return reverse("opgaven:chapter_comments", args=[world.edition.slug, world.chapter.slug])


def test_every_kind_of_body_says_what_its_members_may_do(world):
    assert set(BODY_POWERS) == set(BodyKind)
    assert world.netwerkoverleg.power == BodyPower.ESTABLISHES
    assert world.koersgroep.power == BodyPower.STEERS
    assert Body(kind=BodyKind.REGIETEAM).steers
    assert all(Body(kind=kind).advises for kind in ADVISORY)
    assert list(Body.objects.establishing()) == [world.netwerkoverleg]
    assert set(Body.objects.steering()) == {world.koersgroep, world.other_koersgroep}


def test_a_schrijver_of_a_reflectiegroep_cannot_edit_but_comments(client, world):
    schrijver = member_of(world, BodyKind.REFLECTIEGROEP, Role.WRITER)
    client.force_login(schrijver)

    assert client.get(edit_url(world)).status_code == 403
    assert client.get(comments_url(world)).status_code == 200
    assert client.post(comments_url(world), {"text": "Vanuit het netwerkperspectief: …"}).status_code == 302
    assert world.chapter.comments.get().author == schrijver
    assert not schrijver.has_perm("opgaven.edit_chapter_content", world.chapter)
    assert schrijver.has_perm("opgaven.comment_chapter", world.chapter)


@pytest.mark.parametrize("kind", ADVISORY)
def test_members_of_advisory_bodies_read_and_comment_never_edit(world, kind):
    schrijver = member_of(world, kind, Role.WRITER)

    assert not access.can_edit(schrijver, world.chapter)
    assert access.can_comment(schrijver, world.chapter)
    assert access.can_view_draft(schrijver, world.chapter)
    assert not access.can_establish(schrijver, world.chapter)


@pytest.mark.parametrize("kind", [BodyKind.KOERSGROEP, BodyKind.REGIETEAM, BodyKind.STUURGROEP])
def test_the_schrijvers_of_a_steering_body_edit_and_its_other_members_comment(world, kind):
    schrijver = member_of(world, kind, Role.WRITER)
    meelezer = member_of(world, kind, Role.READER, username="meelezer")

    assert access.can_edit(schrijver, world.chapter)
    assert not access.can_edit(meelezer, world.chapter)
    assert access.can_comment(meelezer, world.chapter)


def test_the_netwerkoverleg_establishes_and_comments_but_does_not_edit(world):
    member = world["netwerkoverleg"]

    assert access.can_establish(member, world.chapter)
    assert access.can_comment(member, world.chapter)
    assert not access.can_edit(member, world.chapter)


def test_staff_without_a_membership_and_anonymous_visitors_may_do_nothing(world):
    from django.contrib.auth.models import AnonymousUser

    for user in (world["kb_staff"], world["other_writer"], AnonymousUser()):
        assert not access.can_view_draft(user, world.chapter)
        assert not access.can_comment(user, world.chapter)
        assert not access.can_edit(user, world.chapter)
    assert access.can_view_draft(world["admin"], world.chapter)


def test_a_body_that_becomes_advisory_takes_its_schrijvers_editing_away(client_for, world):
    client = client_for("admin")
    body = world.koersgroep
    response = client.post(reverse("admin:governance_body_change", args=[body.pk]), {
        "slug": body.slug, "name": body.name, "kind": BodyKind.REFLECTIEGROEP, "description": "",
        "memberships-TOTAL_FORMS": 0, "memberships-INITIAL_FORMS": 0,
        "memberships-MIN_NUM_FORMS": 0, "memberships-MAX_NUM_FORMS": 1000,
    })

    assert response.status_code == 302
    writer = type(world["writer"]).objects.get(pk=world["writer"].pk)
    assert not writer.has_perm("opgaven.edit_chapter_content", world.chapter)
    assert writer.has_perm("opgaven.comment_chapter", world.chapter)


def test_rights_follow_a_change_of_role(world):
    reader = world["reader"]
    services.change_membership(membership=reader.person.memberships.get(), role=Role.WRITER)

    assert access.can_edit(type(reader).objects.get(pk=reader.pk), world.chapter)
