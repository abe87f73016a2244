"""A plain-text preview of an import, for the command line."""

from django.utils.translation import gettext as _


def preview_lines(result) -> list:
    if result.file_error:
        return [result.file_error]
    plan = result.plan
    lines = [
        _("%(rows)d rijen: %(new)d nieuw, %(changed)d gewijzigd, %(unchanged)d ongewijzigd, %(invalid)d ongeldig.") % {
            "rows": plan.total_rows, "new": len(plan.new), "changed": len(plan.changed),
            "unchanged": len(plan.unchanged), "invalid": len(plan.invalid_rows)},
    ]
    for entry in plan.new:
        lines.append(f"  + {entry.name} ({', '.join(entry.organisation_names) or '-'})")
    for entry in plan.changed:
        changes = "; ".join(f"{label}: {old or '-'} → {new or '-'}" for label, (old, new) in entry.changes.items())
        lines.append(f"  ~ {entry.name}: {changes}")
    if plan.unknown_organisations:
        lines.append(_("Onbekende organisaties:"))
        lines += [f"  ? {u.name} ({u.suggested_type})" for u in plan.unknown_organisations]
    for item in plan.memberships_added:
        lines.append(f"  + {item.person_name} → {item.body.name} ({item.role})")
    for item in plan.memberships_changed:
        lines.append(f"  ~ {item.person_name} → {item.body.name} ({item.old_role} → {item.role})")
    for item in plan.memberships_removed:
        lines.append(f"  - {item.person_name} → {item.body.name}")
    if plan.participants_added:
        lines.append(_("%(count)d deelnemers toegevoegd aan de editie.") % {"count": len(plan.participants_added)})
    if plan.skipped_anonymised:
        lines.append(_("Overgeslagen, op hun verzoek geanonimiseerd (AVG): rij %(rows)s.") % {
            "rows": ", ".join(str(n) for n in plan.skipped_anonymised)})
    lines += result.errors
    return lines
