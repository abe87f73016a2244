"""Turn the rows of a participant file into a plan: who is new, what changes, what is invalid.

Planning reads the database in a fixed number of queries (everything is prefetched into
dicts) and writes nothing; `services.apply_plan` carries a valid plan out.
"""

import re
from dataclasses import dataclass, field

from django.core.exceptions import ValidationError
from django.core.validators import EmailValidator
from django.utils.translation import gettext as _

from governance.models import Body, Erasure, Membership, Organisation, Person, identity_digests, normalise_name

from .matching import UnknownOrganisation, body_index, guess_organisation_type, resolve_organisations, resolve_role
from .readers import BODY, COLUMN_LABELS, EMAIL, NAME, ORGANISATION, ROLE


@dataclass
class RowError:
    row: int
    column: str
    message: str

    def __str__(self):
        if self.column:
            return _("Rij %(row)d, kolom %(column)s: %(message)s") % {
                "row": self.row, "column": self.column, "message": self.message}
        return _("Rij %(row)d: %(message)s") % {"row": self.row, "message": self.message}


@dataclass
class PlannedPerson:
    """One person of the file; `person` is the existing record, None when new."""

    name: str
    email: str
    rows: list
    person: Person | None = None
    organisations: list = field(default_factory=list)  # Organisation or unknown name (str)
    changes: dict = field(default_factory=dict)  # label -> (old, new)

    @property
    def organisation_names(self) -> list:
        return [str(o) for o in self.organisations]

    @property
    def key(self):
        return self.person.pk if self.person else id(self)


@dataclass
class PlannedMembership:
    body: Body
    entry: PlannedPerson | None = None
    role: str = ""
    old_role: str = ""
    organisation: Organisation | None = None
    membership: Membership | None = None
    row: int = 0

    @property
    def person_name(self):
        return self.entry.name if self.entry else self.membership.person.name


@dataclass
class Plan:
    new: list = field(default_factory=list)
    changed: list = field(default_factory=list)
    unchanged: list = field(default_factory=list)
    invalid_rows: list = field(default_factory=list)  # (row number, values, [RowError])
    errors: list = field(default_factory=list)
    unknown_organisations: list = field(default_factory=list)
    memberships_added: list = field(default_factory=list)
    memberships_changed: list = field(default_factory=list)
    memberships_removed: list = field(default_factory=list)
    participants_added: list = field(default_factory=list)
    # Rows about people who were anonymised at their request (AVG): left out unless asked.
    skipped_anonymised: list = field(default_factory=list)  # row numbers
    is_membership_list: bool = False
    total_rows: int = 0

    @property
    def entries(self):
        return [*self.new, *self.changed, *self.unchanged]


def _eager(validator):
    """The validator with its regexes compiled now: Django compiles them lazily, behind a proxy
    that every call goes through (a third of an import's planning time)."""
    for name in ("user_regex", "domain_regex", "literal_regex"):
        lazy = getattr(validator, name)
        setattr(validator, name, re.compile(lazy.pattern, lazy.flags))
    return validator


validate_email = _eager(EmailValidator())
NAME_MAX = Person._meta.get_field("name").max_length
EMAIL_MAX = Person._meta.get_field("email").max_length


def _validate_row(row) -> tuple[dict, list]:
    values = {column: row.values.get(column, "") for column in (NAME, ORGANISATION, EMAIL, ROLE, BODY)}
    errors = []

    def error(column, message):
        errors.append(RowError(row.number, COLUMN_LABELS[column], message))

    if not values[NAME]:
        error(NAME, _("de naam ontbreekt."))
    elif len(values[NAME]) > NAME_MAX:
        error(NAME, _("de naam is langer dan 200 tekens."))
    if values[EMAIL]:
        try:
            if len(values[EMAIL]) > EMAIL_MAX:
                raise ValidationError("too long")
            validate_email(values[EMAIL])
        except ValidationError:
            error(EMAIL, _("‘%(value)s’ is geen geldig e-mailadres.") % {"value": values[EMAIL][:100]})
    return values, errors


class Planner:
    def __init__(self, sheet, *, edition=None, include_anonymised=False):
        self.sheet = sheet
        self.edition = edition
        # Fingerprints of the names and addresses of anonymised people (governance.models.Erasure).
        self.erased = set() if include_anonymised else Erasure.objects.digests()
        self.plan = Plan(is_membership_list=BODY in sheet.columns, total_rows=len(sheet.rows))
        self.org_index = Organisation.objects.by_name()
        self.unknown = {}
        self._load_people()

    def _load_people(self):
        # An anonymised person is nobody a row can be about any more.
        people = list(Person.objects.filter(erasure__isnull=True).only("id", "name", "normalised_name", "email",
                                                                         "user_id"))
        self.people_by_id = {p.pk: p for p in people}
        self.people_by_email = {p.email.casefold(): p for p in people if p.email}
        self.people_by_name = {}
        for person in people:
            self.people_by_name.setdefault(person.normalised_name, []).append(person)
        self.orgs_by_id = {o.pk: o for o in set(self.org_index.values())}
        self.person_orgs = {}
        for person_id, org_id in Person.organisations.through.objects.values_list("person_id", "organisation_id"):
            self.person_orgs.setdefault(person_id, set()).add(org_id)

    def build(self) -> Plan:
        entries_by_email, entries_by_name, entries = {}, {}, []
        row_entries = []
        for row in self.sheet.rows:
            values, errors = _validate_row(row)
            organisations = self._organisations(values[ORGANISATION], row.number, errors)
            if errors:
                self._invalid(row, errors)
                continue
            if self._is_anonymised(values):
                self.plan.skipped_anonymised.append(row.number)
                continue
            entry = self._entry_for(values, organisations, row, entries_by_email, entries_by_name, entries)
            if entry is None:
                continue
            row_entries.append((row, values, entry))
        self._match(entries)
        if self.plan.is_membership_list:
            self._plan_memberships(row_entries)
        self._plan_participants()
        self.plan.unknown_organisations = sorted(self.unknown.values(), key=lambda u: u.key)
        self.plan.invalid_rows.sort(key=lambda item: item[0])
        self.plan.errors = [e for _n, _v, errors in self.plan.invalid_rows for e in errors]
        return self.plan

    def _is_anonymised(self, values) -> bool:
        """The row names (or gives the address of) someone who was anonymised at their request."""
        if not self.erased:
            return False
        return any(identity_digests(values[column]) & self.erased for column in (NAME, EMAIL) if values[column])

    def _invalid(self, row, errors):
        for number, _values, existing in self.plan.invalid_rows:
            if number == row.number:
                existing.extend(errors)
                return
        self.plan.invalid_rows.append((row.number, row.values, errors))

    def _organisations(self, text, number, errors):
        found = resolve_organisations(text, self.org_index)
        for item in found:
            if isinstance(item, str):
                if len(item) > Organisation._meta.get_field("name").max_length:
                    errors.append(RowError(number, COLUMN_LABELS[ORGANISATION], _("de organisatienaam is te lang.")))
                    continue
                unknown = self.unknown.setdefault(
                    normalise_name(item), UnknownOrganisation(item, guess_organisation_type(item)))
                if number not in unknown.rows:
                    unknown.rows.append(number)
        return found

    def _entry_for(self, values, organisations, row, by_email, by_name, entries):
        """The file's person this row is about: rows about the same person are merged."""
        name, email = values[NAME], values[EMAIL]
        email_key, name_key = email.casefold(), normalise_name(name)
        entry = by_email.get(email_key) if email else None
        if entry is not None and normalise_name(entry.name) != name_key:
            self._invalid(row, [RowError(row.number, COLUMN_LABELS[NAME], _(
                "‘%(name)s’ heeft hetzelfde e-mailadres als ‘%(other)s’ in rij %(first)d."
            ) % {"name": name, "other": entry.name, "first": entry.rows[0]})])
            return None
        if entry is None:
            keys = {self._org_key(o) for o in organisations}
            for candidate in by_name.get(name_key, []):
                if email and candidate.email and candidate.email.casefold() != email_key:
                    continue
                candidate_keys = {self._org_key(o) for o in candidate.organisations}
                if not keys or not candidate_keys or keys & candidate_keys:
                    entry = candidate
                    break
        if entry is None:
            entry = PlannedPerson(name=name, email=email, rows=[])
            entries.append(entry)
            by_name.setdefault(name_key, []).append(entry)
        if email and not entry.email:
            entry.email = email
        if email:
            by_email[email_key] = entry
        entry.rows.append(row.number)
        for org in organisations:
            if org not in entry.organisations:
                entry.organisations.append(org)
        return entry

    @staticmethod
    def _org_key(org):
        return org.pk if isinstance(org, Organisation) else normalise_name(org)

    def _match(self, entries):
        claimed = {}
        for entry in entries:
            person = self._find_person(entry)
            if person is not None and person.pk in claimed:
                first = claimed[person.pk]
                self._invalid_entry(entry, NAME, _("dezelfde persoon als in rij %(row)d.") % {"row": first.rows[0]})
                continue
            if person is not None:
                claimed[person.pk] = entry
            entry.person = person
            self._diff(entry)

    def _invalid_entry(self, entry, column, message):
        for number in entry.rows:
            row = next(r for r in self.sheet.rows if r.number == number)
            self._invalid(row, [RowError(number, COLUMN_LABELS[column], message)])

    def _find_person(self, entry):
        if entry.email and entry.email.casefold() in self.people_by_email:
            return self.people_by_email[entry.email.casefold()]
        candidates = self.people_by_name.get(normalise_name(entry.name), [])
        org_ids = {o.pk for o in entry.organisations if isinstance(o, Organisation)}
        overlapping = [p for p in candidates if org_ids & self.person_orgs.get(p.pk, set())]
        if overlapping:
            return overlapping[0]
        if len(candidates) == 1 and (not entry.organisations or not self.person_orgs.get(candidates[0].pk)):
            return candidates[0]
        return None

    def _diff(self, entry):
        person = entry.person
        if person is None:
            self.plan.new.append(entry)
            return
        if entry.name != person.name:
            entry.changes[_("Naam")] = (person.name, entry.name)
        if entry.email and entry.email.casefold() != person.email.casefold():
            entry.changes[_("E-mail")] = (person.email, entry.email)
        current = self.person_orgs.get(person.pk, set())
        added = [o for o in entry.organisations if not isinstance(o, Organisation) or o.pk not in current]
        if added:
            old = sorted(str(self.orgs_by_id[pk]) for pk in current if pk in self.orgs_by_id)
            entry.changes[_("Organisaties")] = (", ".join(old), ", ".join(old + [str(o) for o in added]))
        (self.plan.changed if entry.changes else self.plan.unchanged).append(entry)

    def _plan_memberships(self, row_entries):
        bodies = body_index(Body.objects.all())
        mentioned, planned = set(), {}
        existing = {}
        for membership in Membership.objects.select_related("person", "body"):
            existing[(membership.body_id, membership.person_id)] = membership
        invalid_numbers = {number for number, _v, _e in self.plan.invalid_rows}
        for row, values, entry in row_entries:
            if row.number in invalid_numbers:
                continue
            body_text, role_text = values[BODY], values[ROLE]
            if not body_text:
                if role_text:
                    self._invalid(row, [RowError(row.number, COLUMN_LABELS[ROLE], _(
                        "een rol hoort bij een koersgroep; vul ook de kolom Koersgroep in."))])
                continue
            body = bodies.get(normalise_name(body_text))
            role = resolve_role(role_text)
            errors = []
            if body is None:
                errors.append(RowError(row.number, COLUMN_LABELS[BODY],
                                       _("‘%(value)s’ is geen bekend gremium.") % {"value": body_text[:100]}))
            if role is None:
                errors.append(RowError(row.number, COLUMN_LABELS[ROLE], _(
                    "‘%(value)s’ is geen geldige rol (voorzitter, secretaris, lid, schrijver, meelezer of ambassadeur)."
                ) % {"value": role_text[:100]}))
            if not errors and (body.pk, entry.key) in planned:
                errors.append(RowError(row.number, COLUMN_LABELS[BODY], _(
                    "deze persoon staat al in rij %(row)d bij dit gremium."
                ) % {"row": planned[(body.pk, entry.key)].row}))
            if errors:
                self._invalid(row, errors)
                continue
            mentioned.add(body.pk)
            organisation = next((o for o in entry.organisations if isinstance(o, Organisation)), None)
            item = PlannedMembership(body=body, entry=entry, role=role, organisation=organisation, row=row.number)
            planned[(body.pk, entry.key)] = item
            current = existing.get((body.pk, entry.person.pk)) if entry.person else None
            if current is None:
                self.plan.memberships_added.append(item)
            elif current.role != role or (organisation and current.organisation_id != organisation.pk):
                item.membership, item.old_role = current, current.role
                self.plan.memberships_changed.append(item)
        keep = {(body_id, key) for body_id, key in planned}
        for (body_id, person_id), membership in existing.items():
            if body_id in mentioned and (body_id, person_id) not in keep:
                self.plan.memberships_removed.append(PlannedMembership(body=membership.body, membership=membership))

    def _plan_participants(self):
        if self.edition is None:
            return
        current = set(self.edition.participants.values_list("pk", flat=True))
        invalid_numbers = {number for number, _v, _e in self.plan.invalid_rows}
        self.plan.participants_added = [
            e for e in self.plan.entries
            if (e.person is None or e.person.pk not in current) and not set(e.rows) <= invalid_numbers
        ]


def build_plan(sheet, *, edition=None, include_anonymised=False) -> Plan:
    return Planner(sheet, edition=edition, include_anonymised=include_anonymised).build()
