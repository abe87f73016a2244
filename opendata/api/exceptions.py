"""Every API error in one JSON shape, in Dutch:

    {"fout": {"status": 404, "code": "not_found", "melding": "Niet gevonden.", "velden": {}}}

`velden` lists per field what was wrong with the request (validation errors only)."""

from math import ceil

from django.core.exceptions import PermissionDenied
from django.http import Http404
from django.utils.translation import gettext as _
from rest_framework import exceptions
from rest_framework.views import exception_handler as drf_exception_handler


def _field_messages(detail):
    if isinstance(detail, dict):
        return {name: _field_messages(value) for name, value in detail.items()}
    if isinstance(detail, list):
        return [_field_messages(value) for value in detail]
    return str(detail)


def error_body(status, code, message, fields=None):
    return {"fout": {"status": status, "code": code, "melding": message, "velden": fields or {}}}


def exception_handler(exc, context):
    if isinstance(exc, Http404):
        exc = exceptions.NotFound(str(exc) if str(exc) and "matches the given query" not in str(exc) else None)
    elif isinstance(exc, PermissionDenied):
        exc = exceptions.PermissionDenied(str(exc) or None)
    elif isinstance(exc, exceptions.Throttled):
        message = _("Te veel verzoeken; probeer het over %(wait)s seconden opnieuw.") % {"wait": ceil(exc.wait or 1)}
        exc.detail = exceptions.ErrorDetail(message, code="throttled")
    response = drf_exception_handler(exc, context)
    if response is None:
        return None
    if isinstance(exc, exceptions.ValidationError):
        message = _("De gegevens zijn niet geldig.")
        detail = exc.detail if isinstance(exc.detail, dict) else {"non_field_errors": exc.detail}
        fields = _field_messages(detail)
        code = "invalid"
    else:
        message = str(exc.detail) if isinstance(exc, exceptions.APIException) else str(exc)
        fields = {}
        code = exc.get_codes() if isinstance(exc, exceptions.APIException) else "error"
        code = code if isinstance(code, str) else "error"
    response.data = error_body(response.status_code, code, message, fields)
    return response

