"""Who may do what with a chapter: each rule once, read from the derived grants.

The grants follow from memberships (opgaven/grants.py derives them; the body's kind decides):
- `can_edit`: schrijvers of a steering body (koersgroep) linked to the chapter;
- `can_comment`: every member of a body linked to the chapter, steering or advisory
  (reflectiegroep, klankbordgroep …), and the netwerkoverleg; they also propose new text
  (`can_suggest`), which the writers accept or decline (`can_handle_suggestions`);
- `can_establish`: the netwerkoverleg;
- `can_view_draft`: whoever may do one of those reads the draft; everyone else reads what
  was established (opgaven.publication);
- `can_export`: the netwerkoverleg (through its group) and whoever holds `export_agenda`.
Active superusers may do everything. What the user may do is looked up once per user object
(for a request: once per request) and remembered on it.

The `get_*` helpers load an object for a view, like healthchecks' `_get_rw_check_for_user`: an
object that does not exist (or is not the chapter's) is a 404, a logged-in user without the
right gets a 403. Views are wrapped in login_required, so anonymous visitors log in first."""

from django.core.exceptions import PermissionDenied
from django.shortcuts import get_object_or_404

from opgaven.models import Chapter, Comment, Suggestion

EDIT = "edit_chapter_content"
COMMENT = "comment_chapter"
ESTABLISH = "establish_chapter"
DRAFT_PERMISSIONS = (EDIT, COMMENT, ESTABLISH)
EXPORT_PERMISSION = "opgaven.export_agenda"


def _active(user):
    return user is not None and user.is_authenticated and user.is_active


def _chapters_granted(user, codenames):
    """The chapters on which the user holds any of these grants (directly or through a group)."""
    from guardian.shortcuts import get_objects_for_user

    if user.is_superuser:
        return Chapter.objects.all()
    # Bare codenames: guardian takes the content type from the model (cached by Django).
    return get_objects_for_user(user, list(codenames), Chapter, any_perm=True, accept_global_perms=False,
                                with_superuser=False)


def _granted_ids(user, codename):
    """Ids of the chapters on which the user holds `codename`; remembered on the user object."""
    if not _active(user):
        return frozenset()
    cache = getattr(user, "_chapter_grants", None)
    if cache is None:
        cache = {}
        user._chapter_grants = cache
    if codename not in cache:
        cache[codename] = frozenset(_chapters_granted(user, [codename]).values_list("pk", flat=True))
    return cache[codename]


def can_edit(user, chapter) -> bool:
    """Edit the chapter's sections, ambitions, contributions and jaarprogramma; handle comments."""
    return chapter.pk in _granted_ids(user, EDIT)


def can_comment(user, chapter) -> bool:
    return chapter.pk in _granted_ids(user, COMMENT)


def can_establish(user, chapter) -> bool:
    """Move the chapter through concept → ter bespreking → vastgesteld."""
    return chapter.pk in _granted_ids(user, ESTABLISH)


def can_handle_comments(user, chapter) -> bool:
    # The writers answer the comments on what they wrote.
    return can_edit(user, chapter)


def can_suggest(user, chapter) -> bool:
    """Propose new text for an item of the chapter (a tracked change), and read the proposals."""
    return can_comment(user, chapter)


def can_handle_suggestions(user, chapter) -> bool:
    # A proposal becomes the writers' text, or their answer.
    return can_edit(user, chapter)


def draft_chapter_ids(user):
    """Ids of the chapters whose draft this user may read (remembered on the user object)."""
    if not _active(user):
        return frozenset()
    cached = getattr(user, "_draft_chapter_ids", None)
    if cached is None:
        cached = frozenset(_chapters_granted(user, DRAFT_PERMISSIONS).values_list("pk", flat=True))
        user._draft_chapter_ids = cached
    return cached


def can_view_draft(user, chapter) -> bool:
    """Whoever may edit, comment on or establish a chapter reads along with its draft."""
    return chapter.pk in draft_chapter_ids(user)


def can_export(user) -> bool:
    """Start a PDF export of the agenda (or of the voortgangsrapportage)."""
    return _active(user) and user.has_perm(EXPORT_PERMISSION)


def chapters_editable_for(user):
    if not _active(user):
        return Chapter.objects.none()
    return _chapters_granted(user, [EDIT])


def chapters_in_draft_for(user):
    """The chapters whose draft the user reads (edits, comments on or establishes)."""
    if not _active(user):
        return Chapter.objects.none()
    return _chapters_granted(user, DRAFT_PERMISSIONS)


def get_chapter(request, edition_slug, chapter_slug, *, allowed=None):
    """The chapter; 403 when `allowed(user, chapter)` (one of the can_* above) says no."""
    chapter = get_object_or_404(
        Chapter.objects.select_related("edition"), edition__slug=edition_slug, slug=chapter_slug
    )
    if allowed is not None and not allowed(request.user, chapter):
        raise PermissionDenied
    return chapter


def get_chapter_for_edit(request, edition_slug, chapter_slug):
    return get_chapter(request, edition_slug, chapter_slug, allowed=can_edit)


def get_chapter_for_comment(request, edition_slug, chapter_slug):
    return get_chapter(request, edition_slug, chapter_slug, allowed=can_comment)


def get_chapter_for_establish(request, edition_slug, chapter_slug):
    return get_chapter(request, edition_slug, chapter_slug, allowed=can_establish)


def get_comment_for_handling(request, chapter, pk):
    comment = get_object_or_404(Comment.objects.select_related("author"), pk=pk, chapter=chapter)
    if not can_handle_comments(request.user, chapter):
        raise PermissionDenied
    return comment


def get_chapter_for_suggestions(request, edition_slug, chapter_slug):
    return get_chapter(request, edition_slug, chapter_slug, allowed=can_suggest)


def get_suggestion(request, chapter, pk, *, handle=False):
    """A suggestion on the chapter; with `handle`, only for those who accept or decline it."""
    suggestion = get_object_or_404(Suggestion.objects.select_related("author", "decided_by", "item_type", "comment"),
                                   pk=pk, chapter=chapter)
    allowed = can_handle_suggestions if handle else can_suggest
    if not allowed(request.user, chapter):
        raise PermissionDenied
    return suggestion


def get_item(parent, editable, pk):
    """A chapter's (or jaarprogramma's) item of the given kind; 404 if it belongs elsewhere."""
    return get_object_or_404(editable.model, pk=pk, **editable.in_parent(parent))


def can_take_step(user, step, subject) -> bool:
    """Take a step of the sign-off route (opgaven.signoff) for this chapter (or front matter).

    A step without a body or organisation belongs to the text's own writers (offering it,
    closing the feedback round); the netwerkoverleg's step is establishing; an organisation's
    akkoord is given by those who represent it in the netwerkoverleg; any other body's step by
    its members."""
    if not _active(user):
        return False
    if user.is_superuser:
        return True
    if not isinstance(subject, Chapter):
        writes = can_edit_front_matter(user)
        if step.body_id is None and step.organisation_id is None or step.body_id and step.body.establishes:
            return writes
    elif step.body_id is None and step.organisation_id is None:
        return can_edit(user, subject)
    from governance.models import Body, Membership

    memberships = Membership.objects.filter(person__user=user)
    if step.organisation_id is not None:
        return memberships.filter(body__in=Body.objects.establishing(),
                                  organisation_id=step.organisation_id).exists()
    if step.body.establishes:
        return can_establish(user, subject)
    return memberships.filter(body_id=step.body_id).exists()


def can_view_route(user, subject) -> bool:
    """See where a chapter (or the front matter) is in its sign-off route: whoever reads its
    draft, and whoever takes one of the route's steps (the bestuurlijk overleg reads what it
    ratifies)."""
    if can_view_draft(user, subject) if isinstance(subject, Chapter) else can_edit_front_matter(user):
        return True
    from opgaven.models import RouteStep

    edition_id = subject.edition_id if isinstance(subject, Chapter) else subject.pk
    steps = RouteStep.objects.filter(edition_id=edition_id).select_related("body")
    return _active(user) and any(can_take_step(user, step, subject) for step in steps)


def can_edit_front_matter(user) -> bool:
    """The netwerkoverleg owns the motto, the introduction and the manifest (000: "Het
    Netwerkoverleg neemt de verantwoordelijkheid om het motto te ontwikkelen"): its members
    edit them in the browser and read their draft."""
    if not _active(user):
        return False
    if user.is_superuser:
        return True
    cached = getattr(user, "_edits_front_matter", None)
    if cached is None:
        from governance.models import Body, Membership

        cached = user._edits_front_matter = Membership.objects.filter(
            person__user=user, body__in=Body.objects.establishing()).exists()
    return cached
