from django.http import Http404
from django.shortcuts import render

from .. import selectors
from ..forms import DashboardFilterForm


def filter_context(request, *, public=False):
    """The edition, the filter form and the valid filters for a dashboard request."""
    edition = selectors.current_edition()
    if edition is None:
        raise Http404("Er is nog geen Netwerkagenda geladen.")
    form = DashboardFilterForm(request.GET or None, edition=edition, public=public)
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
