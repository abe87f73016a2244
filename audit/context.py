"""The request being served, for signal handlers that were not handed it (one home).

A service sends its signal without knowing the request; the audit log still wants to know
who asked and from where. The middleware puts the request in a context variable for the
length of the response; outside a request (a command, the worker) there is none."""

from contextvars import ContextVar

from netwerkagenda.throttling import client_ip

_request = ContextVar("audit_request", default=None)


def current_request():
    return _request.get()


def user_of(request):
    user = getattr(request, "user", None)
    return user if user is not None and user.is_authenticated else None


def address_of(request) -> str | None:
    """The client's address, as TRUSTED_PROXY_COUNT proxies saw it (netwerkagenda.throttling)."""
    return client_ip(request) if request is not None else None


def user_agent_of(request) -> str:
    return request.META.get("HTTP_USER_AGENT", "")[:300] if request is not None else ""


class AuditContextMiddleware:
    """Keeps the request reachable for audit.log during the response; records downloads.

    Every file a signed-in account downloads (an attachment: participant lists, action
    lists, reactienota's, PDFs, inzage data) is an export of data in the log, so a new
    download needs no wiring of its own."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        token = _request.set(request)
        try:
            response = self.get_response(request)
            if response.get("Content-Disposition", "").lower().startswith("attachment") \
                    and user_of(request) is not None and response.status_code == 200:
                from . import receivers

                receivers.downloaded(request, response)
            return response
        finally:
            _request.reset(token)
