"""Who may do what with the governance data: import and export participant lists, personal data.

Same shape as the other apps' access modules (`can_<verb>(user, …)`)."""


def _active(user):
    return user is not None and user.is_authenticated and user.is_active


def can_import(user) -> bool:
    """Import participant lists: staff who may add people (administrators)."""
    return _active(user) and user.is_staff and user.has_perm("governance.add_person")


def can_export_participants(user) -> bool:
    """Download the participant list with e-mail addresses: staff only."""
    return _active(user) and user.is_staff


def can_view_personal_data(user) -> bool:
    """See everything the portal holds about a person (AVG inzage): staff who may view people."""
    return _active(user) and user.is_staff and user.has_perm("governance.view_person")


def can_anonymise(user) -> bool:
    """Anonymise a person at their request (AVG erasure): staff who may delete people."""
    return _active(user) and user.is_staff and user.has_perm("governance.delete_person")



def needs_two_factor(user) -> bool:
    """Must sign in with a second factor: administrators, members of an establishing body (the
    netwerkoverleg) and whoever may import participants. Everyone else may choose to."""
    from governance.models import BODY_POWERS, BodyPower, Membership

    if not _active(user):
        return False
    if user.is_superuser or user.is_staff or can_import(user):
        return True
    establishing = [kind for kind, power in BODY_POWERS.items() if power == BodyPower.ESTABLISHES]
    return Membership.objects.filter(person__user=user, body__kind__in=establishing).exists()


def member_body_ids(user):
    """Ids of the bodies the user is a member of (remembered on the user object)."""
    if not _active(user):
        return frozenset()
    cached = getattr(user, "_member_body_ids", None)
    if cached is None:
        from governance.models import Membership

        cached = user._member_body_ids = frozenset(
            Membership.objects.filter(person__user=user).values_list("body_id", flat=True))
    return cached


def can_view_meeting(user, meeting) -> bool:
    """Read a meeting's page (agenda, minutes, attendees, documents): anyone when it is public,
    otherwise the members of its body and administrators."""
    if meeting.is_public:
        return True
    if not _active(user):
        return False
    return user.is_superuser or meeting.body_id in member_body_ids(user)
