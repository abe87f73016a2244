"""The public cockpit: the established agenda's progress, for everyone.

Only chapters the netwerkoverleg has established appear, with their text as established;
comments and success-criterion notes stay internal. The latest updates link to the action
pages, where each part's updates can be read."""

from .. import selectors
from ..charts import indicator_chart
from .common import filter_context, render_dashboard


def cockpit(request):
    # Progress is reported on this year's programme: the cockpit opens on it (`?year=alle`: all).
    context = filter_context(request, public=True, current_year=True)
    edition, filters = context["edition"], context["filters"]
    rows = selectors.chapter_overview(edition, filters, public=True)
    context.update(
        rows=rows,
        totals=selectors.totals(rows),
        indicators=[(i, indicator_chart(i)) for i in selectors.indicators(edition, filters, public=True)],
        criteria=selectors.success_criteria(edition, filters, public=True),
        matrix=selectors.matrix(edition, filters, public=True),
        updates=selectors.public_latest_updates(edition, filters),
    )
    return render_dashboard(request, "monitoring/cockpit.html", "monitoring/fragments/cockpit.html", context)
