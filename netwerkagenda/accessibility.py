"""The accessibility statement (toegankelijkheidsverklaring) and the colofon, both public.

The statement follows the Dutch model statement (digitoegankelijk.nl): scope, status, what was
checked, how and when, what is known not to comply and when it will, and how to report a problem.
The dates below change with each audit; the checks listed are the ones tests/ runs in CI."""

import datetime

from django.conf import settings
from django.shortcuts import render
from django.urls import reverse

# The last full check of every page and PDF (the CI checks run on every change).
AUDITED_ON = datetime.date(2026, 11, 30)
# When the known problems listed in the statement are to be solved.
FIX_BEFORE = datetime.date(2027, 3, 31)


def statement(request):
    return render(request, "toegankelijkheid/statement.html", {
        "audited_on": AUDITED_ON,
        "fix_before": FIX_BEFORE,
        "contact": settings.DEFAULT_FROM_EMAIL,
    })


def colofon(request):
    return render(request, "toegankelijkheid/colofon.html", {
        "contact": settings.DEFAULT_FROM_EMAIL,
        "participants": reverse("opgaven:participants"),
        "statement": reverse("accessibility_statement"),
    })
