"""One access helper per protected object; every edit view loads through these.

Like healthchecks' `_get_rw_check_for_user`: an object that does not exist (or is not the
chapter's) is a 404, a logged-in user without the right permission gets a 403. Views are
wrapped in login_required, so anonymous visitors are sent to the login page first."""

from django.core.exceptions import PermissionDenied
from django.shortcuts import get_object_or_404

from opgaven.models import Chapter, Comment


def get_chapter(request, edition_slug, chapter_slug, *, perm=None):
    chapter = get_object_or_404(
        Chapter.objects.select_related("edition"), edition__slug=edition_slug, slug=chapter_slug
    )
    if perm and not request.user.has_perm(f"opgaven.{perm}", chapter):
        raise PermissionDenied
    return chapter


def get_chapter_for_edit(request, edition_slug, chapter_slug):
    return get_chapter(request, edition_slug, chapter_slug, perm="edit_chapter_content")


def can_comment(user, chapter):
    """Readers, members and every other logged-in user may comment on a chapter."""
    return user.is_authenticated and user.is_active


def get_comment_for_handling(request, chapter, pk):
    comment = get_object_or_404(Comment.objects.select_related("author"), pk=pk, chapter=chapter)
    if not request.user.has_perm("opgaven.edit_chapter_content", chapter):
        raise PermissionDenied
    return comment


def get_item(parent, editable, pk):
    """A chapter's (or jaarprogramma's) item of the given kind; 404 if it belongs elsewhere."""
    return get_object_or_404(editable.model, pk=pk, **{editable.parent: parent})
