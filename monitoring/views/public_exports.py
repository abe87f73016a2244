"""The public action list as CSV or XLSX: the actions as established, with their status now.

Same columns as the dashboard's export (monitoring.exports.action_dataset); the rows come from
the publication layer, so a draft action never appears. Progress texts stay internal; the
date of the latest update and the status and percentage of each part are public facts."""

from django.http import Http404, HttpResponse
from django.utils import timezone
from django.views.decorators.http import require_GET

from jaarprogramma.publication import published_actions

from ..exports import action_dataset
from ..models import ProgressUpdate
from .common import filter_context
from .exports import FORMATS


def public_actions(edition, filters):
    chapter = filters.get("chapter")
    actions = published_actions(edition, **({"pk": chapter.pk} if chapter else {}))
    if filters.get("year"):
        actions = [a for a in actions if a.jaarprogramma.year == filters["year"]]
    if filters.get("status"):
        actions = [a for a in actions if a.status == filters["status"]]
    if filters.get("organisation"):
        organisation = filters["organisation"]
        actions = [a for a in actions
                   if any(c.organisation_id and c.organisation.covers(organisation) for c in a.carriers.all())]
    latest = dict(ProgressUpdate.objects.filter(action_id__in=[a.pk for a in actions])
                  .order_by("date", "created_at", "pk").values_list("action_id", "date"))
    for action in actions:
        # The percentage is the parts' (live facts on the established carriers).
        action.last_update = latest.get(action.pk)
    return sorted(actions, key=lambda a: (a.jaarprogramma.chapter.number, a.jaarprogramma.year, a.order, a.pk))


@require_GET
def export_public_actions(request, fmt):
    if fmt not in FORMATS:
        raise Http404("Onbekend exportformaat.")
    context = filter_context(request, public=True)
    content = action_dataset(public_actions(context["edition"], context["filters"])).export(fmt)
    if fmt == "csv":
        content = "\ufeff" + content  # so Excel reads the CSV as UTF-8
    response = HttpResponse(content, content_type=FORMATS[fmt])
    stamp = timezone.localdate().isoformat()
    response["Content-Disposition"] = f'attachment; filename="netwerkagenda-acties-{stamp}.{fmt}"'
    return response
