"""What the agenda tells people (through governance.notifications): a chapter they write takes a
step of its sign-off route (opgaven.signoff.step_taken), a comment of theirs is answered."""

from django.contrib.auth import get_user_model
from django.utils.translation import gettext as _

from governance.notifications import kinds
from governance.notifications.services import notify, notify_many
from opgaven.access import EDIT
from opgaven.models import DecisionOutcome, StepKind

CHAPTER_OFFERED = "hoofdstuk_aangeboden"
CHAPTER_ESTABLISHED = "hoofdstuk_vastgesteld"
CHAPTER_SENT_BACK = "hoofdstuk_teruggestuurd"
CHAPTER_ADOPTED = "hoofdstuk_aangenomen"
COMMENT_ANSWERED = "reactie_beantwoord"


def register():
    from opgaven import signoff

    kinds.register(CHAPTER_OFFERED, _("Een onderdeel waaraan u schrijft is ter bespreking aangeboden"))
    kinds.register(CHAPTER_ESTABLISHED, _("Een onderdeel waaraan u schrijft is vastgesteld"))
    kinds.register(CHAPTER_SENT_BACK, _("Een onderdeel waaraan u schrijft is teruggestuurd"))
    kinds.register(CHAPTER_ADOPTED, _("Een onderdeel waaraan u schrijft heeft een akkoord of bekrachtiging gekregen"))
    kinds.register(COMMENT_ANSWERED, _("Uw reactie is beantwoord"))
    signoff.step_taken.connect(step_taken, dispatch_uid="opgaven.notifications.step_taken")


def writers(chapter):
    """The active users who edit the chapter (its steering bodies' schrijvers), from the grants."""
    return get_user_model().objects.filter(
        is_active=True, chapteruserobjectpermission__content_object=chapter,
        chapteruserobjectpermission__permission__codename=EDIT,
    ).distinct().order_by("pk")


def _kind_of(step, outcome):
    if outcome == DecisionOutcome.SENT_BACK:
        return CHAPTER_SENT_BACK
    if step.kind == StepKind.OFFER:
        return CHAPTER_OFFERED
    if step.kind == StepKind.ESTABLISH or step.publishes:
        return CHAPTER_ESTABLISHED
    return CHAPTER_ADOPTED


def step_taken(sender, *, decision, chapter, step, user, **kwargs):
    if chapter is None:  # the edition's front matter has no writers of its own to tell
        return
    kind = _kind_of(step, decision.outcome)
    title = chapter.title
    subject = {
        CHAPTER_SENT_BACK: _("%(chapter)s is teruggestuurd: %(step)s"),
        CHAPTER_OFFERED: _("%(chapter)s is ter bespreking aangeboden"),
        CHAPTER_ESTABLISHED: _("%(chapter)s is vastgesteld: %(step)s"),
        CHAPTER_ADOPTED: _("%(chapter)s: %(step)s aangenomen"),
    }[kind] % {"chapter": title, "step": step.name.lower()}
    text = decision.reasons if kind == CHAPTER_SENT_BACK else decision.text
    notify_many(
        [writer for writer in writers(chapter) if writer.pk != getattr(user, "pk", None)], kind,
        subject=subject, text=text, url=chapter.get_absolute_url(), key=f"besluit-{decision.pk}",
    )


def comment_answered(comment):
    """The author hears how their comment was answered (not when they answer it themselves)."""
    if comment.author_id == comment.handled_by_id:
        return None
    return notify(
        comment.author, COMMENT_ANSWERED,
        subject=_("Uw reactie op %(chapter)s is beantwoord") % {"chapter": comment.chapter.title},
        text=comment.reply, url=comment.chapter.get_absolute_url(),
    )
