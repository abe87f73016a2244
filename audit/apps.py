from django.apps import AppConfig


class AuditConfig(AppConfig):
    name = "audit"
    verbose_name = "Auditlog"

    def ready(self):
        from netwerkagenda.privacy import erasure, retention

        from . import privacy, receivers

        receivers.connect()
        retention.register("auditlog", privacy.purge_expired)
        erasure.register_scrubber(privacy.scrub_person)
