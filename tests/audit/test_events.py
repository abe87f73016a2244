"""Each kind of event writes one entry saying who, when and from where."""

from datetime import timedelta

import pytest
from django.contrib.auth.models import Group
from django.test import Client
from django.urls import reverse
from django.utils import timezone

from audit.log import name_of
from audit.models import AuditEntry, Kind
from governance import services
from governance.imports.services import import_participants
from governance.models import Role
from netwerkagenda.accounts.middleware import SESSION_KEY
from opgaven import signoff
from opgaven.models import ExportStatus
from opgaven.pdf import services as pdf_services
from tests import factories as f
from tests.accounts.helpers import set_up_app, totp_code
from tests.accounts.webauthn import HOST, add_key
from tests.opgaven.builders import build_agenda

pytestmark = pytest.mark.django_db

PASSWORD = "correct horse battery"
PROXY = "10.0.0.2"


def entries(kind):
    return list(AuditEntry.objects.filter(kind=kind).order_by("pk"))


def only(kind):
    found = entries(kind)
    assert len(found) == 1, [e.description for e in found]
    return found[0]


def recent(entry):
    return timezone.now() - entry.at < timedelta(minutes=1)


def sign_in(password, address="203.0.113.9", **headers):
    return Client().post(reverse("login"), {"username": "writer", "password": password}, REMOTE_ADDR=address,
                         HTTP_USER_AGENT="Firefox/140.0", **headers)


def test_a_sign_in_says_who_when_from_which_address_and_browser(world):
    assert sign_in(PASSWORD).status_code == 302

    entry = only(Kind.SIGNED_IN)
    assert entry.actor == world["writer"] and "writer" in entry.actor_name
    assert entry.ip_address == "203.0.113.9" and entry.user_agent == "Firefox/140.0" and recent(entry)


def test_a_failed_sign_in_names_the_account_tried_and_the_address_behind_the_trusted_proxy(world, settings):
    settings.TRUSTED_PROXY_COUNT = 1
    # The client wrote the first address itself; the proxy appended the one it saw.
    sign_in("fout wachtwoord", address=PROXY, HTTP_X_FORWARDED_FOR="198.51.100.66, 203.0.113.7")

    entry = only(Kind.SIGNIN_FAILED)
    assert entry.actor is None and entry.target == "writer" and "‘writer’" in entry.description
    assert entry.ip_address == "203.0.113.7" and recent(entry)


def test_without_trusted_proxies_the_forwarded_header_is_ignored(world, settings):
    settings.TRUSTED_PROXY_COUNT = 0
    sign_in("fout wachtwoord", address=PROXY, HTTP_X_FORWARDED_FOR="203.0.113.7")

    assert only(Kind.SIGNIN_FAILED).ip_address == PROXY


def second_step(user, address="203.0.113.9"):
    """A browser past the password of `user`, at the second step."""
    browser = Client(HTTP_HOST=HOST, REMOTE_ADDR=address, HTTP_USER_AGENT="Firefox/140.0")
    browser.post(reverse("login"), {"username": user.username, "password": PASSWORD})
    return browser


def test_a_wrong_code_at_the_second_step_is_a_failed_sign_in(world):
    set_up_app(world["writer"])
    browser = second_step(world["writer"])
    assert entries(Kind.SIGNIN_FAILED) == []  # the password was right
    browser.post(reverse("mfa_authenticate"), {"code": "000000"})

    entry = only(Kind.SIGNIN_FAILED)
    assert entry.actor is None and entry.target == "writer"
    assert entry.description == "Aanmelding mislukt als ‘writer’: onjuiste code bij de tweede stap"
    assert entry.ip_address == "203.0.113.9" and entry.user_agent == "Firefox/140.0" and recent(entry)
    assert entry.details == {"tweede_stap": "code", "wachttijd": False, "opnieuw_bevestigen": False}

    browser.post(reverse("mfa_authenticate"), {"code": totp_code()})
    assert len(entries(Kind.SIGNIN_FAILED)) == 1 and only(Kind.SIGNED_IN).actor == world["writer"]


def test_a_used_recovery_code_is_a_failed_sign_in_once(world):
    codes = set_up_app(world["writer"])
    second_step(world["writer"]).post(reverse("mfa_authenticate"), {"code": codes[0]})
    second_step(world["writer"]).post(reverse("mfa_authenticate"), {"code": codes[0]})
    assert "onjuiste code" in only(Kind.SIGNIN_FAILED).description


def test_a_security_key_the_portal_does_not_accept_is_a_failed_sign_in(world):
    key = add_key(world["writer"])
    browser = second_step(world["writer"], address="198.51.100.4")
    page = browser.get(reverse("mfa_authenticate"))
    browser.post(reverse("mfa_authenticate"), {"credential": key.sign(page.context["js_data"]["request_options"],
                                                                     tamper=True)})

    entry = only(Kind.SIGNIN_FAILED)
    assert entry.description == "Aanmelding mislukt als ‘writer’: beveiligingssleutel niet aanvaard bij de tweede stap"
    assert entry.target == "writer" and entry.ip_address == "198.51.100.4"
    assert entry.details["tweede_stap"] == "beveiligingssleutel"
    assert entries(Kind.SIGNED_IN) == []


def test_attempts_refused_after_too_many_wrong_codes_are_logged_as_refused(world):
    set_up_app(world["writer"])
    browser = second_step(world["writer"])
    for _ in range(6):
        browser.post(reverse("mfa_authenticate"), {"code": "000000"})

    failed = entries(Kind.SIGNIN_FAILED)
    assert len(failed) == 6  # one per attempt, never two
    assert [entry.details["wachttijd"] for entry in failed] == [False] * 5 + [True]
    assert failed[-1].description.endswith("(geweigerd: te veel onjuiste pogingen)")


def test_a_wrong_code_when_confirming_the_second_step_again_is_logged(world):
    set_up_app(world["admin"])
    browser = Client(REMOTE_ADDR="203.0.113.9")
    browser.force_login(world["admin"])
    session = browser.session
    del session[SESSION_KEY]
    session.save()
    browser.post(reverse("mfa_reauthenticate"), {"code": "000000"})

    entry = only(Kind.SIGNIN_FAILED)
    assert entry.description == ("Aanmelding mislukt als ‘admin’: onjuiste code bij het opnieuw bevestigen van de "
                                 "tweede stap")
    assert entry.details["opnieuw_bevestigen"] is True


def test_signing_out_is_logged(world, client):
    client.post(reverse("login"), {"username": "writer", "password": PASSWORD})
    client.post(reverse("logout"))

    entry = only(Kind.SIGNED_OUT)
    assert entry.actor == world["writer"] and entry.ip_address == "127.0.0.1"


def test_a_membership_added_in_the_admin_names_the_administrator_and_their_address(world, client_for):
    person = f.PersonFactory(name="Nieuwe Schrijver")
    AuditEntry.objects.all().delete()
    response = client_for("admin").post(reverse("admin:governance_membership_add"), {
        "body": world.koersgroep.pk, "person": person.pk, "role": Role.WRITER, "organisation": ""},
        REMOTE_ADDR="192.0.2.44")
    assert response.status_code == 302

    entry = only(Kind.MEMBERSHIP)
    assert entry.actor == world["admin"] and entry.ip_address == "192.0.2.44"
    assert entry.description == "Nieuwe Schrijver lid van Koersgroep A als schrijver"
    assert entry.target == "Nieuwe Schrijver"


def test_a_changed_role_and_a_removed_membership_are_logged(world):
    membership = world["reader"].person.memberships.get()
    AuditEntry.objects.all().delete()

    services.change_membership(membership=membership, role=Role.WRITER)
    services.remove_membership(membership=membership)

    changed, removed = entries(Kind.MEMBERSHIP)
    assert "rol Meelezer → Schrijver" in changed.description
    assert removed.description.endswith("geen lid meer van Koersgroep A")
    assert changed.actor is None and changed.actor_name == ""  # no request: the portal itself


def test_grants_that_follow_a_membership_are_logged_for_the_account(world):
    person = world["kb_staff"].person
    AuditEntry.objects.all().delete()

    services.add_membership(body=world.koersgroep, person=person, role=Role.WRITER)

    rights = only(Kind.RIGHTS)
    assert rights.description == f"Afgeleide rechten van {name_of(world['kb_staff'])}: 2 erbij"
    assert rights.target == name_of(world["kb_staff"]) and " (kb)" in rights.target
    assert any("Onderdeel A" in grant for grant in rights.details["erbij"])


def test_joining_the_netwerkoverleg_puts_the_account_in_its_group_once(world):
    person = world["kb_staff"].person
    AuditEntry.objects.all().delete()

    services.add_membership(body=world.netwerkoverleg, person=person)

    group_entries = [e for e in entries(Kind.RIGHTS) if "groep Netwerkoverleg erbij" in e.description]
    assert len(group_entries) == 1
    # Re-deriving removes the group from accounts that never had it: nothing happened, nothing logged.
    AuditEntry.objects.all().delete()
    services.resync_people(people=[world["writer"].person])
    assert not entries(Kind.RIGHTS)


def test_staff_superuser_group_and_permission_changes_are_logged(world):
    user = world["ob_staff"]
    group = Group.objects.create(name="Redactie")
    AuditEntry.objects.all().delete()

    user.is_staff = True
    user.save()
    user.groups.add(group)
    user.groups.remove(group)
    group.permissions.add(*group.permissions.model.objects.filter(codename="view_person"))

    descriptions = [e.description for e in entries(Kind.RIGHTS)]
    account = f"Account {name_of(user)}"
    assert descriptions == [
        f"{account}: beheerder",
        f"{account}: groep Redactie erbij",
        f"{account}: groep Redactie eraf",
        "Groep Redactie: recht governance.view_person erbij",
    ]


def test_a_participant_import_is_logged_with_its_counts(world):
    rows = [{"Naam": "Nieuw Mens", "Organisatie": "KB", "E-mail": "nieuw@example.org"}]
    import_participants(rows=rows, dry_run=True, user=world["admin"])
    assert not entries(Kind.IMPORT)  # a preview changes nothing

    import_participants(rows=rows, filename="lijst.csv", edition=world.edition, dry_run=False, user=world["admin"])

    entry = only(Kind.IMPORT)
    assert entry.actor == world["admin"]
    assert entry.description.startswith("Deelnemerslijst geïmporteerd (lijst.csv): 1 nieuw")
    assert entry.details["nieuw"] == 1


def test_a_pdf_export_is_logged_when_asked_and_when_done(world, client_for, django_capture_on_commit_callbacks):
    build_agenda(world.edition, chapters=1, first_number=5)
    client = client_for("admin")
    with django_capture_on_commit_callbacks(execute=True):
        client.post(reverse("opgaven:export_list"), {"edition": world.edition.pk, "year": 2021, "chapter": ""},
                    REMOTE_ADDR="192.0.2.80")

    asked, done = entries(Kind.EXPORT)
    assert asked.description.startswith("PDF-export aangevraagd: Netwerkagenda") and asked.ip_address == "192.0.2.80"
    assert done.description.startswith("PDF-export klaar") and done.actor == world["admin"]


def test_a_failed_pdf_export_is_logged(world):
    job = pdf_services.ExportJob.objects.create(edition=world.edition, year=2021, requested_by=world["admin"])
    pdf_services._fail(job.pk, "Kapot.")

    entry = only(Kind.EXPORT)
    assert entry.description.startswith("PDF-export mislukt (Kapot.)")
    assert entry.details["status"] == ExportStatus.FAILED


def test_exports_the_portal_makes_itself_are_not_anyones(world):
    pdf_services.ExportJob.objects.create(edition=world.edition, year=2021)
    pdf_services._fail(pdf_services.ExportJob.objects.get().pk, "Kapot.")

    assert not entries(Kind.EXPORT)


def test_a_download_by_a_signed_in_account_is_logged_and_an_anonymous_one_not(world, client_for):
    response = client_for("admin").get(reverse("governance:participant_export", args=["csv"]), REMOTE_ADDR="192.0.2.5")
    assert response.status_code == 200

    entry = only(Kind.EXPORT)
    assert entry.description == "Bestand gedownload: deelnemers.csv"
    assert entry.actor == world["admin"] and entry.ip_address == "192.0.2.5"

    client_for("anonymous").get(reverse("monitoring:public_actions", args=["csv"]))
    assert len(entries(Kind.EXPORT)) == 1


def test_each_step_of_the_route_and_the_establishment_are_logged(world, signoff_route):
    f.AmbitionFactory(chapter=world.chapter, text="Eerste ambitie.")
    AuditEntry.objects.all().delete()
    for step, who in [("Koersgroep biedt het onderdeel aan", world["writer"]),
                      ("Feedbackronde afgerond", world["writer"]),
                      ("Netwerkoverleg stelt vast", world["netwerkoverleg"])]:
        signoff.take_step(subject=world.chapter, step=signoff_route[step], user=who)

    offered, feedback, establish = entries(Kind.DECISION)
    assert offered.description == "Koersgroep biedt het onderdeel aan: aangenomen – Onderdeel A"
    assert offered.actor == world["writer"] and establish.actor == world["netwerkoverleg"]
    established = only(Kind.ESTABLISHED)
    assert established.description.startswith("Onderdeel A (")
    assert established.details["versie"] == establish.details["versie"]


def test_a_step_that_sends_the_text_back_gives_its_reasons(world, signoff_route):
    f.AmbitionFactory(chapter=world.chapter, text="Eerste ambitie.")
    signoff.take_step(subject=world.chapter, step=signoff_route["Koersgroep biedt het onderdeel aan"],
                      user=world["writer"])
    signoff.take_step(subject=world.chapter, step=signoff_route["Feedbackronde afgerond"], user=world["writer"],
                      outcome="teruggestuurd", reasons="Ambitie 1 is te vaag.")

    assert entries(Kind.DECISION)[-1].description.endswith("teruggestuurd – Onderdeel A (reden: Ambitie 1 is te vaag.)")


def test_a_change_that_rolls_back_leaves_no_entry(world):
    from django.db import transaction

    person = world["kb_staff"].person
    AuditEntry.objects.all().delete()
    with pytest.raises(RuntimeError), transaction.atomic():
        services.add_membership(body=world.koersgroep, person=person)
        raise RuntimeError
    assert not AuditEntry.objects.exists()
