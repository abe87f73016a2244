"""Who may do what with the governance data: import and export participant lists.

Same shape as the other apps' access modules (`can_<verb>(user, …)`)."""


def _active(user):
    return user is not None and user.is_authenticated and user.is_active


def can_import(user) -> bool:
    """Import participant lists: staff who may add people (administrators)."""
    return _active(user) and user.is_staff and user.has_perm("governance.add_person")


def can_export_participants(user) -> bool:
    """Download the participant list with e-mail addresses: staff only."""
    return _active(user) and user.is_staff
