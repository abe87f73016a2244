"""Response headers and error bodies that hold for every page, set in one place."""

from django.conf import settings
from django.contrib.auth import SESSION_KEY
from django.shortcuts import render
from django.utils.cache import patch_cache_control, patch_vary_headers


def is_signed_in(request) -> bool:
    """Whether the session belongs to a signed-in user.

    Asks the session rather than `request.user`, so a response that never needed the user
    (a JSON status, a fragment) does not load it only to set a header."""
    session = getattr(request, "session", None)
    return session is not None and SESSION_KEY in session


def is_download(response) -> bool:
    return response.get("Content-Disposition", "").lower().startswith("attachment")


class ResponseHeadersMiddleware:
    """Caching and browser-feature headers.

    - Pages for a signed-in user and downloads are `private, no-store`: no proxy or shared
      computer keeps a copy of someone's drafts, dashboards or exports.
    - HTML pages and htmx responses vary on `HX-Request`: the same URL answers an htmx
      request with a fragment and a normal request with the whole page, and a cache must
      not hand out one for the other.
    - `Permissions-Policy` switches off browser features the portal never uses
      (settings.PERMISSIONS_POLICY).
    """

    def __init__(self, get_response):
        self.get_response = get_response
        self.permissions_policy = ", ".join(
            f"{feature}=({' '.join(allowed)})" for feature, allowed in settings.PERMISSIONS_POLICY.items()
        )

    def __call__(self, request):
        response = self.get_response(request)
        if is_signed_in(request) or is_download(response):
            patch_cache_control(response, private=True, no_store=True)
        if getattr(request, "htmx", False) or response.get("Content-Type", "").startswith("text/html"):
            patch_vary_headers(response, ["HX-Request"])
        if self.permissions_policy:
            response.headers.setdefault("Permissions-Policy", self.permissions_policy)
        return response


class MethodNotAllowedPageMiddleware:
    """Django's 405 (`HttpResponseNotAllowed`, from `require_POST` and class-based views) has
    no body; give it the site's Dutch page, keeping the `Allow` header."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        response = self.get_response(request)
        if response.status_code == 405 and not getattr(response, "streaming", False) and not response.content:
            page = render(request, "405.html", status=405)
            if "Allow" in response:
                page["Allow"] = response["Allow"]
            return page
        return response


class PublishedPerRequestMiddleware:
    """Each request thaws an edition's established chapters once (opgaven.publication.published),
    however many parts of the page read them."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        from opgaven.publication import remembered_per_request

        with remembered_per_request():
            return self.get_response(request)
