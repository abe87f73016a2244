"""The dashboard's action list as a spreadsheet (CSV or XLSX)."""

import tablib
from django.utils.translation import gettext as _

# A spreadsheet program runs a cell that starts with one of these as a formula.
FORMULA_TRIGGERS = ("=", "+", "-", "@", "\t", "\r", "\0")


def safe_cell(value):
    if value is None:
        return ""
    if isinstance(value, str) and value.startswith(FORMULA_TRIGGERS):
        return "'" + value
    return value


def action_dataset(actions):
    """One row per action; `actions` comes from selectors.with_progress."""
    headers = [_("Onderdeel"), _("Jaar"), _("Nummer"), _("Thema"), _("Actie"), _("Status"), _("Gereed op"),
               _("Uitvoerende organisaties"), _("Laatste voortgang"), _("Percentage gereed")]
    data = tablib.Dataset(headers=headers, title=_("Acties"))
    for action in actions:
        chapter = action.jaarprogramma.chapter
        carriers = ", ".join(f"{c.organisation} ({c.get_role_display()})" for c in action.carriers.all())
        row = [chapter.display_title, action.jaarprogramma.year, action.number, action.theme, action.title,
               action.get_status_display(), action.due_date.isoformat() if action.due_date else "", carriers,
               action.last_update.isoformat() if action.last_update else "", action.latest_percentage]
        data.append([safe_cell(str(v)) if isinstance(v, str) or hasattr(v, "__html__") else safe_cell(v)
                     for v in row])
    return data
