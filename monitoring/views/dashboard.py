"""The netwerkoverleg's dashboards. All reads go through monitoring.selectors."""

from django.contrib import messages
from django.core.paginator import Paginator
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from jaarprogramma.models import SuccessCriterion
from jaarprogramma.services import judge_success_criterion

from .. import selectors
from ..access import dashboard_required
from ..charts import indicator_chart
from ..forms import ReportingPeriodForm, SuccessCriterionForm
from .common import filter_context, render_dashboard

TEMPLATE = "monitoring/dashboard.html"
ACTIONS_PER_PAGE = 50


@dashboard_required
def overview(request):
    context = filter_context(request)
    rows = selectors.chapter_overview(context["edition"], context["filters"])
    context.update(
        tab="overview",
        rows=rows,
        totals=selectors.totals(rows),
        updates=selectors.latest_updates(context["edition"], context["filters"]),
        stale_days=selectors.STALE_AFTER.days,
        reporting=selectors.reporting_parties(context["edition"]),
    )
    return render_dashboard(request, TEMPLATE, "monitoring/fragments/overview.html", context)


@dashboard_required
def organisations(request):
    # What each carrier still has to report is about this year's programme: the view opens on it.
    context = filter_context(request, current_year=True)
    period = selectors.current_period(context["filters"])
    rows = selectors.organisation_overview(context["edition"], context["filters"], period)
    context.update(tab="organisations", rows=rows, period=period,
                   missing=[row for row in rows if row.has_to_report])
    return render_dashboard(request, TEMPLATE, "monitoring/fragments/organisations.html", context)


@dashboard_required
def matrix(request):
    context = filter_context(request)
    context.update(tab="matrix", matrix=selectors.matrix(context["edition"], context["filters"]))
    return render_dashboard(request, TEMPLATE, "monitoring/fragments/matrix.html", context)


@dashboard_required
def indicators(request):
    context = filter_context(request)
    items = [(indicator, indicator_chart(indicator))
             for indicator in selectors.indicators(context["edition"], context["filters"])]
    context.update(tab="indicators", indicators=items)
    return render_dashboard(request, TEMPLATE, "monitoring/fragments/indicators.html", context)


@dashboard_required
def action_list(request):
    context = filter_context(request)
    qs = selectors.with_progress(selectors.actions(context["edition"], context["filters"]))
    page = Paginator(qs, ACTIONS_PER_PAGE).get_page(request.GET.get("pagina"))
    params = request.GET.copy()
    params.pop("pagina", None)
    context.update(tab="actions", page=page, today=timezone.localdate(), page_query=params.urlencode(),
                   stale_before=timezone.localdate() - selectors.STALE_AFTER)
    if context["filters"].get("link"):
        context["link"] = selectors.link_with_sources(context["filters"]["link"])
    return render_dashboard(request, TEMPLATE, "monitoring/fragments/actions.html", context)


@dashboard_required
def success_criteria(request):
    context = filter_context(request)
    criteria = selectors.success_criteria(context["edition"], context["filters"])
    context.update(tab="criteria", criteria=[
        (criterion, SuccessCriterionForm(instance=criterion, prefix=f"sc-{criterion.pk}"))
        for criterion in criteria
    ])
    return render_dashboard(request, TEMPLATE, "monitoring/fragments/criteria.html", context)


@require_POST
@dashboard_required
def mark_criterion(request, pk):
    criterion = get_object_or_404(SuccessCriterion.objects.select_related("jaarprogramma__chapter"), pk=pk)
    form = SuccessCriterionForm(request.POST, instance=criterion, prefix=f"sc-{criterion.pk}")
    if form.is_valid():
        judge_success_criterion(criterion=criterion, met=form.cleaned_data["met"],
                               note=form.cleaned_data["met_note"])
        if not request.htmx:
            messages.success(request, _("Het succescriterium is bijgewerkt."))
    if request.htmx:
        # htmx swaps only 2xx responses, so the row with its errors comes back as 200.
        return render(request, "monitoring/fragments/criterion_row.html",
                      {"criterion": criterion, "form": form, "saved": form.is_valid()})
    if not form.is_valid():
        for error in form.errors.values():
            messages.error(request, error.as_text())
    return redirect("monitoring:success_criteria")


@dashboard_required
def period_create(request):
    form = ReportingPeriodForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        period = form.save()
        messages.success(request, _("Rapportageperiode ‘%(name)s’ is ingesteld.") % {"name": period.name})
        return redirect(reverse("monitoring:organisations") + f"?period={period.pk}")
    return render(request, "monitoring/period_form.html", {"form": form})
