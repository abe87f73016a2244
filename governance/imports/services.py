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
from simple_history.utils import bulk_create_with_history

from governance import bulk, permissions, services
from governance.models import Organisation, OrganisationType, Person, normalise_name
from governance.signals import participants_imported

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
    # The data changed between the preview and the confirmation: this is a new plan, unsaved.
    replanned: bool = False

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
    chosen = chosen_types(plan, create_organisations)
    result.missing_organisations = [u for u in plan.unknown_organisations if u.key not in chosen]
    if dry_run or not result.is_valid or result.missing_organisations:
        return result
    apply_import(result, chosen=chosen, edition=edition, user=user, invite=invite, filename=_name(file, filename))
    return result


def apply_import(result, *, chosen, edition=None, user=None, invite=False, filename=""):
    """Save `result.plan` (valid, every unknown organisation given a type in `chosen`): all of
    it or, when another edit won a race, nothing (`result.file_error`)."""
    plan = result.plan
    reason = _("Import deelnemerslijst (%(name)s)") % {"name": (filename or _("regels"))[:100]}
    try:
        # Grants are re-derived once, for all affected accounts, before the transaction commits.
        with transaction.atomic(), permissions.deferred():
            result.created_organisations = apply_plan(plan, chosen=chosen, edition=edition, user=user, reason=reason)
            if invite:
                from .invitations import invite_people

                # As stored now: the plan's people may be stand-ins (imports.stored).
                people = Person.objects.filter(pk__in=[e.person.pk for e in plan.entries if e.person is not None])
                result.invited = invite_people(list(people.order_by("pk")), user=user)
            participants_imported.send(sender=ImportResult, result=result, user=user, edition=edition,
                                       filename=filename[:100])
    except IntegrityError:  # another edit won the race for an e-mail address or key
        result.file_error = _("De gegevens zijn intussen door iemand anders gewijzigd; er is niets opgeslagen. "
                              "Probeer het opnieuw.")
        return
    result.saved = True


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


def _name(file, filename) -> str:
    return str(filename or getattr(file, "name", "") or "").rsplit("/", 1)[-1]


def chosen_types(plan, create_organisations) -> dict:
    if create_organisations is True:
        return {u.key: u.suggested_type for u in plan.unknown_organisations}
    chosen = {}
    for name, org_type in (create_organisations or {}).items():
        if org_type in OrganisationType.values:
            chosen[normalise_name(name)] = org_type
    return chosen


def apply_plan(plan, *, chosen, edition=None, user=None, reason="") -> list:
    """Write a valid plan in a fixed number of statements, however long the file, with history.

    Each table gets one statement (governance.bulk), and one more for its history rows, which
    are copied from the table as written. Bulk statements send no signals: the grants of every
    account whose organisations or memberships changed are re-derived here, all at once
    (governance.services.resync_people)."""
    history = {"user": user, "reason": reason}
    created = _create_organisations(plan, chosen, user=user, reason=reason)

    def org_ids(orgs):
        return [o.pk if isinstance(o, Organisation) else created[normalise_name(o)].pk for o in orgs]

    rows = [(e.name, normalise_name(e.name), e.email, False) for e in plan.new]
    new_ids = bulk.insert_ids(Person, ["name", "normalised_name", "email", "is_demo"], rows)
    fields = [f.attname for f in Person._meta.concrete_fields]  # id, name, normalised_name, email, user_id, is_demo
    for entry, pk, (name, normalised, email, is_demo) in zip(plan.new, new_ids, rows, strict=True):
        # ~10x cheaper than Person(**kwargs), which looks up every field's default.
        entry.person = Person.from_db(None, fields, (pk, name, normalised, email, None, is_demo))
    rows = [(e.person.pk, e.name, normalise_name(e.name), e.email or e.person.email) for e in plan.changed]
    bulk.update(Person, ["name", "normalised_name", "email"], rows)
    for entry, (_pk, name, normalised, email) in zip(plan.changed, rows, strict=True):
        entry.person.name, entry.person.normalised_name, entry.person.email = name, normalised, email

    links = {(entry.person.pk, org_id)
             for entry in [*plan.new, *plan.changed] for org_id in org_ids(entry.organisations)}
    # A changed person keeps the organisations they have: the file adds, never takes away.
    bulk.insert(Person.organisations.through, ["person_id", "organisation_id"], sorted(links), ignore_conflicts=True)
    for history_type, entries in (("+", plan.new), ("~", plan.changed)):
        records = bulk.copy_to_history(Person, [e.person.pk for e in entries], history_type=history_type, **history)
        bulk.copy_m2m_history(Person, "organisations", [history_id for history_id, _pk in records])
    _apply_memberships(plan, history)
    if edition is not None and plan.participants_added:
        # The edition's 'Totstandkoming' list (governance.participant_lists): one insert.
        manager = edition.participants
        bulk.insert(manager.through, [f"{manager.source_field_name}_id", f"{manager.target_field_name}_id"],
                    [(edition.pk, e.person.pk) for e in plan.participants_added])
    services.resync_people(people=_affected_people(plan))
    return list(created.values())


def _affected_people(plan) -> set:
    """People whose organisations or memberships the plan changes (new people have no account)."""
    people = {entry.person.pk for entry in plan.changed}
    people |= {item.entry.person.pk for item in [*plan.memberships_added, *plan.memberships_changed]}
    people |= {item.membership.person_id for item in plan.memberships_removed}
    return people


def _create_organisations(plan, chosen, *, user, reason) -> dict:
    if not plan.unknown_organisations:
        return {}
    taken = set(Organisation.objects.values_list("key", flat=True))
    created = {}
    for unknown in plan.unknown_organisations:
        created[unknown.key] = Organisation(key=unique_key(unknown.name, taken), name=unknown.name,
                                            type=chosen[unknown.key])
    bulk_create_with_history(list(created.values()), Organisation, batch_size=BATCH_SIZE,
                             default_user=user, default_change_reason=reason)
    return created


def _apply_memberships(plan, history):
    from governance.models import Membership

    added = plan.memberships_added
    ids = bulk.insert_ids(Membership, ["body_id", "person_id", "role", "organisation_id"], [
        (item.body.pk, item.entry.person.pk, item.role, item.organisation.pk if item.organisation else None)
        for item in added])
    bulk.copy_to_history(Membership, ids, history_type="+", **history)
    changed = plan.memberships_changed
    for item in changed:
        if item.organisation:
            item.membership.organisation_id = item.organisation.pk
    bulk.update(Membership, ["role", "organisation_id"], [
        (item.membership.pk, item.role, item.membership.organisation_id) for item in changed])
    bulk.copy_to_history(Membership, [item.membership.pk for item in changed], history_type="~", **history)
    removed = [item.membership.pk for item in plan.memberships_removed]
    bulk.copy_to_history(Membership, removed, history_type="-", **history)
    bulk.delete(Membership, removed)
