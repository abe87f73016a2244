"""Organisations, staff accounts, participants and the grants they hold."""

import datetime
from dataclasses import dataclass, field

from django.contrib.auth import get_user_model
from django.contrib.auth.hashers import make_password
from django.contrib.auth.models import Permission
from django.utils import timezone

from governance.models import Organisation, OrganisationType, Person, normalise_name
from jaarprogramma.access import UPDATE_PROGRESS
from jaarprogramma.models import ActionCarrier, ActionUserObjectPermission
from opgaven.models import Edition

from .bulk import BATCH

PREFIX = "netwerk-"
# How the staff divide over the kinds of organisation: the KB is large, every library small.
SHARES = {OrganisationType.KB: 0.15, OrganisationType.SPN: 0.01, OrganisationType.VOB: 0.015,
          OrganisationType.POI: 0.18}
PROVINCES = ["Groningen", "Fryslân", "Drenthe", "Overijssel", "Flevoland", "Gelderland", "Utrecht", "Noord-Holland",
             "Zuid-Holland", "Zeeland", "Noord-Brabant", "Limburg"]
CREATED = timezone.make_aware(datetime.datetime(2020, 11, 2, 9, 0))


@dataclass
class Staff:
    """Who works where: {organisation id: [user ids]}, with the people and users made."""

    by_organisation: dict = field(default_factory=dict)
    person_of_user: dict = field(default_factory=dict)
    organisation_of_user: dict = field(default_factory=dict)
    organisations: dict = field(default_factory=dict)  # id -> Organisation (all, real ones included)
    new_organisations: list = field(default_factory=list)
    new_people: list = field(default_factory=list)  # staff and participants, for their history

    @property
    def user_ids(self):
        return list(self.person_of_user)

    def author(self, organisation_id, n):
        users = self.by_organisation.get(organisation_id)
        return users[n % len(users)] if users else None


def seed_organisations_and_staff(size, rng, counts):
    real = list(Organisation.objects.all())
    new = []
    libraries = [o for o in real if o.type == OrganisationType.OB and not o.collective]
    for n in range(len(libraries), size.libraries):
        place = f"{rng.choice(PROVINCES)} {n + 1}"
        new.append(Organisation(key=f"{PREFIX}ob-{n + 1}", name=f"Bibliotheek {place}", type=OrganisationType.OB))
    pois = [o for o in real if o.type == OrganisationType.POI and not o.collective]
    for n in range(len(pois), size.pois):
        new.append(Organisation(key=f"{PREFIX}poi-{n + 1}", name=f"POI {PROVINCES[n % len(PROVINCES)]}",
                                type=OrganisationType.POI))
    Organisation.objects.bulk_create(new, batch_size=BATCH)
    counts["organisaties"] = len(new)
    staff = Staff(organisations={o.pk: o for o in [*real, *new]})

    # Each kind's share of the accounts, the libraries' share spread over every library.
    employers = [o for o in staff.organisations.values() if not o.collective and o.type != OrganisationType.EXTERNAL]
    quota = {}
    for kind, share in SHARES.items():
        of_kind = [o for o in employers if o.type == kind]
        for n, org in enumerate(of_kind):
            quota[org.pk] = int(size.staff * share) // len(of_kind) + (n < int(size.staff * share) % len(of_kind))
    libraries = [o for o in employers if o.type == OrganisationType.OB]
    rest = size.staff - sum(quota.values())
    for n, org in enumerate(libraries):
        quota[org.pk] = rest // len(libraries) + (n < rest % len(libraries))

    # Accounts without a usable password: the seeded staff sign in only through a test's force_login.
    password = make_password(None)
    users, persons, employer_of = [], [], []
    for org_id, n_staff in quota.items():
        for k in range(n_staff):
            username = f"{PREFIX}{org_id}-{k + 1}"
            name = f"Medewerker {k + 1} van {staff.organisations[org_id]}"
            users.append(get_user_model()(username=username, password=password, first_name=f"Medewerker {k + 1}",
                                          last_name=str(staff.organisations[org_id])[:150], date_joined=CREATED))
            persons.append(Person(name=name, normalised_name=normalise_name(name), email=f"{username}@example.org"))
            employer_of.append(org_id)
    get_user_model().objects.bulk_create(users, batch_size=BATCH)
    for person, user in zip(persons, users, strict=True):
        person.user_id = user.pk
    Person.objects.bulk_create(persons, batch_size=BATCH)
    for user, person, org_id in zip(users, persons, employer_of, strict=True):
        staff.by_organisation.setdefault(org_id, []).append(user.pk)
        staff.person_of_user[user.pk] = person.pk
        staff.organisation_of_user[user.pk] = org_id
    staff.new_people = persons
    staff.new_organisations = new
    counts["medewerkers"] = len(users)
    return staff


def link_staff(staff, counts):
    """People join their organisation once the programmes stand (see build): joining earlier would
    make every carrier the carry-over copies re-derive the grants of all its staff."""
    through = Person.organisations.through
    through.objects.bulk_create(
        [through(person_id=staff.person_of_user[user], organisation_id=org)
         for user, org in staff.organisation_of_user.items()], batch_size=BATCH)


def grant_progress(staff, counts):
    """`update_progress` on every action their organisation carries, itself or as one of a
    collective (jaarprogramma.grants.wanted_action_grants, computed for everyone at once)."""
    permission = Permission.objects.get(codename=UPDATE_PROGRESS, content_type__app_label="jaarprogramma")
    carried = {}
    collective_types = {o.pk: o.type for o in staff.organisations.values() if o.collective}
    by_type = {}
    for action_id, org_id in ActionCarrier.objects.filter(organisation__isnull=False).values_list(
            "action_id", "organisation_id"):
        if org_id in collective_types:
            by_type.setdefault(collective_types[org_id], set()).add(action_id)
        else:
            carried.setdefault(org_id, set()).add(action_id)
    rows = []
    for user, org_id in staff.organisation_of_user.items():
        org = staff.organisations[org_id]
        for action_id in carried.get(org_id, set()) | by_type.get(org.type, set()):
            rows.append(ActionUserObjectPermission(user_id=user, permission=permission, content_object_id=action_id))
    ActionUserObjectPermission.objects.bulk_create(rows, batch_size=BATCH)
    counts["rechten"] = len(rows)


def seed_participants(size, rng, staff, editions, counts):
    """People who took part in writing an edition (its 'Totstandkoming'), as a participant import
    leaves them: a person with an organisation, on the edition's list."""
    organisations = [o for o in Organisation.objects.filter(collective=False).order_by("pk")]
    persons, links = [], []
    for n in range(size.participants):
        name = f"Deelnemer {n + 1:05d} {rng.choice(PROVINCES)}"
        persons.append(Person(name=name, normalised_name=normalise_name(name)))
    Person.objects.bulk_create(persons, batch_size=BATCH)
    through = Person.organisations.through
    through.objects.bulk_create([through(person_id=p.pk, organisation_id=organisations[n % len(organisations)].pk)
                                 for n, p in enumerate(persons)], batch_size=BATCH)
    on_list = Edition.participants.through
    for n, person in enumerate(persons):
        links.append(on_list(edition_id=editions[n % len(editions)].pk, person_id=person.pk))
    on_list.objects.bulk_create(links, batch_size=BATCH)
    counts["deelnemers"] = len(persons)
    staff.new_people.extend(persons)

