"""The only way WeasyPrint may load a resource: the project's own static files.

Agenda text is user input. A field holding `<img src="file:///etc/passwd">`,
`http://127.0.0.1/…` or CSS `url(…)` must never make the renderer read a local file or
open a connection, so every URL that is not `/static/<path>` of a file the staticfiles
finders know is refused before anything is opened.
"""

import mimetypes
from pathlib import Path
from urllib.parse import unquote, urlsplit

from django.conf import settings
from django.contrib.staticfiles import finders
from weasyprint.urls import URLFetcher, URLFetcherResponse

# The base URL the HTML is rendered with; relative static URLs resolve against it.
BASE_URL = "https://netwerkagenda.invalid/"

mimetypes.add_type("font/woff", ".woff")
mimetypes.add_type("font/woff2", ".woff2")


class RefusedURL(ValueError):
    """A resource outside the project's static files was requested."""


def static_path(url):
    """The file on disk behind a `/static/…` URL of our own, or RefusedURL."""
    parts = urlsplit(url)
    base = urlsplit(BASE_URL)
    if (parts.scheme, parts.netloc) != (base.scheme, base.netloc):
        raise RefusedURL(f"Alleen eigen statische bestanden: {url!r}")
    prefix = "/" + settings.STATIC_URL.strip("/") + "/"
    path = unquote(parts.path)
    if not path.startswith(prefix):
        raise RefusedURL(f"Alleen eigen statische bestanden: {url!r}")
    relative = path[len(prefix):]
    if not relative or relative.startswith("/") or ".." in Path(relative).parts:
        raise RefusedURL(f"Ongeldig pad: {url!r}")
    found = finders.find(relative)
    if not found:
        raise RefusedURL(f"Onbekend statisch bestand: {url!r}")
    return Path(found)


class StaticOnlyFetcher(URLFetcher):
    """Serves `/static/…` from the staticfiles finders and refuses everything else."""

    def __init__(self):
        super().__init__(allowed_protocols=(), fail_on_errors=False)
        self.refused = []

    def fetch(self, url, headers=None):
        try:
            path = static_path(url)
        except RefusedURL:
            self.refused.append(url)
            raise
        content_type = mimetypes.guess_type(path.name)[0] or "application/octet-stream"
        return URLFetcherResponse(url, body=path.read_bytes(), headers={"Content-Type": content_type})

    def open(self, url, data=None, timeout=None):
        # The urllib opener machinery of the parent class must never run.
        return self.fetch(getattr(url, "full_url", url))


def static_url(relative):
    """The URL WeasyPrint is given for one of our static files."""
    return BASE_URL + settings.STATIC_URL.strip("/") + "/" + relative
