import csv
import io

import openpyxl
import pytest
from django.urls import reverse

from monitoring.exports import safe_cell
from tests import factories as f


@pytest.mark.parametrize("value, expected", [
    ("=HYPERLINK(\"http://x\")", "'=HYPERLINK(\"http://x\")"),
    ("+31 20", "'+31 20"), ("-1", "'-1"), ("@SUM(A1)", "'@SUM(A1)"), ("\tx", "'\tx"), ("\0x", "'\0x"),
    ("Gewoon", "Gewoon"), (42, 42), (None, ""),
])
def test_formula_leading_cells_are_escaped(value, expected):
    assert safe_cell(value) == expected


@pytest.fixture
def dangerous_action(world, progress):
    action = f.ActionFactory(jaarprogramma=world.chapter.jaarprogrammas.first(), title="=cmd|' /C calc'!A0")
    f.ActionCarrierFactory(action=action, organisation=world.kb)
    return action


def test_action_list_exports_to_csv_with_escaped_cells(client_for, dangerous_action):
    response = client_for("netwerkoverleg").get(reverse("monitoring:export_actions", args=["csv"]))
    assert response.status_code == 200
    assert response["Content-Type"].startswith("text/csv")
    rows = list(csv.reader(io.StringIO(response.content.decode("utf-8-sig"))))
    assert rows[0][0] == "Onderdeel"
    assert len(rows) == 1 + 5
    titles = [row[4] for row in rows[1:]]
    assert "'=cmd|' /C calc'!A0" in titles


def test_action_list_exports_to_xlsx_respecting_filters(client_for, world, dangerous_action):
    response = client_for("netwerkoverleg").get(reverse("monitoring:export_actions", args=["xlsx"]),
                                                {"status": "niet-gestart"})
    assert response.status_code == 200
    sheet = openpyxl.load_workbook(io.BytesIO(response.content)).active
    rows = list(sheet.iter_rows(values_only=True))
    assert len(rows) == 1 + 3
    assert all(not str(cell).startswith("=") for row in rows for cell in row if cell is not None)


def test_unknown_export_format_is_404(client_for, progress):
    assert client_for("netwerkoverleg").get(reverse("monitoring:export_actions", args=["pdf"])).status_code == 404


def test_exports_are_for_the_netwerkoverleg(client_for, progress):
    assert client_for("kb_staff").get(reverse("monitoring:export_actions", args=["csv"])).status_code == 403


def test_progress_report_renders_from_live_data(client_for, world, progress):
    response = client_for("netwerkoverleg").get(reverse("monitoring:report"))
    assert response.status_code == 200
    html = response.content.decode()
    assert "Voortgangsrapportage" in html
    assert str(world.chapter) in html


def test_progress_report_context_builder(world, progress):
    from monitoring.report import progress_report_context

    context = progress_report_context(edition=world.edition, year=2021)
    assert context["totals"].total == 4
    assert context["year"] == 2021
    assert {row.subject for row, actions in context["rows"]} >= {world.chapter, world.other_chapter}


def test_progress_report_for_an_export_job_renders(world, progress):
    from django.template.loader import render_to_string

    from monitoring.report import TEMPLATE, context_for_export
    from opgaven.models import ExportJob, ExportKind

    job = ExportJob.objects.create(kind=ExportKind.PROGRESS, edition=world.edition, year=2021, chapter=world.chapter)
    html = render_to_string(TEMPLATE, context_for_export(job))
    assert "Voortgangsrapportage 2021" in html
    assert str(world.chapter) in html
    assert str(world.other_chapter) not in html.split("Succescriteria")[0]


def test_progress_report_pdf_goes_through_the_export_pipeline(client_for, world, progress,
                                                              django_capture_on_commit_callbacks):
    from opgaven.models import ExportJob, ExportKind, ExportStatus

    with django_capture_on_commit_callbacks(execute=True):
        response = client_for("admin").post(reverse("monitoring:report_pdf") + "?year=2021")
    assert response.status_code == 302
    job = ExportJob.objects.get()
    assert (job.kind, job.year, job.status) == (ExportKind.PROGRESS, 2021, ExportStatus.DONE)
    assert job.file.read(5) == b"%PDF-"


def test_progress_report_pdf_needs_the_export_permission(client_for, world, progress):
    from django.contrib.auth.models import Permission

    from opgaven.models import ExportJob

    # A dashboard user without the export permission (the netwerkoverleg has it through its group).
    world["spn_staff"].user_permissions.add(Permission.objects.get(codename="view_dashboard"))
    assert client_for("spn_staff").post(reverse("monitoring:report_pdf")).status_code == 403
    assert client_for("kb_staff").post(reverse("monitoring:report_pdf")).status_code == 403
    assert not ExportJob.objects.exists()


def test_pdf_pipeline_renders_the_progress_report_html(world, progress):
    from opgaven.models import ExportKind
    from opgaven.pdf.render import render_html

    html = render_html(ExportKind.PROGRESS, world.edition.pk, 2021, world.chapter.pk)
    assert "Voortgangsrapportage 2021" in html
    assert "/static/css/pdf-voortgang.css" in html
