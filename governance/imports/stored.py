"""Read and plan an upload once; confirm it later by applying the stored plan.

    stored = stored.start(data=..., filename=..., user=request.user, edition=edition)
    result = stored.preview(stored)                    # the stored plan, for the page
    result = stored.confirm(stored, create_organisations={...})

The parsed rows and the plan are kept as JSON on a ParticipantImport row, with a fingerprint
of the data the plan was made against (`data_state`). When that changed before the
confirmation (someone else edited people or memberships), the stored rows are planned again,
not the file re-read, and the administrator sees the new preview before anything is saved.
"""

import json
import secrets
import zlib
from datetime import timedelta

from django.db import connection
from django.utils import timezone

from governance import cycles, participant_lists
from governance.models import Body, Erasure, Membership, Organisation, Person

from .matching import UnknownOrganisation
from .models import ParticipantImport
from .plan import Plan, PlannedMembership, PlannedPerson, RowError, build_plan
from .readers import Sheet, SheetRow, read_sheet
from .services import ImportResult, apply_import, chosen_types

MAX_AGE = timedelta(days=1)


@cycles.paused()
def start(*, data, filename, user, edition=None, invite=False, include_anonymised=False) -> ParticipantImport:
    """Read and plan the file; raises readers.ImportFileError when it cannot be read."""
    sheet = read_sheet(data, filename)
    ParticipantImport.objects.filter(created_at__lt=timezone.now() - MAX_AGE).delete()
    state = data_state(edition)
    plan = build_plan(sheet, edition=edition, include_anonymised=include_anonymised)
    return ParticipantImport.objects.create(
        token=secrets.token_urlsafe(18), created_by=user, filename=filename[:200],
        edition_id=edition.pk if edition else None, invite=bool(invite), include_anonymised=bool(include_anonymised),
        sheet=pack(dump_sheet(sheet)), plan=pack(dump_plan(plan)), state=state,
    )


def find(user, token):
    """The stored import of this user with this token, or None."""
    return ParticipantImport.objects.filter(token=token, created_by=user,
                                            created_at__gte=timezone.now() - MAX_AGE).first()


def edition_of(stored):
    return participant_lists.get(pk=stored.edition_id) if stored.edition_id else None


def preview(stored) -> ImportResult:
    return ImportResult(plan=load_plan(unpack(stored.plan)))


@cycles.paused()
def confirm(stored, *, create_organisations=None, edition=None) -> ImportResult:
    """Apply the stored plan; when the data changed since it was made, plan the stored rows
    again and return that (unsaved, `replanned`) for a new preview."""
    state = data_state(edition)
    if state != stored.state:
        plan = build_plan(load_sheet(unpack(stored.sheet)), edition=edition,
                          include_anonymised=stored.include_anonymised)
        stored.plan, stored.state = pack(dump_plan(plan)), state
        stored.save(update_fields=["plan", "state"])
        return ImportResult(plan=plan, replanned=True)
    plan = load_plan(unpack(stored.plan))
    result = ImportResult(plan=plan)
    chosen = chosen_types(plan, create_organisations)
    result.missing_organisations = [u for u in plan.unknown_organisations if u.key not in chosen]
    if not result.is_valid or result.missing_organisations:
        return result
    apply_import(result, chosen=chosen, edition=edition, user=stored.created_by, invite=stored.invite,
                 filename=stored.filename)
    if result.saved:
        stored.delete()
    return result


def data_state(edition=None) -> str:
    """A fingerprint of what a plan depends on, in one query: every change to people, their
    organisations, memberships, organisations and bodies leaves a history row; erasures and
    the participant list are counted."""
    quote = connection.ops.quote_name
    parts = [f"(SELECT MAX({quote(model.history.model._meta.pk.column)}) FROM "  # noqa: S608 - our own names
             f"{quote(model.history.model._meta.db_table)})" for model in (Person, Organisation, Membership, Body)]
    parts.append(f"(SELECT COUNT(*) || '-' || COALESCE(MAX({quote(Erasure._meta.pk.column)}), 0) "  # noqa: S608 - our own names
                 f"FROM {quote(Erasure._meta.db_table)})")
    params = []
    if edition is not None:
        manager = edition.participants
        through = manager.through
        column = through._meta.get_field(manager.source_field_name).column
        parts.append(f"(SELECT COUNT(*) || '-' || COALESCE(MAX({quote(through._meta.pk.column)}), 0) "  # noqa: S608 - our own names
                     f"FROM {quote(through._meta.db_table)} WHERE {quote(column)} = %s)")
        params.append(edition.pk)
    with connection.cursor() as cursor:
        cursor.execute("SELECT " + ", ".join(parts), params)
        return ":".join(str(value) for value in cursor.fetchone())


def pack(data) -> bytes:
    return zlib.compress(json.dumps(data, separators=(",", ":")).encode(), 1)


def unpack(data) -> dict:
    # JSON object keys are strings: load_plan turns the organisations' and bodies' back into ids.
    return json.loads(zlib.decompress(bytes(data)))


def dump_sheet(sheet) -> dict:
    return {"columns": sheet.columns, "ignored": sheet.ignored_headers,
            "rows": [[row.number, row.values] for row in sheet.rows]}


def load_sheet(data) -> Sheet:
    return Sheet(columns=data["columns"], ignored_headers=data["ignored"],
                 rows=[SheetRow(number=number, values=values) for number, values in data["rows"]])


def _ref(org):
    return org.pk if isinstance(org, Organisation) else org


def dump_plan(plan) -> dict:
    """The plan as JSON: ids for what exists, values for what the file brings."""
    entries = plan.entries
    index = {id(entry): i for i, entry in enumerate(entries)}
    orgs = {o.pk: o for e in entries for o in e.organisations if isinstance(o, Organisation)}
    orgs |= {i.organisation.pk: i.organisation for i in [*plan.memberships_added, *plan.memberships_changed]
             if i.organisation}
    bodies = {i.body.pk: i.body.name for i in [*plan.memberships_added, *plan.memberships_changed,
                                               *plan.memberships_removed]}
    return {
        "total_rows": plan.total_rows, "is_membership_list": plan.is_membership_list,
        "skipped_anonymised": plan.skipped_anonymised,
        "organisations": {pk: [o.name, o.short_name] for pk, o in orgs.items()},
        "bodies": bodies,
        "entries": [[e.name, e.email, e.rows, [_ref(o) for o in e.organisations], e.changes,
                     e.person.pk if e.person else None, e.person.email if e.person else ""] for e in entries],
        "kinds": [len(plan.new), len(plan.changed), len(plan.unchanged)],
        "invalid_rows": [[number, values, [[e.row, e.column, e.message] for e in errors]]
                         for number, values, errors in plan.invalid_rows],
        "unknown": [[u.name, u.suggested_type, u.rows] for u in plan.unknown_organisations],
        "memberships_added": [[i.body.pk, index[id(i.entry)], i.role, i.organisation.pk if i.organisation else None,
                               i.row] for i in plan.memberships_added],
        "memberships_changed": [[i.body.pk, index[id(i.entry)], i.role, i.organisation.pk if i.organisation else None,
                                 i.row, i.membership.pk, i.old_role, i.membership.organisation_id]
                                for i in plan.memberships_changed],
        "memberships_removed": [[i.body.pk, i.membership.pk, i.membership.person_id, i.membership.person.name,
                                 i.membership.role] for i in plan.memberships_removed],
        "participants_added": [index[id(e)] for e in plan.participants_added],
    }


def load_plan(data) -> Plan:
    """The stored plan with stand-ins for the rows it names (primary keys and the names shown)."""
    orgs = {int(pk): Organisation(pk=int(pk), name=name, short_name=short)
            for pk, (name, short) in data["organisations"].items()}
    bodies = {int(pk): Body(pk=int(pk), name=name) for pk, name in data["bodies"].items()}
    entries = []
    for name, email, rows, refs, changes, person_id, person_email in data["entries"]:
        person = Person(pk=person_id, name=name, email=person_email) if person_id else None
        organisations = [orgs[ref] if isinstance(ref, int) else ref for ref in refs]
        entries.append(PlannedPerson(name=name, email=email, rows=rows, person=person, organisations=organisations,
                                     changes={label: tuple(change) for label, change in changes.items()}))
    new, changed, _unchanged = data["kinds"]
    plan = Plan(
        new=entries[:new], changed=entries[new:new + changed], unchanged=entries[new + changed:],
        invalid_rows=[(number, values, [RowError(*e) for e in errors])
                      for number, values, errors in data["invalid_rows"]],
        unknown_organisations=[UnknownOrganisation(name, kind, rows) for name, kind, rows in data["unknown"]],
        skipped_anonymised=data["skipped_anonymised"], is_membership_list=data["is_membership_list"],
        total_rows=data["total_rows"], participants_added=[entries[i] for i in data["participants_added"]],
    )
    plan.errors = [e for _n, _v, errors in plan.invalid_rows for e in errors]
    for body_id, entry, role, org_id, row in data["memberships_added"]:
        plan.memberships_added.append(PlannedMembership(body=bodies[body_id], entry=entries[entry], role=role,
                                                        organisation=orgs.get(org_id), row=row))
    for body_id, entry, role, org_id, row, membership_id, old_role, old_org_id in data["memberships_changed"]:
        membership = Membership(pk=membership_id, role=old_role, body_id=body_id,
                                person_id=entries[entry].person.pk, organisation_id=old_org_id)
        plan.memberships_changed.append(PlannedMembership(
            body=bodies[body_id], entry=entries[entry], role=role, old_role=old_role, organisation=orgs.get(org_id),
            membership=membership, row=row))
    for body_id, membership_id, person_id, person_name, role in data["memberships_removed"]:
        membership = Membership(pk=membership_id, role=role, body_id=body_id, person_id=person_id)
        membership.person = Person(pk=person_id, name=person_name)
        plan.memberships_removed.append(PlannedMembership(body=bodies[body_id], membership=membership))
    return plan
