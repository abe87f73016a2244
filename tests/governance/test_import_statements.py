"""A participant import costs a fixed number of SQL statements, whatever the length of its file.

The upload reads and plans the file once and stores the plan; confirming applies it. Each
table gets one statement, its history rows one more, and the grants of every affected
account are re-derived at once. Timings belong in `make bench`, not here."""

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from governance.imports import stored
from governance.models import Membership, Person, Role
from tests import factories as f
from tests.governance.spreadsheets import xlsx_bytes

pytestmark = pytest.mark.django_db

HEADER = ["Naam", "Organisatie", "E-mail", "Rol", "Koersgroep"]


def membership_file(world, prefix, rows):
    """`rows` new people, a tenth of that many existing ones (with accounts) changed, and as
    many existing members of the body whom the file no longer names (their membership goes)."""
    body = f.BodyFactory(slug=f"groep-{prefix}", name=f"Groep {prefix}")
    world.chapter.koersgroepen.add(body)
    existing = []
    for i in range(rows // 10):
        user = f.UserFactory(username=f"{prefix}-bestaand-{i}")
        person = f.PersonFactory(name=f"{prefix} Bestaand {i}", email=f"{prefix}.b{i}@example.org", user=user,
                                 organisations=[world.kb])
        f.MembershipFactory(body=body, person=person, role=Role.MEMBER)
        existing.append(person)
        leaving = f.PersonFactory(name=f"{prefix} Vertrekt {i}", user=f.UserFactory(username=f"{prefix}-weg-{i}"))
        f.MembershipFactory(body=body, person=leaving)
    lines = [HEADER]
    lines += [[f"{prefix} Nieuw {i}", "KB" if i % 2 else f"Fonds {prefix} {i % 3}", f"{prefix}.n{i}@example.org",
               "lid", body.name] for i in range(rows)]
    lines += [[f"{p.name} Jr", "KB en SPN", p.email, "schrijver", body.name] for p in existing]
    return xlsx_bytes(lines), body, existing


def statements(fn):
    with CaptureQueriesContext(connection) as queries:
        result = fn()
    return result, len(queries.captured_queries)


def import_statements(world, prefix, rows):
    data, body, existing = membership_file(world, prefix, rows)
    admin = world["admin"]
    upload, planning = statements(lambda: stored.start(data=data, filename=f"{prefix}.xlsx", user=admin,
                                                      edition=world.edition))
    result, confirming = statements(lambda: stored.confirm(upload, create_organisations=True, edition=world.edition))
    assert result.saved, result.errors
    assert Person.objects.filter(name__startswith=f"{prefix} Nieuw").count() == rows
    assert Membership.objects.filter(body=body).count() == rows + len(existing)
    return planning, confirming, body, existing


def test_a_ten_times_longer_import_costs_the_same_statements(world):
    small = import_statements(world, "klein", 50)[:2]
    large = import_statements(world, "groot", 500)[:2]

    assert large == small
    assert large[0] <= 60 and large[1] <= 60, large


def test_the_bulk_import_records_history_and_grants(world):
    _planning, _confirming, body, existing = import_statements(world, "hist", 20)
    admin = world["admin"]

    new = Person.objects.get(name="hist Nieuw 1")
    record = new.history.get()
    assert (record.history_type, record.history_user, record.name) == ("+", admin, "hist Nieuw 1")
    assert "hist.xlsx" in record.history_change_reason
    assert [o.organisation.key for o in record.organisations.all()] == ["kb"]
    changed = existing[0]
    latest = changed.history.latest()
    assert (latest.history_type, latest.name) == ("~", f"{changed.name} Jr")
    assert {o.organisation.key for o in latest.organisations.all()} >= {"kb"}
    assert Membership.history.filter(body=body, history_type="-").count() == len(existing)
    assert Membership.history.filter(body=body, history_type="~", role=Role.WRITER).count() == len(existing)
    # A schrijver of a koersgroep linked to the chapter edits it, at once, through the bulk resync.
    user = type(changed.user).objects.get(pk=changed.user_id)
    assert user.has_perm("opgaven.edit_chapter_content", world.chapter)
    leaving = Person.objects.get(name="hist Vertrekt 0").user
    assert not type(leaving).objects.get(pk=leaving.pk).has_perm("opgaven.comment_chapter", world.chapter)


def test_a_stored_plan_is_planned_again_when_the_data_changed(world):
    data = xlsx_bytes([HEADER, ["Ander Mens", "KB", "ander@example.org", "", ""]])
    upload = stored.start(data=data, filename="lijst.xlsx", user=world["admin"])
    f.PersonFactory(name="Ander Mens", email="ander@example.org")

    result = stored.confirm(upload, create_organisations=True)

    assert result.replanned and not result.saved
    assert not result.plan.new and [e.name for e in result.plan.changed] == ["Ander Mens"]
    assert stored.confirm(upload, create_organisations=True).saved
    assert Person.objects.filter(email="ander@example.org").count() == 1


def test_a_stored_upload_is_read_back_from_the_database_before_it_is_confirmed(world):
    data = xlsx_bytes([HEADER, ["Nieuwe Naam", "KB", "nieuw@example.org", "", ""]])
    upload = stored.start(data=data, filename="lijst.xlsx", user=world["admin"])
    again = stored.find(world["admin"], upload.token)  # the confirmation is another request

    assert [e.name for e in stored.preview(again).plan.new] == ["Nieuwe Naam"]
    assert stored.confirm(again, create_organisations=True).saved


def test_the_cycle_collector_is_back_on_after_an_import_however_it_ends(world):
    import gc

    from governance.imports.readers import ImportFileError

    with pytest.raises(ImportFileError):
        stored.start(data=b"geen spreadsheet", filename="lijst.xlsx", user=world["admin"])
    assert gc.isenabled()
    upload = stored.start(data=xlsx_bytes([HEADER, ["Iemand", "KB", "", "", ""]]), filename="l.xlsx",
                          user=world["admin"])
    assert gc.isenabled() and stored.confirm(upload, create_organisations=True).saved and gc.isenabled()
