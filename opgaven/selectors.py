"""Reads for the chapter page's members' tools. What the page shows of the agenda itself is
decided by opgaven.publication."""

from guardian.core import ObjectPermissionChecker

from opgaven.access import can_comment
from opgaven.models import CommentStatus


def member_tools(user, chapter):
    """What a logged-in user may do on the chapter page, with one prefetched permission check."""
    if not user.is_authenticated:
        return {"member_tools": None}
    checker = ObjectPermissionChecker(user)
    checker.prefetch_perms([chapter])
    can_edit = checker.has_perm("edit_chapter_content", chapter)
    may_comment = can_comment(user, chapter)
    return {
        "member_tools": {
            "can_edit": can_edit,
            "can_establish": checker.has_perm("establish_chapter", chapter),
            "can_comment": may_comment,
            "open_comments": list(
                chapter.comments.filter(status=CommentStatus.OPEN).select_related("author", "ambition")[:20]
            ) if may_comment else [],
        }
    }
