from django.apps import AppConfig


class GovernanceConfig(AppConfig):
    name = "governance"
    verbose_name = "Organisaties en gremia"

    def ready(self):
        from governance import signals  # noqa: F401
        from governance.imports import invitations

        invitations.register_notification_kind()
        # An e-mail the broker could not take is sent when it is back (governance.jobs.recover).
        from governance import jobs
        from governance.notifications.models import Notification
        from governance.notifications.services import owed_emails

        jobs.register_outbox(Notification, task_name="governance.tasks.send_notification", owed=owed_emails)
