from django.http import Http404
from django.shortcuts import render

from .. import selectors
from ..forms import DashboardFilterForm


def filter_context(request, *, public=False, current_year=False):
    """The edition, the filter form and the valid filters for a dashboard request; with
    `current_year`, a view that opens on the current programme year (`?year=alle`: every year)."""
    edition = selectors.current_edition()
    if edition is None:
        raise Http404("Er is nog geen Netwerkagenda geladen.")
    default_year = selectors.current_programme_year(edition, public=public) if current_year else None
    form = DashboardFilterForm(request.GET or None, edition=edition, public=public, default_year=default_year)
    filters = form.filters()
    # The filters travel with the tab links; the page number belongs to one list only.
    tab_query = request.GET.copy()
    tab_query.pop("pagina", None)
    return {"edition": edition, "filter_form": form, "filters": filters,
            "query": request.GET.urlencode(), "tab_query": tab_query.urlencode()}


def render_dashboard(request, template, fragment, context):
    """The whole page, or only the results fragment when htmx asks for it."""
    context["fragment"] = fragment
    htmx = getattr(request, "htmx", None)
    if htmx and not htmx.history_restore_request:
        return render(request, fragment, context)
    return render(request, template, context)
