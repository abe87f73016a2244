"""Who may do what in a feedback round. Writers (or, for the whole agenda, the netwerkoverleg)
open rounds and answer; invited people comment while the round is open."""

from governance.permissions import users_of_bodies, users_of_establishing_bodies
from opgaven import access as opgaven_access


def _active(user):
    return user is not None and user.is_authenticated and user.is_active


def _establishes(user):
    return user.is_superuser or users_of_establishing_bodies().filter(pk=user.pk).exists()


def can_open_round(user, edition, chapter=None) -> bool:
    if not _active(user):
        return False
    if chapter is None:
        return _establishes(user)
    return opgaven_access.can_edit(user, chapter) or opgaven_access.can_establish(user, chapter)


def can_answer(user, round) -> bool:
    """The writers of the chapter (the netwerkoverleg for the whole agenda) answer remarks."""
    if not _active(user):
        return False
    if round.chapter_id is None:
        return _establishes(user)
    return user.is_superuser or opgaven_access.can_edit(user, round.chapter)


def invited(round):
    """The users a round is for (besides those who answer)."""
    from django.contrib.auth import get_user_model

    if round.everyone:
        return get_user_model().objects.filter(is_active=True)
    return users_of_bodies(round.invited_bodies.all()).filter(is_active=True)


def is_invited(user, round) -> bool:
    return _active(user) and (round.everyone or invited(round).filter(pk=user.pk).exists())


def can_view(user, round) -> bool:
    return is_invited(user, round) or can_answer(user, round) or can_open_round(user, round.edition, round.chapter)


def can_comment(user, round) -> bool:
    return round.is_open and (is_invited(user, round) or can_answer(user, round))


def can_close(user, round) -> bool:
    return round.is_open and can_open_round(user, round.edition, round.chapter)


def can_discuss(user, remark) -> bool:
    """The thread under a remark: its author and those who answer."""
    return _active(user) and (remark.author_id == user.pk or can_answer(user, remark.round))
