import pytest
from django.contrib.contenttypes.models import ContentType
from django.core.management import call_command
from guardian.core import ObjectPermissionChecker

from governance import services
from governance.models import OrganisationType, Role
from jaarprogramma.models import ActionUserObjectPermission
from opgaven.models import Chapter, ChapterUserObjectPermission
from tests import factories as f

pytestmark = pytest.mark.django_db


def test_writer_edits_and_comments_on_the_chapter_their_koersgroep_steers(world):
    writer = world["writer"]
    assert writer.has_perm("opgaven.edit_chapter_content", world.chapter)
    assert writer.has_perm("opgaven.comment_chapter", world.chapter)
    assert not writer.has_perm("opgaven.edit_chapter_content", world.other_chapter)
    assert not writer.has_perm("opgaven.establish_chapter", world.chapter)


def test_reader_comments_but_does_not_edit(world):
    reader = world["reader"]
    assert reader.has_perm("opgaven.comment_chapter", world.chapter)
    assert not reader.has_perm("opgaven.edit_chapter_content", world.chapter)


def test_netwerkoverleg_establishes_every_chapter_and_exports(world):
    member = world["netwerkoverleg"]
    for chapter in (world.chapter, world.other_chapter):
        assert member.has_perm("opgaven.establish_chapter", chapter)
        assert not member.has_perm("opgaven.edit_chapter_content", chapter)
    assert member.has_perm("opgaven.export_agenda")
    assert not world["writer"].has_perm("opgaven.export_agenda")


def test_netwerkoverleg_may_establish_a_chapter_created_later(world):
    chapter = f.ChapterFactory(edition=world.edition)
    assert world["netwerkoverleg"].has_perm("opgaven.establish_chapter", chapter)


def test_staff_of_a_carrier_update_the_actions_progress(world):
    action = f.ActionFactory(jaarprogramma=f.JaarprogrammaFactory(chapter=world.chapter))
    f.ActionCarrierFactory(action=action, organisation=world.kb)
    assert world["kb_staff"].has_perm("jaarprogramma.update_progress", action)
    assert not world["poi_staff"].has_perm("jaarprogramma.update_progress", action)


def test_a_collective_carrier_gives_every_organisation_of_its_type_the_grant(world):
    action = f.ActionFactory(jaarprogramma=f.JaarprogrammaFactory(chapter=world.chapter))
    libraries = f.OrganisationFactory(key="de-bibliotheken", type=OrganisationType.OB, collective=True)
    f.ActionCarrierFactory(action=action, organisation=libraries)
    assert world["ob_staff"].has_perm("jaarprogramma.update_progress", action)
    assert not world["kb_staff"].has_perm("jaarprogramma.update_progress", action)


def test_removing_a_carrier_removes_the_grant(world):
    action = f.ActionFactory(jaarprogramma=f.JaarprogrammaFactory(chapter=world.chapter))
    carrier = f.ActionCarrierFactory(action=action, organisation=world.kb)
    carrier.delete()
    assert not ActionUserObjectPermission.objects.filter(user=world["kb_staff"]).exists()


def test_leaving_the_koersgroep_leaves_no_grant_behind(world):
    writer = world["writer"]
    services.remove_membership(membership=writer.person.memberships.get())
    assert not ChapterUserObjectPermission.objects.filter(user=writer).exists()
    writer.refresh_from_db()
    assert not writer.has_perm("opgaven.edit_chapter_content", world.chapter)


def test_becoming_a_writer_grants_editing(world):
    reader = world["reader"]
    services.change_membership(membership=reader.person.memberships.get(), role=Role.WRITER)
    reader.refresh_from_db()
    assert reader.has_perm("opgaven.edit_chapter_content", world.chapter)


def test_a_koersgroep_taking_on_a_chapter_grants_its_writers(world):
    world.other_chapter.koersgroepen.add(world.koersgroep)
    assert world["writer"].has_perm("opgaven.edit_chapter_content", world.other_chapter)
    world.other_chapter.koersgroepen.clear()
    writer = type(world["writer"]).objects.get(pk=world["writer"].pk)
    assert not writer.has_perm("opgaven.edit_chapter_content", world.other_chapter)


def test_changing_someones_organisations_moves_their_action_grants(world):
    action = f.ActionFactory(jaarprogramma=f.JaarprogrammaFactory(chapter=world.chapter))
    f.ActionCarrierFactory(action=action, organisation=world.kb)
    person = world["ob_staff"].person
    services.add_person_organisations(person=person, organisations=[world.kb])
    assert ActionUserObjectPermission.objects.filter(user=world["ob_staff"], content_object=action).exists()
    services.remove_person_organisations(person=person, organisations=[world.kb])
    assert not ActionUserObjectPermission.objects.filter(user=world["ob_staff"], content_object=action).exists()


def test_sync_permissions_command_restores_deleted_grants(world):
    ChapterUserObjectPermission.objects.all().delete()
    call_command("sync_permissions", verbosity=0)
    assert ChapterUserObjectPermission.objects.filter(user=world["writer"], content_object=world.chapter).exists()


def test_checking_many_chapters_costs_a_fixed_number_of_queries(world, django_assert_num_queries):
    for _ in range(5):
        chapter = f.ChapterFactory(edition=world.edition)
        chapter.koersgroepen.add(world.koersgroep)
    chapters = list(world.edition.chapters.all())
    writer = type(world["writer"]).objects.get(pk=world["writer"].pk)
    ContentType.objects.get_for_model(Chapter)  # cached for the process in real use
    with django_assert_num_queries(2):
        checker = ObjectPermissionChecker(writer)
        checker.prefetch_perms(chapters)
        editable = [c for c in chapters if checker.has_perm("edit_chapter_content", c)]
    assert len(editable) == 6


def test_demo_accounts_on_the_real_agenda_get_their_grants(agenda):
    from governance.models import User

    call_command("load_demo_accounts", "--force", verbosity=0)
    writer = User.objects.get(username="schrijver")
    steered = list(agenda.chapters.filter(koersgroepen__slug="koersgroep-geletterde-samenleving"))
    assert steered
    assert all(writer.has_perm("opgaven.edit_chapter_content", c) for c in steered)
    others = agenda.chapters.exclude(pk__in=[c.pk for c in steered])
    assert not any(writer.has_perm("opgaven.edit_chapter_content", c) for c in others)
    overleg = User.objects.get(username="netwerkoverleg")
    assert all(overleg.has_perm("opgaven.establish_chapter", c) for c in agenda.chapters.all())
    kb = User.objects.get(username="kb")
    from jaarprogramma.models import Action

    carried = Action.objects.carried_by(kb.person.organisations.all())
    assert carried.exists()
    assert all(kb.has_perm("jaarprogramma.update_progress", a) for a in carried[:5])


def test_admin_manages_object_permissions_of_a_chapter(client_for, world):
    from django.urls import reverse

    client = client_for("admin")
    chapter_page = client.get(reverse("admin:opgaven_chapter_change", args=[world.chapter.pk]))
    assert chapter_page.status_code == 200
    response = client.get(reverse("admin:opgaven_chapter_permissions", args=[world.chapter.pk]))
    assert response.status_code == 200
    assert "writer" in response.content.decode()


def test_removing_a_person_removes_their_accounts_grants(world):
    action = f.ActionFactory(jaarprogramma=f.JaarprogrammaFactory(chapter=world.chapter))
    f.ActionCarrierFactory(action=action, organisation=world.poi)
    writer = world["writer"]
    assert ActionUserObjectPermission.objects.filter(user=writer).exists()
    services.delete_person(person=writer.person)
    assert not ActionUserObjectPermission.objects.filter(user=writer).exists()
    assert not ChapterUserObjectPermission.objects.filter(user=writer).exists()


def test_checking_progress_rights_on_many_actions_costs_a_fixed_number_of_queries(world, django_assert_num_queries):
    from jaarprogramma.models import Action

    programme = f.JaarprogrammaFactory(chapter=world.chapter)
    for index in range(6):
        action = f.ActionFactory(jaarprogramma=programme)
        if index % 2:
            f.ActionCarrierFactory(action=action, organisation=world.kb)
    actions = list(Action.objects.all())
    kb_staff = type(world["kb_staff"]).objects.get(pk=world["kb_staff"].pk)
    ContentType.objects.get_for_model(Action)
    with django_assert_num_queries(2):
        checker = ObjectPermissionChecker(kb_staff)
        checker.prefetch_perms(actions)
        allowed = [a for a in actions if checker.has_perm("update_progress", a)]
    assert len(allowed) == 3
