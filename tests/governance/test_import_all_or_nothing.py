from django.core import mail

from governance.imports.services import import_participants
from governance.models import Membership, Organisation, OrganisationType, Person, Role
from tests import factories as f
from tests.governance.spreadsheets import csv_bytes


def run(rows, **kwargs):
    kwargs.setdefault("dry_run", False)
    return import_participants(file=csv_bytes(rows), filename="lijst.csv", **kwargs)


def test_one_invalid_row_saves_nothing_and_every_error_is_listed(kb):
    rows = [["Naam", "Organisatie", "E-mail"], ["Goed", "KB", "goed@example.org"], ["", "KB", ""],
            ["Fout", "KB", "x@"], ["Ook goed", "Nieuwe Organisatie", ""]]

    result = run(rows, create_organisations=True)

    assert not result.saved
    assert result.errors == [
        "Rij 3, kolom Naam: de naam ontbreekt.",
        "Rij 4, kolom E-mail: ‘x@’ is geen geldig e-mailadres.",
    ]
    assert not Person.objects.exists()
    assert Organisation.objects.count() == 1


def test_an_unknown_organisation_without_a_type_saves_nothing(kb):
    result = run([["Naam", "Organisatie"], ["A", "KB"], ["B", "Bibliotheek Nergens"]])

    assert not result.saved
    assert result.errors == ["Rij 3, kolom Organisatie: ‘Bibliotheek Nergens’ is een onbekende organisatie; "
                             "maak haar aan of pas het bestand aan."]
    assert not Person.objects.exists()


def test_unknown_organisations_are_created_with_their_type_in_the_same_confirmation(kb):
    result = run([["Naam", "Organisatie"], ["A", "KB en Bibliotheek Nergens"]],
                 create_organisations={"Bibliotheek Nergens": OrganisationType.OB})

    assert result.saved
    created = Organisation.objects.get(name="Bibliotheek Nergens")
    assert created.type == OrganisationType.OB and created.key == "bibliotheek-nergens"
    assert set(Person.objects.get().organisations.all()) == {kb, created}


def test_reimporting_the_same_file_changes_nothing(kb, django_assert_max_num_queries):
    rows = [["Naam", "Organisatie", "E-mail"], ["A", "KB", "a@example.org"], ["B", "KB", ""]]
    run(rows)
    history = Person.history.count()

    result = run(rows)

    assert result.saved
    assert (len(result.plan.new), len(result.plan.changed), len(result.plan.unchanged)) == (0, 0, 2)
    assert Person.history.count() == history


def test_people_are_matched_by_email_then_by_name_and_organisation(kb):
    by_email = f.PersonFactory(name="Jan Jansen", email="jan@example.org")
    by_name = f.PersonFactory(name="Anja  Oosterlaken", organisations=[kb])
    other_org = f.PersonFactory(name="Piet Puk", organisations=[f.OrganisationFactory()])

    result = run([["Naam", "Organisatie", "E-mail"], ["J. Jansen", "", "JAN@example.org"],
                  ["anja oosterlaken", "KB", ""], ["Piet Puk", "KB", ""]])

    assert result.saved
    assert [e.person.pk for e in result.plan.changed] == [by_email.pk, by_name.pk]
    assert result.plan.changed[0].changes == {"Naam": ("Jan Jansen", "J. Jansen")}
    assert [e.name for e in result.plan.new] == ["Piet Puk"]
    assert Person.objects.filter(normalised_name="piet puk").count() == 2
    assert other_org.organisations.count() == 1


def test_the_preview_shows_what_changes(kb):
    person = f.PersonFactory(name="A", email="", organisations=[kb])
    lezen = f.OrganisationFactory(name="Stichting Lezen")

    result = run([["Naam", "Organisatie", "E-mail"], ["A", "KB en Stichting Lezen", "a@example.org"]], dry_run=True)

    assert result.plan.changed[0].person == person
    assert result.plan.changed[0].changes == {
        "E-mail": ("", "a@example.org"),
        "Organisaties": ("KB", "KB, Stichting Lezen"),
    }
    assert not person.organisations.filter(pk=lezen.pk).exists()


def test_an_import_is_recorded_in_the_history_with_its_user(kb):
    admin = f.UserFactory(is_staff=True)
    person = f.PersonFactory(name="Oud", email="a@example.org")

    run([["Naam", "Organisatie", "E-mail"], ["Nieuw", "KB", "a@example.org"], ["B", "KB", ""]], user=admin)

    latest = person.history.first()
    assert (latest.history_type, latest.name, latest.history_user) == ("~", "Nieuw", admin)
    assert "lijst.csv" in latest.history_change_reason
    created = Person.objects.get(name="B").history.get()
    assert created.history_type == "+"
    assert [o.organisation for o in created.organisations.all()] == [kb]


def test_rows_with_the_same_email_but_another_name_are_an_error(kb):
    result = run([["Naam", "E-mail"], ["A", "a@example.org"], ["B", "A@example.org"]])

    assert result.errors == ["Rij 3, kolom Naam: ‘B’ heeft hetzelfde e-mailadres als ‘A’ in rij 2."]


def test_a_membership_list_adds_changes_and_removes_members(kb):
    body = f.BodyFactory(slug="koersgroep-collectie", name="Koersgroep Collectie")
    other_body = f.BodyFactory(slug="netwerkoverleg", name="Netwerkoverleg")
    stays = f.MembershipFactory(body=body, person=f.PersonFactory(name="Blijft"), role=Role.MEMBER)
    leaves = f.MembershipFactory(body=body, person=f.PersonFactory(name="Gaat"), role=Role.MEMBER)
    elsewhere = f.MembershipFactory(body=other_body, person=leaves.person)

    result = run([["Naam", "Organisatie", "Rol", "Koersgroep"], ["Blijft", "KB", "Voorzitter", "koersgroep collectie"],
                  ["Nieuw", "KB", "", "Koersgroep Collectie"]])

    assert result.saved, result.errors
    assert [(m.person_name, m.role) for m in result.plan.memberships_added] == [("Nieuw", Role.MEMBER)]
    assert [(m.person_name, m.old_role, m.role) for m in result.plan.memberships_changed] == [
        ("Blijft", Role.MEMBER, Role.CHAIR)]
    assert [m.person_name for m in result.plan.memberships_removed] == ["Gaat"]
    assert set(Membership.objects.values_list("person__name", "body__slug", "role")) == {
        ("Blijft", "koersgroep-collectie", "voorzitter"), ("Nieuw", "koersgroep-collectie", "lid"),
        ("Gaat", "netwerkoverleg", elsewhere.role)}
    assert Membership.objects.get(pk=stays.pk).organisation == kb


def test_an_unknown_body_or_role_is_an_error_with_row_and_column(kb):
    f.BodyFactory(name="Koersgroep A")

    result = run([["Naam", "Rol", "Groep"], ["A", "baas", "Koersgroep A"], ["B", "lid", "Koersgroep Z"]])

    assert result.errors == [
        "Rij 2, kolom Rol: ‘baas’ is geen geldige rol "
        "(voorzitter, secretaris, lid, schrijver, meelezer of ambassadeur).",
        "Rij 3, kolom Koersgroep: ‘Koersgroep Z’ is geen bekend gremium.",
    ]
    assert not Person.objects.exists()


def test_importing_for_an_edition_adds_its_participants(kb):
    edition = f.EditionFactory()
    known = f.PersonFactory(name="Bekend", organisations=[kb])

    result = run([["Naam", "Organisatie"], ["Bekend", "KB"], ["Nieuw", "KB"]], edition=edition)

    assert result.saved
    assert set(edition.participants.values_list("name", flat=True)) == {"Bekend", "Nieuw"}
    assert known in edition.participants.all()
    assert not run([["Naam", "Organisatie"], ["Bekend", "KB"]], edition=edition).plan.participants_added


def test_invitations_create_accounts_and_send_a_password_link(kb, django_capture_on_commit_callbacks):
    f.PersonFactory(name="Heeft account", email="heeft@example.org", user=f.UserFactory())

    with django_capture_on_commit_callbacks(execute=True):
        result = run([["Naam", "E-mail"], ["Nieuw Mens", "nieuw@example.org"], ["Heeft account", "heeft@example.org"],
                      ["Zonder mail", ""]], invite=True)

    assert result.saved
    person = Person.objects.get(email="nieuw@example.org")
    assert person.user.username == "nieuw@example.org" and not person.user.has_usable_password()
    assert [m.to for m in mail.outbox] == [["nieuw@example.org"]]
    assert "/account/reset/" in mail.outbox[0].body


def test_values_too_long_for_the_database_are_errors_not_crashes(kb):
    long_email = "a" * 60 + "@" + ".".join(["b" * 60] * 4) + ".nl"

    result = run([["Naam", "Organisatie", "E-mail"], ["x" * 201, "KB", ""], ["B", "O" * 201, long_email]],
                 create_organisations=True)

    assert [(e.row, e.column) for e in result.plan.errors] == [(2, "Naam"), (3, "E-mail"), (3, "Organisatie")]
    assert not Person.objects.exists()


def test_rows_can_be_given_instead_of_a_file(kb):
    result = import_participants(rows=[{"Naam": "A", "Organisatie": "KB"}, {"naam": "", "organisatie": ""},
                                       {" NAAM ": "B", "E-mail": "b@"}], dry_run=False)

    assert result.errors == ["Rij 4, kolom E-mail: ‘b@’ is geen geldig e-mailadres."]
