"""Reads for the chapter page's members' tools. What the page shows of the agenda itself is
decided by opgaven.publication."""

from opgaven import access, signoff
from opgaven.models import ChapterStatus, CommentStatus


def chapter_statuses(user, chapters):
    """Give each chapter the status a list shows (`status_label`, `status_key`): where its text
    is in its sign-off route ("wacht op akkoord SPN") for whoever reads its draft, what the public
    reads (vastgesteld) for everyone else. A fixed number of queries, however many chapters."""
    chapters = list(chapters)
    routes = signoff.routes_for([c for c in chapters if access.can_view_draft(user, c)])
    for chapter in chapters:
        route = routes.get(chapter.pk)
        chapter.status_label = route.label if route else ChapterStatus.ESTABLISHED.label
        chapter.status_key = chapter.status if route else ChapterStatus.ESTABLISHED
    return chapters


def member_tools(user, chapter):
    """What a logged-in user may do on the chapter page (opgaven.access decides)."""
    if not user.is_authenticated:
        return {"member_tools": None}
    may_comment = access.can_comment(user, chapter)
    sees_draft = access.can_view_draft(user, chapter)
    return {
        "member_tools": {
            "can_edit": access.can_edit(user, chapter),
            "can_establish": access.can_establish(user, chapter),
            "can_comment": may_comment,
            # Where the text is in its sign-off route ("wacht op akkoord SPN").
            "route": signoff.route_for(chapter, user) if sees_draft else None,
            "open_comments": list(
                chapter.comments.filter(status=CommentStatus.OPEN).select_related("author", "ambition")[:20]
            ) if may_comment else [],
        }
    }
