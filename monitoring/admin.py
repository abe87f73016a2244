from django.contrib import admin
from simple_history.admin import SimpleHistoryAdmin

from .models import ChapterLink, Indicator, LinkSource, Measurement, ProgressUpdate, ReportingPeriod


class MeasurementInline(admin.TabularInline):
    model = Measurement
    extra = 0
    fields = ["date", "value", "source", "note"]


@admin.register(Indicator)
class IndicatorAdmin(SimpleHistoryAdmin):
    """The owner's staff enter measurements in the portal too (monitoring:indicator_detail)."""

    list_display = ["name", "chapter", "owner", "unit", "baseline", "target", "target_year"]
    list_filter = ["edition", "chapter", "owner"]
    list_select_related = ["chapter", "owner"]
    search_fields = ["name", "slug"]
    autocomplete_fields = ["owner"]
    inlines = [MeasurementInline]


@admin.register(ProgressUpdate)
class ProgressUpdateAdmin(admin.ModelAdmin):
    """Updates are kept as they were written: readable here, posted through the portal."""

    list_display = ["action", "carrier", "organisation", "date", "percentage", "status", "source"]
    list_filter = ["organisation", "status"]
    list_select_related = ["action", "organisation", "carrier__organisation", "carrier__body"]
    raw_id_fields = ["action", "author", "carrier"]
    date_hierarchy = "date"

    def has_add_permission(self, request):
        # The one write path is monitoring.services.post_progress_update: it keeps each part's
        # status and the action's status in step.
        return False

    def has_change_permission(self, request, obj=None):
        return False


@admin.register(ReportingPeriod)
class ReportingPeriodAdmin(admin.ModelAdmin):
    list_display = ["name", "start", "end"]


class LinkSourceInline(admin.TabularInline):
    model = LinkSource
    extra = 0
    fields = ["chapter", "section", "quote", "action"]
    raw_id_fields = ["action"]


@admin.register(ChapterLink)
class ChapterLinkAdmin(admin.ModelAdmin):
    list_display = ["uitdaging", "opgave"]
    list_filter = ["uitdaging", "opgave"]
    list_select_related = ["uitdaging", "opgave"]
    inlines = [LinkSourceInline]
