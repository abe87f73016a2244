"""What the agenda adds to the public pages of bodies and organisations (governance.pages)."""

from governance import pages
from opgaven import publication
from opgaven.models import Edition


def _visible_chapters(request):
    edition = Edition.objects.current()
    return publication.chapters_for(request.user, edition) if edition else []


def steered_chapters(request, bodies):
    """Each body's `linked_chapters`: the chapters of the current edition it is linked to."""
    chapters = _visible_chapters(request)
    links = {}
    if chapters:
        through = chapters[0].__class__.koersgroepen.through
        for chapter_id, body_id in through.objects.filter(
                chapter__in=chapters, body__in=bodies).values_list("chapter_id", "body_id"):
            links.setdefault(body_id, set()).add(chapter_id)
    for body in bodies:
        body.linked_chapters = [c for c in chapters if c.pk in links.get(body.pk, ())]
    return {}


def contributions(request, organisation):
    """What the organisation contributes, as established: what it gives itself (work, money it
    commits, funding it provides), never a cost or a need that merely concerns it."""
    edition = Edition.objects.current()
    if edition is None:
        return {"contributions": []}
    # Only the contributions are thawed: the chapters' text and programmes are not shown here.
    chapters = publication.thaw_parts(publication.published_content(edition), ["contributions"])
    found = [
        contribution
        for chapter in chapters
        for contribution in chapter.contributions.all()
        if contribution.organisation_id == organisation.pk and contribution.gives
    ]
    return {"contributions": found}


def meeting_decisions(request, meeting):
    """The decisions taken in the meeting that the public may read (opgaven.signoff decides)."""
    from opgaven import signoff

    return {"decisions": signoff.with_annexes(request.user, signoff.public_decisions().filter(meeting=meeting))}


def register():
    pages.register("meeting_detail", meeting_decisions)
    pages.register("body_list", steered_chapters)
    pages.register("body_detail", steered_chapters)
    pages.register("organisation_detail", contributions)
