"""The participant import changes memberships, and with them rights, at once.

Its bulk writes send no signals; it re-derives the affected accounts' grants in its own
transaction, so nobody has to run `sync_permissions` afterwards."""

import io

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.core.management import call_command
from django.urls import reverse

from governance.imports.services import import_participants
from governance.models import Role
from tests import factories as f
from tests.governance.spreadsheets import csv_bytes

pytestmark = pytest.mark.django_db

HEADER = ["Naam", "Organisatie", "E-mail", "Rol", "Koersgroep"]


def member_row(world, persona, role, body="Koersgroep A"):
    person = world[persona].person
    return [person.name, person.organisations.first().name, person.email, role, body]


def fresh(user):
    return type(user).objects.get(pk=user.pk)


def edit_url(world):
    return reverse("opgaven:chapter_edit", args=[world.edition.slug, world.chapter.slug])


def run(rows):
    result = import_participants(file=csv_bytes(rows), filename="leden.csv", dry_run=False)
    assert result.saved, result.errors
    return result


def test_an_existing_account_made_schrijver_of_a_koersgroep_edits_at_once(client, world):
    kb_staff = world["kb_staff"]
    assert not kb_staff.has_perm("opgaven.edit_chapter_content", world.chapter)

    run([HEADER, member_row(world, "writer", "schrijver"), member_row(world, "reader", "meelezer"),
         member_row(world, "kb_staff", "schrijver")])

    assert fresh(kb_staff).has_perm("opgaven.edit_chapter_content", world.chapter)
    client.force_login(kb_staff)
    assert client.get(edit_url(world)).status_code == 200


def test_a_membership_removed_by_the_import_removes_the_rights(client, world):
    writer = world["writer"]
    assert writer.has_perm("opgaven.edit_chapter_content", world.chapter)

    # A membership list names everyone of the bodies it mentions: the writer is no longer in it.
    result = run([HEADER, member_row(world, "reader", "meelezer")])

    assert [item.person_name for item in result.plan.memberships_removed] == [writer.person.name]
    writer = fresh(writer)
    assert not writer.has_perm("opgaven.edit_chapter_content", world.chapter)
    assert not writer.has_perm("opgaven.comment_chapter", world.chapter)
    client.force_login(writer)
    assert client.get(edit_url(world)).status_code == 403


def test_a_new_role_from_the_import_changes_the_rights(world):
    run([HEADER, member_row(world, "writer", "meelezer"), member_row(world, "reader", "schrijver")])

    assert not fresh(world["writer"]).has_perm("opgaven.edit_chapter_content", world.chapter)
    assert fresh(world["reader"]).has_perm("opgaven.edit_chapter_content", world.chapter)


def test_a_schrijver_imported_into_a_reflectiegroep_only_comments(world):
    from governance.models import BodyKind

    reflectiegroep = f.BodyFactory(slug="reflectiegroep-x", name="Reflectiegroep X", kind=BodyKind.REFLECTIEGROEP)
    world.chapter.koersgroepen.add(reflectiegroep)

    run([HEADER, member_row(world, "kb_staff", "schrijver", body="Reflectiegroep X")])

    kb_staff = fresh(world["kb_staff"])
    assert kb_staff.person.memberships.get().role == Role.WRITER
    assert kb_staff.has_perm("opgaven.comment_chapter", world.chapter)
    assert not kb_staff.has_perm("opgaven.edit_chapter_content", world.chapter)


def test_a_new_organisation_from_the_import_brings_its_action_rights(world):
    action = f.ActionFactory(jaarprogramma=f.JaarprogrammaFactory(chapter=world.chapter))
    f.ActionCarrierFactory(action=action, organisation=world.kb)
    person = world["ob_staff"].person

    run([["Naam", "Organisatie"], [person.name, f"{world.ob.name} en {world.kb.short_name}"]])

    assert set(person.organisations.all()) == {world.ob, world.kb}
    assert fresh(world["ob_staff"]).has_perm("jaarprogramma.update_progress", action)


def test_the_upload_page_grants_on_confirmation(client_for, world):
    client = client_for("admin")
    data = csv_bytes([HEADER, member_row(world, "writer", "schrijver"), member_row(world, "reader", "meelezer"),
                      member_row(world, "kb_staff", "schrijver")])
    preview_url = client.post(reverse("governance:participant_import"),
                              {"file": SimpleUploadedFile("leden.csv", data)})["Location"]
    assert not fresh(world["kb_staff"]).has_perm("opgaven.edit_chapter_content", world.chapter)

    assert client.post(preview_url, {}).status_code == 302

    assert fresh(world["kb_staff"]).has_perm("opgaven.edit_chapter_content", world.chapter)


def test_the_import_command_grants_at_once(world, tmp_path):
    path = tmp_path / "leden.csv"
    path.write_bytes(csv_bytes([HEADER, member_row(world, "reader", "meelezer"),
                                member_row(world, "kb_staff", "schrijver")]))

    call_command("import_participants", str(path), "--no-edition", stdout=io.StringIO())

    assert fresh(world["kb_staff"]).has_perm("opgaven.edit_chapter_content", world.chapter)
    assert not fresh(world["writer"]).has_perm("opgaven.edit_chapter_content", world.chapter)


def test_an_invited_person_gets_the_rights_of_their_membership(world, django_capture_on_commit_callbacks):
    with django_capture_on_commit_callbacks(execute=True):
        result = import_participants(
            file=csv_bytes([HEADER, member_row(world, "writer", "schrijver"), member_row(world, "reader", "meelezer"),
                            ["Nieuwe Schrijver", world.kb.name, "nieuw@example.org", "schrijver", "Koersgroep A"]]),
            filename="leden.csv", dry_run=False, invite=True)

    assert result.saved and len(result.invited) == 1
    assert result.invited[0].has_perm("opgaven.edit_chapter_content", world.chapter)
