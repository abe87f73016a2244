from django.contrib import admin
from guardian.admin import GuardedModelAdminMixin
from simple_history.admin import SimpleHistoryAdmin

from .models import Action, ActionCarrier, Jaarprogramma, SubItem, SuccessCriterion


class SuccessCriterionInline(admin.TabularInline):
    model = SuccessCriterion
    extra = 0


class ActionInline(admin.TabularInline):
    model = Action
    extra = 0
    fields = ["number", "theme", "title", "status", "order"]
    readonly_fields = ["status"]
    show_change_link = True


@admin.register(Jaarprogramma)
class JaarprogrammaAdmin(SimpleHistoryAdmin):
    list_display = ["chapter", "year"]
    list_filter = ["year", "chapter"]
    inlines = [SuccessCriterionInline, ActionInline]


class SubItemInline(admin.TabularInline):
    model = SubItem
    extra = 0


class CarrierInline(admin.TabularInline):
    """An organisation or a body per row. Each part's status and percentage are progress: they
    change only through a progress update (monitoring.services)."""

    model = ActionCarrier
    extra = 0
    fields = ["organisation", "body", "role", "inferred", "note", "status", "percentage"]
    readonly_fields = ["status", "percentage"]
    autocomplete_fields = ["organisation", "body"]


@admin.register(Action)
class ActionAdmin(GuardedModelAdminMixin, SimpleHistoryAdmin):
    """Object permissions here are for groups; user grants are derived (governance.permissions)."""

    list_display = ["number", "title", "jaarprogramma", "status"]
    list_select_related = ["jaarprogramma__chapter"]
    list_filter = ["status", "jaarprogramma__year", "jaarprogramma__chapter"]
    search_fields = ["title"]
    # The status is progress: it changes only through a progress update (monitoring.services).
    readonly_fields = ["status"]
    inlines = [SubItemInline, CarrierInline]


admin.site.register(SuccessCriterion, SimpleHistoryAdmin)
