from django.contrib import admin
from simple_history.admin import SimpleHistoryAdmin

from .models import ActionLink, Indicator, Measurement, ProgressUpdate, ReportingPeriod


class MeasurementInline(admin.TabularInline):
    model = Measurement
    extra = 0
    fields = ["date", "value", "source", "note"]


@admin.register(Indicator)
class IndicatorAdmin(SimpleHistoryAdmin):
    list_display = ["name", "chapter", "unit", "baseline", "target", "target_year"]
    list_filter = ["edition", "chapter"]
    search_fields = ["name", "slug"]
    inlines = [MeasurementInline]


@admin.register(ProgressUpdate)
class ProgressUpdateAdmin(admin.ModelAdmin):
    list_display = ["action", "organisation", "date", "percentage", "status"]
    list_filter = ["organisation", "status"]
    list_select_related = ["action", "organisation"]
    raw_id_fields = ["action", "author"]
    date_hierarchy = "date"


@admin.register(ReportingPeriod)
class ReportingPeriodAdmin(admin.ModelAdmin):
    list_display = ["name", "start", "end"]


@admin.register(ActionLink)
class ActionLinkAdmin(admin.ModelAdmin):
    list_display = ["action", "chapter", "note"]
    list_filter = ["chapter"]
    list_select_related = ["action", "chapter"]
    raw_id_fields = ["action"]
