"""The dashboard's action list as a spreadsheet (CSV or XLSX)."""

import tablib
from django.conf import settings
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
               _("Uitvoerders en status van hun deel"), _("Laatste voortgang"), _("Percentage gereed"), _("Pagina")]
    data = tablib.Dataset(headers=headers, title=_("Acties"))
    for action in actions:
        chapter = action.jaarprogramma.chapter
        carriers = "; ".join(f"{c.party_name} ({c.get_role_display()}): {c.get_status_display()}"
                             + (f" {c.percentage}%" if c.percentage is not None else "")
                             for c in action.carriers.all())
        percentage = action.percentage_done
        row = [chapter.display_title, action.jaarprogramma.year, action.number, action.theme, action.title,
               action.get_status_display(), action.due_date.isoformat() if action.due_date else "", carriers,
               action.last_update.isoformat() if action.last_update else "",
               round(percentage) if percentage is not None else None,
               settings.SITE_URL.rstrip("/") + action.get_page_url()]
        data.append([safe_cell(str(v)) if isinstance(v, str) or hasattr(v, "__html__") else safe_cell(v)
                     for v in row])
    return data
