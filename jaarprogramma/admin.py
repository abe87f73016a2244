from django.contrib import admin
from guardian.admin import GuardedModelAdminMixin
from simple_history.admin import SimpleHistoryAdmin

from opgaven.admin_writes import VersionedAdminMixin, VersionedInlineMixin

from .models import Action, ActionCarrier, Jaarprogramma, SubItem, SuccessCriterion


class SuccessCriterionInline(VersionedInlineMixin, admin.TabularInline):
    model = SuccessCriterion
    extra = 0


class ActionInline(VersionedInlineMixin, admin.TabularInline):
    model = Action
    extra = 0
    fields = ["number", "theme", "title", "status", "order"]
    readonly_fields = ["status"]
    show_change_link = True


@admin.register(Jaarprogramma)
class JaarprogrammaAdmin(VersionedAdminMixin, SimpleHistoryAdmin):
    list_display = ["chapter", "year"]
    list_filter = ["year", "chapter"]
    inlines = [SuccessCriterionInline, ActionInline]


class SubItemInline(VersionedInlineMixin, admin.TabularInline):
    model = SubItem
    extra = 0


class CarrierInline(VersionedInlineMixin, admin.TabularInline):
    """An organisation or a body per row. Each part's status and percentage are progress: they
    change only through a progress update (monitoring.services)."""

    model = ActionCarrier
    extra = 0
    fields = ["organisation", "body", "role", "inferred", "note", "status", "percentage"]
    readonly_fields = ["status", "percentage"]
    autocomplete_fields = ["organisation", "body"]


@admin.register(Action)
class ActionAdmin(VersionedAdminMixin, GuardedModelAdminMixin, SimpleHistoryAdmin):
    """Object permissions here are for groups; user grants are derived (governance.permissions)."""

    list_display = ["number", "title", "jaarprogramma", "status"]
    list_select_related = ["jaarprogramma__chapter"]
    list_filter = ["status", "jaarprogramma__year", "jaarprogramma__chapter"]
    search_fields = ["title"]
    # The status is progress: it changes only through a progress update (monitoring.services).
    readonly_fields = ["status"]
    inlines = [SubItemInline, CarrierInline]


@admin.register(SuccessCriterion)
class SuccessCriterionAdmin(VersionedAdminMixin, SimpleHistoryAdmin):
    pass
