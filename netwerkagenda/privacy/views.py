"""The privacy statement (public) and the AVG tools for administrators: inzage and anonymising."""

import json

from django.conf import settings
from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.http import HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.views.decorators.http import require_http_methods

from governance.access import can_anonymise, can_view_personal_data
from governance.models import ERASED_NAME, Erasure, Person
from governance.services import SelfErasureError

from .erasure import erase_person
from .inzage import personal_data


def privacy_statement(request):
    backup_months = settings.BACKUP_KEEP_MONTHLY
    return render(request, "privacy/statement.html", {
        "signin_days": settings.SIGNIN_LOG_RETENTION_DAYS,
        "audit_days": settings.AUDIT_LOG_RETENTION_DAYS,
        "session_hours": settings.SESSION_COOKIE_AGE // 3600,
        "backup_days": settings.BACKUP_KEEP_DAILY,
        "backup_weeks": settings.BACKUP_KEEP_WEEKLY,
        "backup_months": backup_months,
        "contact": settings.DEFAULT_FROM_EMAIL,
        "erased_name": ERASED_NAME,
    })


def _person_for(request, pk, check):
    if not check(request.user):
        raise PermissionDenied
    return get_object_or_404(Person, pk=pk)


@login_required
def person_inzage(request, pk):
    person = _person_for(request, pk, can_view_personal_data)
    return render(request, "privacy/inzage.html", {"person": person, "data": personal_data(person)})


@login_required
def person_inzage_json(request, pk):
    person = _person_for(request, pk, can_view_personal_data)
    body = json.dumps(personal_data(person), ensure_ascii=False, indent=2)
    response = HttpResponse(body, content_type="application/json; charset=utf-8")
    response["Content-Disposition"] = f'attachment; filename="inzage-persoon-{person.pk}.json"'
    return response


@login_required
@require_http_methods(["GET", "POST"])
def person_anonymise(request, pk):
    person = _person_for(request, pk, can_anonymise)
    erased = Erasure.objects.filter(person=person).exists()
    if request.method == "POST" and not erased:
        try:
            erase_person(person=person, by=request.user)
        except SelfErasureError as error:
            messages.error(request, str(error))
        else:
            messages.success(request, f"De persoon is geanonimiseerd; in het portaal heet hij of zij nu "
                                      f"‘{ERASED_NAME}’.")
            return redirect(reverse("admin:governance_person_change", args=[person.pk]))
    return render(request, "privacy/anonymise.html", {"person": person, "erased": erased,
                                                       "erased_name": ERASED_NAME})
