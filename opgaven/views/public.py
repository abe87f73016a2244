"""The established agenda, readable by anyone."""

from django.core.paginator import Paginator
from django.http import Http404
from django.shortcuts import get_object_or_404, render

from governance import pages
from governance.access import can_export_participants, can_import
from opgaven import access, layout, publication, selectors
from opgaven.models import Chapter, ChapterKind, Edition

PARTICIPANTS_PER_PAGE = 100


def current_edition():
    edition = Edition.objects.current()
    if edition is None:
        raise Http404("Er is nog geen Netwerkagenda geladen.")
    return edition


def home(request):
    edition = current_edition()
    return edition_page(request, edition, current=edition)


def edition_detail(request, edition_slug):
    return edition_page(request, get_object_or_404(Edition, slug=edition_slug))


def edition_page(request, edition, current=None):
    """An edition's landing page; the current edition's is also the home page. An older one is
    read as it was adopted; a newer one (made with new_edition) is in preparation until
    something of it is established."""
    current = current or Edition.objects.current()
    chapters = selectors.chapter_statuses(request.user, publication.chapters_for(request.user, edition))
    front = publication.front_matter(request.user, edition)
    return render(request, "opgaven/home.html", {
        "edition": front,
        "is_current": edition == current,
        "is_earlier": edition.start_year < current.start_year,
        "can_edit_front_matter": access.can_edit_front_matter(request.user),
        "editions": Edition.objects.order_by("-start_year"),
        "intro_sections": front.intro_sections.all(),
        "principles": front.principles.all(),
        "opgaven": [c for c in chapters if c.kind == ChapterKind.OPGAVE],
        "stelseluitdagingen": [c for c in chapters if c.kind == ChapterKind.STELSELUITDAGING],
    })


def _year_param(request):
    try:
        return int(request.GET.get("jaar", ""))
    except ValueError:
        return None


def chapter_detail(request, edition_slug, chapter_slug):
    chapter = get_object_or_404(Chapter.objects.select_related("edition"),
                                edition__slug=edition_slug, slug=chapter_slug)
    shown = publication.read(request.user, chapter,
                             established_version=request.GET.get("versie") == "vastgesteld")
    if shown is None:
        raise Http404("Dit onderdeel is nog niet vastgesteld.")
    extra = pages.extra_context("chapter_detail", request, chapter=shown, year=_year_param(request))
    return render(request, "opgaven/chapter_detail.html", {
        **selectors.member_tools(request.user, shown),
        "chapter": shown,
        "edition": shown.edition,
        **extra,
        # The document's reading order, for the year's programme the page shows.
        "layout": layout.chapter_layout(shown, extra.get("programme")),
        "loose_footnotes": layout.loose_footnotes(shown),
    })


def participants(request):
    edition = current_edition()
    # Imports make the list as long as the network is (thousands): a page at a time.
    people = edition.participants.public().prefetch_related("organisations").order_by("name", "pk")
    return render(request, "opgaven/participant_list.html", {
        "edition": edition,
        "people": Paginator(people, PARTICIPANTS_PER_PAGE).get_page(request.GET.get("pagina")),
        "can_import": can_import(request.user),
        "can_export": can_export_participants(request.user),
    })

