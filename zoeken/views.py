"""The search page: /zoeken/?q=… with filters by chapter, kind and year."""

from django.shortcuts import render
from django.views.decorators.http import require_GET

from opgaven import publication
from opgaven.models import Edition

from .forms import SearchForm
from .search import Results, search


def _page(request):
    try:
        return max(1, int(request.GET.get("pagina", "1")))
    except ValueError:
        return 1


@require_GET
def search_page(request):
    edition = Edition.objects.current()
    chapters = publication.chapters_for(request.user, edition) if edition else []
    form = SearchForm(request.GET or None, chapters=chapters, years=edition.years if edition else ())
    results = Results(query="")
    if form.is_bound and form.is_valid():
        results = search(request.user, form.cleaned_data["q"], page=_page(request), **form.search_arguments())
    query = request.GET.copy()
    query.pop("pagina", None)
    return render(request, "zoeken/search.html", {
        "form": form, "results": results, "query_string": query.urlencode(),
    })
