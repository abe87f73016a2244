"""A body's meetings: date, agenda, who attended, the minutes and the documents."""

from django.contrib.auth.views import redirect_to_login
from django.http import FileResponse, Http404
from django.shortcuts import get_object_or_404, render

from governance import access, pages
from governance.models import Meeting, MeetingDocument, Person


def _meeting(request, slug, pk):
    """(the meeting, None) for whoever may read it; (None, a redirect) for an anonymous visitor
    who must sign in first. Other outsiders learn nothing of it: 404."""
    meeting = get_object_or_404(Meeting.objects.select_related("body"), pk=pk, body__slug=slug)
    if access.can_view_meeting(request.user, meeting):
        return meeting, None
    if not request.user.is_authenticated:
        return None, redirect_to_login(request.get_full_path())
    raise Http404("Deze vergadering bestaat niet of is niet openbaar.")


def meeting_detail(request, slug, pk):
    meeting, login = _meeting(request, slug, pk)
    if login:
        return login
    # Demo people (load_demo_accounts) are never shown on public pages.
    attendees = (Person.objects.public().filter(meetings_attended=meeting)
                 .prefetch_related("organisations").order_by("name"))
    return render(request, "governance/meeting_detail.html", {
        "meeting": meeting,
        "body": meeting.body,
        "attendees": attendees,
        "documents": meeting.documents.all(),
        **pages.extra_context("meeting_detail", request, meeting=meeting),
    })


def meeting_document(request, slug, pk, document_pk):
    meeting, login = _meeting(request, slug, pk)
    if login:
        return login
    document = get_object_or_404(MeetingDocument, pk=document_pk, meeting=meeting)
    try:
        handle = document.file.open("rb")
    except FileNotFoundError:
        raise Http404("Dit stuk is niet meer beschikbaar.") from None
    return FileResponse(handle, as_attachment=True, filename=document.file.name.rsplit("/", 1)[-1])
