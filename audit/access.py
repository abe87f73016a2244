"""Who may read the audit log: administrators (staff who may view its entries)."""


def can_read_audit_log(user) -> bool:
    return (user is not None and user.is_authenticated and user.is_active and user.is_staff
            and user.has_perm("audit.view_auditentry"))
