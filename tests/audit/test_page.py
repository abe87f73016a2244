"""/beheer/auditlog/: administrators read and filter the log; nobody edits or deletes it."""

from datetime import timedelta

import pytest
from django.contrib.auth.models import Permission
from django.urls import reverse
from django.utils import timezone

from audit.log import record
from audit.models import AppendOnlyError, AuditEntry, Kind
from tests import factories as f

pytestmark = pytest.mark.django_db

URL = reverse("audit:log")


@pytest.fixture
def log(world):
    """A quiet log with four entries on known days."""
    AuditEntry.objects.all().delete()
    now = timezone.now()
    made = [
        record(Kind.SIGNED_IN, "Aangemeld", actor=world["writer"]),
        record(Kind.SIGNIN_FAILED, "Aanmelding mislukt als ‘onbekend’", actor=None, target="onbekend"),
        record(Kind.MEMBERSHIP, "Piet Puk lid van Koersgroep A als schrijver", actor=world["admin"],
               target="Piet Puk"),
        record(Kind.EXPORT, "Bestand gedownload: deelnemers.csv", actor=world["admin"]),
    ]
    for days, entry in zip([1, 3, 10, 30], made, strict=True):
        AuditEntry.objects.filter(pk=entry.pk).update(at=now - timedelta(days=days))
    return world


def shown(response):
    assert response.status_code == 200
    return {entry.description for entry in response.context["page"].object_list}


@pytest.mark.parametrize("persona", ["anonymous", "writer", "kb_staff", "netwerkoverleg"])
def test_only_administrators_read_it(log, client_for, persona):
    response = client_for(persona).get(URL)

    assert response.status_code == (302 if persona == "anonymous" else 403)
    assert "Piet Puk" not in response.content.decode()


def test_staff_need_the_permission_to_view_it(log, client):
    staff = f.UserFactory(username="medewerker", is_staff=True)
    client.force_login(staff)
    assert client.get(URL).status_code == 403

    staff.user_permissions.add(Permission.objects.get(codename="view_auditentry"))
    assert client.get(URL).status_code == 200


def test_the_page_lists_everything_newest_first_in_dutch(log, client_for):
    response = client_for("admin").get(URL)
    page = response.content.decode()

    # The administrator's own sign-in (the test client's) comes first.
    assert [e.kind for e in response.context["page"].object_list] == [
        Kind.SIGNED_IN, Kind.SIGNED_IN, Kind.SIGNIN_FAILED, Kind.MEMBERSHIP, Kind.EXPORT]
    assert "<h1>Auditlog</h1>" in page and "5 regels" in page and "Aanmelding mislukt" in page
    assert "het portaal" in page  # an entry nobody in particular made


@pytest.mark.parametrize(("query", "expected"), [
    ({"soort": Kind.MEMBERSHIP}, {"Piet Puk lid van Koersgroep A als schrijver"}),
    ({"persoon": "piet puk"}, {"Piet Puk lid van Koersgroep A als schrijver"}),  # who it was about
    ({"persoon": "writer"}, {"Aangemeld"}),  # who did it
    ({"persoon": "onbekend"}, {"Aanmelding mislukt als ‘onbekend’"}),
    ({"van": "ISO-5", "tot": "ISO-2"}, {"Aanmelding mislukt als ‘onbekend’"}),
    ({"tot": "ISO-20"}, {"Bestand gedownload: deelnemers.csv"}),
    ({"soort": Kind.EXPORT, "persoon": "admin", "van": "ISO-40"}, {"Bestand gedownload: deelnemers.csv"}),
])
def test_it_filters_by_kind_person_and_dates(log, client_for, query, expected):
    today = timezone.localdate()
    query = {key: (today - timedelta(days=int(value[4:]))).isoformat() if value.startswith("ISO-") else value
             for key, value in query.items()}

    assert shown(client_for("admin").get(URL, query)) == expected


def test_a_reversed_date_range_says_so_in_dutch(log, client_for):
    response = client_for("admin").get(URL, {"van": "2026-05-02", "tot": "2026-05-01"})

    assert shown(response) == set()
    assert "De einddatum ligt vóór de begindatum." in response.content.decode()


def test_pages_keep_the_filters_and_the_query_count_stays_flat(world, client_for, django_assert_max_num_queries):
    AuditEntry.objects.all().delete()
    for n in range(120):
        record(Kind.EXPORT, f"Bestand gedownload: {n}.csv", actor=world["admin"])
    client = client_for("admin")

    with django_assert_max_num_queries(8):
        response = client.get(URL, {"soort": Kind.EXPORT, "pagina": 2})

    assert len(response.context["page"].object_list) == 50
    assert 'href="?soort=export&amp;pagina=3"' in response.content.decode()


def test_the_admin_lists_it_read_only_and_leads_to_the_page(log, client_for):
    client = client_for("admin")  # a superuser
    entry, count = AuditEntry.objects.last(), AuditEntry.objects.count()

    assert client.get(reverse("admin:audit_auditentry_changelist"))["Location"] == URL
    assert client.get(reverse("admin:audit_auditentry_add")).status_code == 403
    assert client.post(reverse("admin:audit_auditentry_change", args=[entry.pk]),
                       {"description": "Anders"}).status_code == 403
    assert client.post(reverse("admin:audit_auditentry_delete", args=[entry.pk]), {"post": "yes"}).status_code == 403
    response = client.post(reverse("admin:audit_auditentry_changelist"),
                           {"action": "delete_selected", "_selected_action": [entry.pk], "post": "yes"})
    assert response.status_code in (302, 403)
    entry.refresh_from_db()
    assert entry.description != "Anders" and AuditEntry.objects.count() == count


def test_an_entry_cannot_be_changed_or_deleted_through_the_orm_either(log):
    entry = AuditEntry.objects.first()
    entry.description = "Anders"

    with pytest.raises(AppendOnlyError):
        entry.save()
    with pytest.raises(AppendOnlyError):
        entry.delete()
    assert AuditEntry.objects.get(pk=entry.pk).description != "Anders"
