"""An indicator's page: its chart and table, every measurement with its history, and for the
staff of its owner (monitoring.access.can_record_measurement) the form for a new measurement."""

from django.contrib import messages
from django.contrib.auth.views import redirect_to_login
from django.core.exceptions import PermissionDenied
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.translation import gettext as _

from ..access import can_record_measurement, can_view_indicator
from ..charts import indicator_chart
from ..forms import MeasurementForm
from ..models import Indicator, Measurement
from ..services import record_measurement

FRAGMENT = "monitoring/fragments/indicator_detail.html"


def indicator_detail(request, pk):
    indicator = get_object_or_404(
        Indicator.objects.select_related("chapter", "owner").prefetch_related("measurements"), pk=pk)
    if not request.user.is_authenticated:
        return redirect_to_login(request.get_full_path())
    if not can_view_indicator(request.user, indicator):
        raise PermissionDenied
    may_record = can_record_measurement(request.user, indicator)
    form = None
    if request.method == "POST":
        if not may_record:
            raise PermissionDenied
        form = MeasurementForm(request.POST, indicator=indicator)
        if form.is_valid():
            record_measurement(indicator=indicator, user=request.user, **form.cleaned_data)
            if not request.htmx:
                messages.success(request, _("De meting is opgeslagen."))
                return redirect("monitoring:indicator_detail", pk=indicator.pk)
            indicator = Indicator.objects.select_related("chapter", "owner").prefetch_related(
                "measurements").get(pk=pk)
            form = MeasurementForm(indicator=indicator)
    elif may_record:
        form = MeasurementForm(indicator=indicator)
    context = {
        "indicator": indicator,
        "chart": indicator_chart(indicator),
        "form": form,
        "history": Measurement.history.filter(indicator_id=indicator.pk).select_related("history_user")
        .order_by("-history_date")[:50],
        "saved": request.method == "POST" and form is not None and not form.errors,
    }
    if request.htmx:
        # htmx swaps only 2xx responses, so a form with errors comes back as 200 too.
        return render(request, FRAGMENT, context)
    return render(request, "monitoring/indicator_detail.html", context,
                  status=422 if form is not None and form.errors else 200)
