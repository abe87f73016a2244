from django.conf import settings
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.core.paginator import Paginator
from django.shortcuts import render
from django.views.decorators.http import require_GET

from .access import can_read_audit_log
from .forms import AuditFilterForm
from .models import AuditEntry

PER_PAGE = 50


@login_required
@require_GET
def audit_log(request):
    if not can_read_audit_log(request.user):
        raise PermissionDenied
    form = AuditFilterForm(request.GET)
    entries = form.filter(AuditEntry.objects.all()) if form.is_valid() else AuditEntry.objects.none()
    page = Paginator(entries, PER_PAGE).get_page(request.GET.get("pagina"))
    return render(request, "audit/log.html", {
        "form": form, "page": page, "retention_days": settings.AUDIT_LOG_RETENTION_DAYS,
    })
