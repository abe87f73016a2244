from django.apps import AppConfig


class MonitoringConfig(AppConfig):
    name = "monitoring"
    verbose_name = "Monitoring"

    def ready(self):
        from django.db.models.signals import post_delete, post_save

        from governance import pages as governance_pages
        from governance.permissions import register_netwerkoverleg_permission
        from jaarprogramma.models import ActionCarrier

        from . import grants, pages, services

        register_netwerkoverleg_permission("monitoring.view_dashboard")
        grants.connect()  # measurement rights for the staff of an indicator's owner
        # An action's status follows its parts, also when a part is added or removed.
        post_save.connect(services.carrier_added, sender=ActionCarrier, dispatch_uid="monitoring.carrier_added")
        post_delete.connect(services.carrier_removed, sender=ActionCarrier, dispatch_uid="monitoring.carrier_removed")
        # The action page (jaarprogramma) shows the updates of each part.
        governance_pages.register("action_detail", pages.action_progress)
        # The voortgangsrapportage goes through the same PDF pipeline as the agenda.
        from opgaven.models import ExportKind
        from opgaven.pdf.render import register

        from .report import TEMPLATE, context_for_ids

        register(ExportKind.PROGRESS, TEMPLATE, context_for_ids)

        from .notifications import register_kinds

        register_kinds()
