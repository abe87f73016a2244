"""Reads for the chapter page: the established text for the public, tools for members.

"An established version is what the public sees": once writers start the next draft, the
content anonymous visitors see is taken from the history as it stood at `established_at`,
while logged-in members read the current draft. The established content replaces the prefetched
relations on the chapter (and programme), so templates keep using `chapter.ambitions.all`.
"""

from guardian.core import ObjectPermissionChecker

from jaarprogramma.models import Action, ActionCarrier, SubItem, SuccessCriterion
from opgaven.access import can_comment
from opgaven.models import Ambition, ChapterStatus, CommentStatus, Contribution, Footnote, Quote, Section


def _as_prefetched(model, items):
    queryset = model.objects.none()
    queryset._result_cache = list(items)
    queryset._prefetch_done = True
    return queryset


def _cache(instance, name, model, items):
    if not hasattr(instance, "_prefetched_objects_cache"):
        instance._prefetched_objects_cache = {}
    instance._prefetched_objects_cache[name] = _as_prefetched(model, items)


def shows_established_version(user, chapter):
    """Anonymous visitors of a chapter whose next draft has started see the established text.

    While a chapter is 'vastgesteld' its current content *is* the established version: the
    first edit after establishing moves it back to concept (opgaven.services.start_draft)."""
    return (
        not user.is_authenticated
        and chapter.established_at is not None
        and chapter.status != ChapterStatus.ESTABLISHED
    )


def apply_established_version(chapter, programme=None):
    """Swap the chapter's (and programme's) content for what it was when last established."""
    at = chapter.established_at
    organisations = {}
    contributions = list(Contribution.history.as_of(at).filter(chapter_id=chapter.pk).order_by("order"))
    _attach_organisations(contributions, organisations)
    for name, model, items in [
        ("sections", Section, Section.history.as_of(at).filter(chapter_id=chapter.pk).order_by("order")),
        ("ambitions", Ambition, Ambition.history.as_of(at).filter(chapter_id=chapter.pk).order_by("order", "number")),
        ("contributions", Contribution, contributions),
        ("quotes", Quote, Quote.history.as_of(at).filter(chapter_id=chapter.pk).order_by("order")),
        ("footnotes", Footnote, Footnote.history.as_of(at).filter(chapter_id=chapter.pk).order_by("number")),
    ]:
        _cache(chapter, name, model, items)
    if programme is not None:
        _apply_established_programme(programme, at, organisations)
    return chapter


def _attach_organisations(items, cache):
    from governance.models import Organisation

    wanted = {i.organisation_id for i in items if i.organisation_id and i.organisation_id not in cache}
    cache.update(Organisation.objects.in_bulk(wanted))
    for item in items:
        if item.organisation_id:
            item.organisation = cache.get(item.organisation_id)


def _apply_established_programme(programme, at, organisations):
    criteria = SuccessCriterion.history.as_of(at).filter(jaarprogramma_id=programme.pk).order_by("order")
    actions = list(Action.history.as_of(at).filter(jaarprogramma_id=programme.pk).order_by("order"))
    action_ids = [a.pk for a in actions]
    carriers = [c for c in ActionCarrier.history.as_of(at).filter(action_id__in=action_ids)]
    subitems = list(SubItem.history.as_of(at).filter(action_id__in=action_ids).order_by("letter"))
    _attach_organisations(carriers, organisations)
    carriers = [c for c in carriers if c.organisation is not None]
    for action in actions:
        _cache(action, "carriers", ActionCarrier,
               sorted((c for c in carriers if c.action_id == action.pk), key=lambda c: c.organisation.name))
        _cache(action, "subitems", SubItem, [s for s in subitems if s.action_id == action.pk])
    _cache(programme, "success_criteria", SuccessCriterion, criteria)
    _cache(programme, "actions", Action, actions)
    return programme


def member_tools(user, chapter):
    """What a logged-in user may do on the chapter page, with one prefetched permission check."""
    if not user.is_authenticated:
        return {"member_tools": None}
    checker = ObjectPermissionChecker(user)
    checker.prefetch_perms([chapter])
    return {
        "member_tools": {
            "can_edit": checker.has_perm("edit_chapter_content", chapter),
            "can_establish": checker.has_perm("establish_chapter", chapter),
            "can_comment": can_comment(user, chapter),
            "is_draft": chapter.status != ChapterStatus.ESTABLISHED,
            "open_comments": list(
                chapter.comments.filter(status=CommentStatus.OPEN).select_related("author", "ambition")[:20]
            ),
        }
    }
