"""From live data to HTML to PDF. One entry per export kind: a template and its context.

The monitoring progress report adds itself with `register(ExportKind.PROGRESS, …)`.
"""

import hashlib
import logging
import re
from collections.abc import Callable
from dataclasses import dataclass

from django.contrib.staticfiles import finders
from django.template.loader import render_to_string
from django.utils import translation
from weasyprint import HTML
from weasyprint.css import ColorProfile
from weasyprint.logger import PROGRESS_LOGGER

from governance import cycles
from opgaven.models import ExportKind

from . import accessible
from . import fingerprint as fingerprints
from .content import agenda_context
from .fetcher import BASE_URL, StaticOnlyFetcher, static_url

# Files that change the look of the PDF: a new stylesheet or font means a new file.
ASSETS = [
    "pdf/agenda.css",
    "fonts/source-sans-3/source-sans-3-latin-400-normal.woff",
    "fonts/source-sans-3/source-sans-3-latin-400-italic.woff",
    "fonts/source-sans-3/source-sans-3-latin-600-normal.woff",
    "fonts/source-sans-3/source-sans-3-latin-700-normal.woff",
    "icc/sRGB.icc",
]
# WeasyPrint writes one variant: PDF/A-2b, tagged; opgaven.pdf.accessible makes it PDF/UA-1 as well.
# The name goes into the content hash, so a changed pipeline renders stored PDFs again.
PDF_VARIANT = "pdf/a-2b"
PIPELINE = f"{PDF_VARIANT}+pdf/ua-1 (accessible.finish 1)"
# The output intent: the sRGB profile shipped in static/icc/ (see its README for origin and licence).
OUTPUT_INTENT = "portal-srgb"


@dataclass(frozen=True)
class Document:
    template: str
    build_context: Callable  # (edition_id, year, chapter_id) -> dict
    # The tables its content reads ("app_label.Model", "app_label.Model.m2m_field"), for the
    # fingerprint that decides without rendering that nothing changed; None: render and hash.
    models: tuple | None = None


DOCUMENTS = {}


def register(kind, template, build_context, models=None):
    DOCUMENTS[kind] = Document(template, build_context, tuple(models) if models is not None else None)


# What the agenda shows: the established versions (Publication) of the chapters and front
# matter, the programmes' actions, carriers and criteria, and the participants with their
# organisations. tests/opgaven/test_pdf_fingerprint.py checks this against a render.
AGENDA_MODELS = (
    "opgaven.Edition", "opgaven.Edition.participants", "opgaven.Chapter", "opgaven.Publication",
    "governance.Person", "governance.Person.organisations", "governance.Organisation", "governance.Body",
    "jaarprogramma.Action", "jaarprogramma.ActionCarrier", "jaarprogramma.SuccessCriterion",
)
register(ExportKind.AGENDA, "pdf/agenda.html", agenda_context, AGENDA_MODELS)
register(ExportKind.CHAPTER, "pdf/agenda.html", agenda_context, AGENDA_MODELS)


def render_html(kind, edition_id, year, chapter_id=None):
    document = DOCUMENTS[kind]
    context = document.build_context(edition_id, year, chapter_id)
    context.setdefault("stylesheet", static_url("pdf/agenda.css"))
    with translation.override("nl"):
        return render_to_string(document.template, context)


def fingerprint(kind, edition_id, year, chapter_id=None):
    """Data, assets and pipeline of this document, without rendering it; None for a document
    that declares no tables (its HTML is rendered and hashed: content_hash)."""
    document = DOCUMENTS[kind]
    if document.models is None:
        return None
    header = f"{kind}\n{PIPELINE}\n{edition_id}\n{year}\n{chapter_id}\n"
    return fingerprints.fingerprint(document, header=header, extra_assets=[*ASSETS, "pdf/agenda.css"])


def content_hash(kind, html):
    """Same data, same template and same assets give the same hash, hence the same file."""
    digest = hashlib.sha256(f"{kind}\n{PIPELINE}\n".encode())
    digest.update(html.encode())
    for asset in ASSETS:
        path = finders.find(asset)
        if path:
            with open(path, "rb") as handle:
                digest.update(handle.read())
    return digest.hexdigest()


# WeasyPrint announces its steps on this logger; they become the job's progress, and stay
# out of the application's log (one line per page otherwise).
PROGRESS_LOGGER.setLevel(logging.INFO)
PROGRESS_LOGGER.propagate = False
STEP_PROGRESS = {"1": 30, "2": 35, "3": 40, "4": 50, "5": 60, "6": 90}
STEP_RE = re.compile(r"Step (\d)(?:.*Page (\d+))?")


class _ProgressHandler(logging.Handler):
    def __init__(self, report):
        super().__init__(logging.INFO)
        self.report = report
        self.last = 0

    def emit(self, record):
        match = STEP_RE.match(record.getMessage())
        value = STEP_PROGRESS.get(match[1]) if match else None
        if value and match[2]:
            # Layout is most of the work and the page count is unknown: creep towards 88.
            pages = int(match[2])
            value += int(28 * pages / (pages + 10))
        if value and value > self.last:
            self.last = value
            self.report(value)


def weasyprint_options():
    """What WeasyPrint is asked for: PDF/A-2b, tagged, with our output intent (make bench renders
    with the same options to measure what the export adds)."""
    with open(finders.find("icc/sRGB.icc"), "rb") as profile:
        profiles = {OUTPUT_INTENT: ColorProfile(profile, "sRGB.icc", "relative-colorimetric", (["r"], ["g"], ["b"]))}
    return {"pdf_variant": PDF_VARIANT, "pdf_tags": True, "pdf_identifier": True, "output_intent": OUTPUT_INTENT,
            "color_profiles": profiles, "custom_metadata": True}


def render_pdf(html, *, report=lambda value: None):
    """The PDF bytes of `html`: PDF/UA-1 and PDF/A-2b, resources only from our static files."""
    handler = _ProgressHandler(report)
    PROGRESS_LOGGER.addHandler(handler)
    try:
        document = HTML(string=html, base_url=BASE_URL, url_fetcher=StaticOnlyFetcher())
        with cycles.paused():
            return document.write_pdf(**weasyprint_options(), finisher=accessible.finish)
    finally:
        PROGRESS_LOGGER.removeHandler(handler)
