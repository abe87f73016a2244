from django.urls import path

from .views import cockpit, dashboard, exports, indicators, public_exports, updates

app_name = "monitoring"

urlpatterns = [
    path("", dashboard.overview, name="dashboard"),
    path("organisaties/", dashboard.organisations, name="organisations"),
    path("matrix/", dashboard.matrix, name="matrix"),
    path("indicatoren/", dashboard.indicators, name="indicators"),
    path("indicatoren/<int:pk>/", indicators.indicator_detail, name="indicator_detail"),
    path("acties/", dashboard.action_list, name="actions"),
    path("acties/export.<str:fmt>", exports.export_actions, name="export_actions"),
    path("mijn-acties/", updates.my_actions, name="my_actions"),
    path("acties/<int:pk>/voortgang/", updates.action_progress, name="action_progress"),
    path("succescriteria/", dashboard.success_criteria, name="success_criteria"),
    path("succescriteria/<int:pk>/", dashboard.mark_criterion, name="mark_criterion"),
    path("perioden/nieuw/", dashboard.period_create, name="period_create"),
    path("rapportage/", exports.report_preview, name="report"),
    path("rapportage/pdf/", exports.report_pdf, name="report_pdf"),
    path("cockpit/", cockpit.cockpit, name="cockpit"),
    path("cockpit/acties.<str:fmt>", public_exports.export_public_actions, name="public_actions"),
]
