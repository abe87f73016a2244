from django.apps import AppConfig


class GovernanceConfig(AppConfig):
    name = "governance"
    verbose_name = "Organisaties en gremia"

    def ready(self):
        from governance import signals  # noqa: F401
        from governance.imports import invitations

        invitations.register_notification_kind()
