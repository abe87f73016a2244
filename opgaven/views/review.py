"""Review rounds: comments by the members of the chapter's bodies, answered by its writers."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _

from opgaven import access, services
from opgaven.forms import CommentForm, CommentReplyForm


@login_required
def chapter_comments(request, edition_slug, chapter_slug):
    chapter = access.get_chapter_for_comment(request, edition_slug, chapter_slug)
    form = CommentForm(request.POST or None, chapter=chapter)
    if request.method == "POST" and form.is_valid():
        services.add_comment(chapter=chapter, author=request.user, text=form.cleaned_data["text"],
                             ambition=form.cleaned_data["ambition"])
        messages.success(request, _("Uw commentaar is geplaatst."))
        return redirect("opgaven:chapter_comments", edition_slug, chapter_slug)
    context = {
        "chapter": chapter,
        "form": form,
        "comments": chapter.comments.select_related("author", "ambition", "handled_by"),
        "can_handle": access.can_handle_comments(request.user, chapter),
    }
    return render(request, "opgaven/chapter_comments.html", context, status=422 if form.errors else 200)


@login_required
def comment_handle(request, edition_slug, chapter_slug, pk):
    chapter = access.get_chapter(request, edition_slug, chapter_slug)
    comment = access.get_comment_for_handling(request, chapter, pk)
    form = CommentReplyForm(request.POST or None, initial={"reply": comment.reply, "version": comment.version})
    if request.method == "POST" and form.is_valid():
        try:
            services.handle_comment(comment=comment, user=request.user, reply=form.cleaned_data["reply"],
                                    version=form.cleaned_data["version"])
        except services.VersionConflict as conflict:
            # Their answer stays; this writer sees it and may still answer again, now knowingly.
            return _answered_meanwhile(request, chapter, conflict.stored)
        messages.success(request, _("Het commentaar is afgehandeld."))
        return redirect("opgaven:chapter_comments", edition_slug, chapter_slug)
    return render(request, "opgaven/comment_handle.html", {"chapter": chapter, "comment": comment, "form": form},
                  status=422 if form.errors else 200)


def _answered_meanwhile(request, chapter, stored):
    data = request.POST.copy()
    data["version"] = stored.version
    form = CommentReplyForm(data)
    form.is_valid()
    context = {"chapter": chapter, "comment": stored, "form": form, "answered_meanwhile": True}
    return render(request, "opgaven/comment_handle.html", context, status=409)
