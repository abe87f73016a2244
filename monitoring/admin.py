from django.contrib import admin
from simple_history.admin import SimpleHistoryAdmin

from .models import Indicator, Measurement, ProgressUpdate, ReportingPeriod


class MeasurementInline(admin.TabularInline):
    model = Measurement
    extra = 0


@admin.register(Indicator)
class IndicatorAdmin(SimpleHistoryAdmin):
    list_display = ["name", "unit", "baseline", "target", "target_year"]
    inlines = [MeasurementInline]


@admin.register(ProgressUpdate)
class ProgressUpdateAdmin(admin.ModelAdmin):
    list_display = ["action", "organisation", "date", "percentage"]
    list_filter = ["organisation__type"]


admin.site.register(ReportingPeriod)
