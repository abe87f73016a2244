from django.apps import AppConfig


class MonitoringConfig(AppConfig):
    name = "monitoring"
    verbose_name = "Monitoring"

    def ready(self):
        from governance.permissions import register_netwerkoverleg_permission

        register_netwerkoverleg_permission("monitoring.view_dashboard")
        # The voortgangsrapportage goes through the same PDF pipeline as the agenda.
        from opgaven.models import ExportKind
        from opgaven.pdf.render import register

        from .report import TEMPLATE, context_for_ids

        register(ExportKind.PROGRESS, TEMPLATE, context_for_ids)

        from .notifications import register_kinds

        register_kinds()
