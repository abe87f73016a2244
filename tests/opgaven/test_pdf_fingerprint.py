"""Deciding that nothing changed since the last export, without rendering: a fingerprint of
the data and of every template, stylesheet and font the document uses."""

import re
import shutil

import pytest
from django.apps import apps
from django.contrib.staticfiles import finders
from django.db import connection
from django.test.utils import CaptureQueriesContext

from opgaven.models import ExportJob, ExportStatus
from opgaven.pdf import render, services
from opgaven.pdf.fingerprint import asset_files


def fingerprint(edition):
    return render.fingerprint("agenda", edition.pk, 2021)


def test_the_declared_tables_cover_everything_a_render_reads(small_agenda):
    with CaptureQueriesContext(connection) as queries:
        render.render_html("agenda", small_agenda.pk, 2021)
    read = {table for q in queries.captured_queries for table in re.findall(r'(?:FROM|JOIN) "(\w+)"', q["sql"])}
    declared = set()
    for label in render.AGENDA_MODELS:
        app_label, name, *field = label.split(".")
        model = apps.get_model(app_label, name)
        declared.add((model._meta.get_field(field[0]).remote_field.through if field else model)._meta.db_table)

    assert read <= declared, read - declared


def test_the_assets_are_the_templates_stylesheet_and_fonts():
    names = set(asset_files("pdf/agenda.html", ["pdf/agenda.css"]))

    assert {"template:pdf/agenda.html", "template:pdf/block.html", "static:pdf/agenda.css"} <= names
    assert "static:fonts/source-sans-3/source-sans-3-latin-700-normal.woff" in names


def test_the_fingerprint_follows_the_data(small_agenda):
    first = fingerprint(small_agenda)
    assert fingerprint(small_agenda) == first

    # Not through a save that records history: the rows themselves are digested.
    small_agenda.chapters.filter(number=3).update(title="Een nieuwe titel")

    assert fingerprint(small_agenda) != first


@pytest.fixture
def own_stylesheet(tmp_path, settings):
    """The PDF's stylesheet from a copy that the test may change."""
    (tmp_path / "pdf").mkdir()
    copy = tmp_path / "pdf" / "agenda.css"
    shutil.copy(finders.find("pdf/agenda.css"), copy)
    settings.STATICFILES_DIRS = [tmp_path, *settings.STATICFILES_DIRS]
    finders.get_finder.cache_clear()
    yield copy
    finders.get_finder.cache_clear()


def test_a_changed_stylesheet_gives_a_new_pdf(small_agenda, exporter, django_capture_on_commit_callbacks,
                                              own_stylesheet):
    with django_capture_on_commit_callbacks(execute=True):
        first = services.start_export(user=exporter, edition=small_agenda, year=2021)
    first.refresh_from_db()
    with django_capture_on_commit_callbacks() as callbacks:
        again = services.start_export(user=exporter, edition=small_agenda, year=2021)
    assert callbacks == [] and again.file.name == first.file.name

    own_stylesheet.write_text(own_stylesheet.read_text() + "\nh1 { color: #004488; }\n")
    with django_capture_on_commit_callbacks(execute=True):
        changed = services.start_export(user=exporter, edition=small_agenda, year=2021)
    changed.refresh_from_db()

    assert changed.status == ExportStatus.DONE and changed.attempts == 1
    assert changed.fingerprint != first.fingerprint and changed.file.name != first.file.name
    assert ExportJob.objects.filter(status=ExportStatus.DONE).count() == 3
