from django import template
from django.utils.translation import gettext as _

from jaarprogramma.models import ActionStatus

from ..charts import status_bar

register = template.Library()


@register.filter
def status_segments(row):
    return status_bar(row.counts, row.total) if row.total else []


@register.filter
def status_summary(row):
    """'12 acties: 3 op schema, 1 risico' — the bar's text alternative."""
    parts = [f"{count} {status.label.lower()}" for status, count in row.counts if count]
    if not parts:
        return _("geen acties")
    return _("%(total)s acties: %(parts)s") % {"total": row.total, "parts": ", ".join(parts)}


@register.filter
def percentage(value):
    if value is None:
        return "–"
    return f"{round(value)}%"


@register.simple_tag
def status_choices():
    return list(ActionStatus)
