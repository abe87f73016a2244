"""Import a participant list: plan first, then save all of it or nothing.

    result = import_participants(file=upload, edition=edition, dry_run=True)   # preview
    result = import_participants(file=upload, edition=edition, dry_run=False,
                                 create_organisations={"Bibliotheek X": "OB"}, user=request.user)

`rows` (an iterable of dicts with Naam/Organisatie/E-mail/Rol/Koersgroep keys, in any spelling
the reader accepts) may be given instead of `file`, e.g. by `load_netwerkagenda`.
"""

from dataclasses import dataclass, field

from django.db import IntegrityError, transaction
from django.utils.translation import gettext as _
from simple_history.utils import bulk_create_with_history, bulk_update_with_history

from governance import permissions, services
from governance.models import Organisation, OrganisationType, Person, normalise_name

from .matching import unique_key
from .plan import Plan, RowError, build_plan
from .readers import HEADER_INDEX, ImportFileError, Sheet, SheetRow, _header_key, read_sheet

BATCH_SIZE = 1000


@dataclass
class ImportResult:
    plan: Plan | None = None
    file_error: str = ""
    missing_organisations: list = field(default_factory=list)
    saved: bool = False
    created_organisations: list = field(default_factory=list)
    invited: list = field(default_factory=list)

    @property
    def row_errors(self) -> list:
        """The errors of invalid rows, which the user must fix in the file."""
        return [str(e) for e in self.plan.errors] if self.plan else []

    @property
    def errors(self) -> list:
        if self.file_error:
            return [self.file_error]
        errors = self.row_errors
        for unknown in self.missing_organisations:
            errors.append(str(RowError(unknown.rows[0], _("Organisatie"), _(
                "‘%(name)s’ is een onbekende organisatie; maak haar aan of pas het bestand aan."
            ) % {"name": unknown.name})))
        return errors

    @property
    def is_valid(self) -> bool:
        """No invalid row: the import can be confirmed (unknown organisations need a type)."""
        return not self.file_error and not self.plan.errors


def sheet_from_rows(rows) -> Sheet:
    columns, sheet_rows = [], []
    for number, raw in enumerate(rows, start=2):
        values = {}
        for label, value in raw.items():
            column = HEADER_INDEX.get(_header_key(label))
            if column:
                values[column] = " ".join(str(value or "").split())
                if column not in columns:
                    columns.append(column)
        if any(values.values()):
            sheet_rows.append(SheetRow(number=number, values=values))
    return Sheet(columns=columns, rows=sheet_rows)


def import_participants(
    *, file=None, rows=None, filename="", edition=None, dry_run=True, create_organisations=None,
    invite=False, user=None, include_anonymised=False,
) -> ImportResult:
    """Plan the import of a participant list and, unless `dry_run`, save all of it or nothing.

    `file`: bytes or a file object (its `.name` gives the format unless `filename` is given).
    `create_organisations`: {unknown organisation name: OrganisationType} to create in the same
    transaction, or True to create every unknown organisation with its suggested type.
    `invite`: create accounts for people with an e-mail and no account, and mail them a link.
    `include_anonymised`: also import rows about people who were anonymised at their request
    (AVG); without it those rows are skipped (`plan.skipped_anonymised`).
    """
    try:
        sheet = _sheet(file, rows, filename)
    except ImportFileError as error:
        return ImportResult(file_error=error.message)
    plan = build_plan(sheet, edition=edition, include_anonymised=include_anonymised)
    result = ImportResult(plan=plan)
    chosen = _chosen_types(plan, create_organisations)
    result.missing_organisations = [u for u in plan.unknown_organisations if u.key not in chosen]
    if dry_run or not result.is_valid or result.missing_organisations:
        return result
    try:
        # Grants are re-derived once per affected account, before the transaction commits.
        with transaction.atomic(), permissions.deferred():
            result.created_organisations = apply_plan(
                plan, chosen=chosen, edition=edition, user=user, reason=_reason(file, filename))
            if invite:
                from .invitations import invite_people

                result.invited = invite_people(
                    [e.person for e in plan.entries if e.person is not None], user=user)
    except IntegrityError:  # another edit won the race for an e-mail address or key
        result.file_error = _("De gegevens zijn intussen door iemand anders gewijzigd; er is niets opgeslagen. "
                              "Probeer het opnieuw.")
        return result
    result.saved = True
    return result


def _sheet(file, rows, filename) -> Sheet:
    if rows is not None:
        return sheet_from_rows(rows)
    name = filename or getattr(file, "name", "") or ""
    if hasattr(file, "read"):
        if hasattr(file, "seek"):
            file.seek(0)
        data = file.read(5 * 1024 * 1024 + 1)
    else:
        data = bytes(file or b"")
    return read_sheet(data, name.rsplit("/", 1)[-1])


def _reason(file, filename) -> str:
    name = filename or getattr(file, "name", "") or _("regels")
    return _("Import deelnemerslijst (%(name)s)") % {"name": str(name).rsplit("/", 1)[-1][:100]}


def _chosen_types(plan, create_organisations) -> dict:
    if create_organisations is True:
        return {u.key: u.suggested_type for u in plan.unknown_organisations}
    chosen = {}
    for name, org_type in (create_organisations or {}).items():
        if org_type in OrganisationType.values:
            chosen[normalise_name(name)] = org_type
    return chosen


def apply_plan(plan, *, chosen, edition=None, user=None, reason="") -> list:
    """Write a valid plan in a fixed number of bulk statements, with history rows.

    Bulk statements send no signals: the grants of every account whose organisations or
    memberships changed are re-derived here (governance.services.resync_people)."""
    history = {"default_user": user, "default_change_reason": reason}
    created = _create_organisations(plan, chosen, history)

    def resolve(orgs):
        return [o if isinstance(o, Organisation) else created[normalise_name(o)] for o in orgs]

    new_people = []
    for entry in plan.new:
        entry.person = Person(name=entry.name, email=entry.email, normalised_name=normalise_name(entry.name))
        new_people.append(entry.person)
    Person.objects.bulk_create(new_people, batch_size=BATCH_SIZE)

    changed_people = []
    for entry in plan.changed:
        person = entry.person
        person.name, person.normalised_name = entry.name, normalise_name(entry.name)
        if entry.email:
            person.email = entry.email
        changed_people.append(person)
    Person.objects.bulk_update(changed_people, ["name", "normalised_name", "email"], batch_size=BATCH_SIZE)

    through = Person.organisations.through
    current = {}
    if changed_people:
        for link in through.objects.filter(person__in=changed_people):
            current.setdefault(link.person_id, []).append(link)
    links = []
    for entry in [*plan.new, *plan.changed]:
        have = {link.organisation_id for link in current.get(entry.person.pk, [])}
        for org in resolve(entry.organisations):
            if org.pk not in have:
                have.add(org.pk)
                links.append(through(person_id=entry.person.pk, organisation_id=org.pk))
    through.objects.bulk_create(links, batch_size=BATCH_SIZE)
    for link in links:
        current.setdefault(link.person_id, []).append(link)
    _person_history(new_people, current, history, update=False)
    _person_history(changed_people, current, history, update=True)
    _apply_memberships(plan, created, history)
    if edition is not None and plan.participants_added:
        # The edition's 'Totstandkoming' list (governance.participant_lists): one insert.
        edition.participants.add(*[e.person for e in plan.participants_added])
    services.resync_people(people=_affected_people(plan))
    return list(created.values())


def _affected_people(plan) -> set:
    """People whose organisations or memberships the plan changes (new people have no account)."""
    people = {entry.person.pk for entry in plan.changed}
    people |= {item.entry.person.pk for item in [*plan.memberships_added, *plan.memberships_changed]}
    people |= {item.membership.person_id for item in plan.memberships_removed}
    return people


def _create_organisations(plan, chosen, history) -> dict:
    if not plan.unknown_organisations:
        return {}
    taken = set(Organisation.objects.values_list("key", flat=True))
    created = {}
    for unknown in plan.unknown_organisations:
        created[unknown.key] = Organisation(key=unique_key(unknown.name, taken), name=unknown.name,
                                            type=chosen[unknown.key])
    bulk_create_with_history(list(created.values()), Organisation, batch_size=BATCH_SIZE, **history)
    return created


def _person_history(people, links, history, *, update):
    """History rows for bulk-written people, including their organisations (m2m history)."""
    if not people:
        return
    records = Person.history.bulk_history_create(
        people, update=update, batch_size=BATCH_SIZE, default_user=history["default_user"],
        default_change_reason=history["default_change_reason"])
    m2m_model = Person.history.model.organisations.model
    rows = [
        m2m_model(history=record, id=link.pk, person_id=link.person_id, organisation_id=link.organisation_id)
        for record in records
        for link in links.get(record.id, [])
    ]
    m2m_model.objects.bulk_create(rows, batch_size=BATCH_SIZE)


def _apply_memberships(plan, created, history):
    from governance.models import Membership

    added = []
    for item in plan.memberships_added:
        added.append(Membership(body=item.body, person=item.entry.person, role=item.role,
                                organisation=item.organisation))
    bulk_create_with_history(added, Membership, batch_size=BATCH_SIZE, **history)
    changed = []
    for item in plan.memberships_changed:
        item.membership.role = item.role
        if item.organisation:
            item.membership.organisation = item.organisation
        changed.append(item.membership)
    bulk_update_with_history(changed, Membership, ["role", "organisation"], batch_size=BATCH_SIZE, **history)
    for item in plan.memberships_removed:
        # Few rows; deleting one by one records a history row for each.
        services.remove_membership(membership=item.membership, reason=history["default_change_reason"])
