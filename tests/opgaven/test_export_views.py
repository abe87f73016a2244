"""The export pages: who may use them, the form, the htmx progress fragment, the download."""

import pytest
from django.contrib.auth.models import Permission
from django.urls import reverse

from opgaven.models import ExportJob, ExportStatus
from opgaven.pdf import services
from tests.conftest import PERSONAS
from tests.opgaven.builders import build_agenda


@pytest.fixture
def agenda_world(world):
    build_agenda(world.edition, chapters=1, first_number=5)
    world.users["exporter"] = world["kb_staff"]
    world["kb_staff"].user_permissions.add(Permission.objects.get(codename="export_agenda"))
    return world


@pytest.fixture
def done_job(agenda_world, django_capture_on_commit_callbacks):
    with django_capture_on_commit_callbacks(execute=True):
        job = services.start_export(user=agenda_world["kb_staff"], edition=agenda_world.edition, year=2021)
    job.refresh_from_db()
    return job


def urls(job):
    return [
        ("get", reverse("opgaven:export_list")),
        ("get", reverse("opgaven:export_status", args=[job.pk])),
        ("get", reverse("opgaven:export_download", args=[job.pk])),
        ("post", reverse("opgaven:export_requeue", args=[job.pk])),
    ]


# kb_staff holds the permission directly; the netwerkoverleg has it through its group
# (governance.permissions).
ALLOWED = {"kb_staff", "netwerkoverleg", "admin"}


@pytest.mark.parametrize("persona", PERSONAS)
def test_only_staff_with_the_export_permission_reach_the_export_pages(agenda_world, client_for, persona):
    job = ExportJob.objects.create(edition=agenda_world.edition, year=2021, status=ExportStatus.DONE)
    client = client_for(persona)
    for method, url in urls(job):
        response = getattr(client, method)(url)
        if persona == "anonymous":
            assert response.status_code == 302 and "/account/login/" in response["Location"], url
        elif persona in ALLOWED:
            assert response.status_code in (200, 302, 404), url
        else:
            assert response.status_code == 403, (persona, url)


def test_starting_an_export_shows_it_done_with_a_download(agenda_world, client_for,
                                                          django_capture_on_commit_callbacks):
    client = client_for("kb_staff")
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(reverse("opgaven:export_list"),
                               {"edition": agenda_world.edition.pk, "year": 2021, "chapter": ""})
    assert response.status_code == 302
    response = client.get(response["Location"])
    job = ExportJob.objects.get()
    assert job.status == ExportStatus.DONE and job.requested_by == agenda_world["kb_staff"]
    assert "Download de PDF" in response.content.decode()
    download = client.get(reverse("opgaven:export_download", args=[job.pk]))
    assert download["Content-Type"] == "application/pdf"
    assert b"".join(download.streaming_content)[:5] == b"%PDF-"
    assert "attachment" in download["Content-Disposition"]


def test_exporting_unchanged_data_again_says_the_pdf_is_ready_at_once(done_job, agenda_world, client_for):
    response = client_for("kb_staff").post(
        reverse("opgaven:export_list"), {"edition": agenda_world.edition.pk, "year": 2021}, follow=True,
    )
    assert "Er is niets veranderd sinds de vorige export" in response.content.decode()
    assert ExportJob.objects.filter(file=done_job.file.name).count() == 2


@pytest.mark.parametrize("data, message", [
    ({"edition": "999999", "year": "2021"}, "Kies een bestaande editie."),
    ({"edition": "{edition}", "year": "1999"}, "Kies een jaar uit de lijst."),
    ({"edition": "{edition}", "year": "abc"}, "Kies een jaar uit de lijst."),
    ({"edition": "{edition}", "year": "2021", "chapter": "999999"}, "Kies een onderdeel uit de lijst."),
])
def test_bad_input_gives_a_dutch_error_not_a_500(agenda_world, client_for, data, message):
    data = {key: value.format(edition=agenda_world.edition.pk) for key, value in data.items()}
    response = client_for("kb_staff").post(reverse("opgaven:export_list"), data)
    assert response.status_code == 200
    assert message in response.content.decode()
    assert not ExportJob.objects.exists()


def test_the_status_fragment_polls_only_while_the_job_is_on_its_way(agenda_world, client_for):
    client = client_for("kb_staff")
    running = ExportJob.objects.create(edition=agenda_world.edition, year=2021, status=ExportStatus.RUNNING,
                                       progress=40)
    html = client.get(reverse("opgaven:export_status", args=[running.pk])).content.decode()
    assert 'hx-trigger="every 2s"' in html and 'value="40"' in html and "Bezig: 40%" in html
    running.status = ExportStatus.DONE
    running.save()
    html = client.get(reverse("opgaven:export_status", args=[running.pk])).content.decode()
    assert "hx-trigger" not in html


def test_the_list_announces_progress_to_screen_readers(done_job, client_for):
    html = client_for("kb_staff").get(reverse("opgaven:export_list")).content.decode()
    assert 'aria-live="polite"' in html and html.count("<h1") == 1


def test_a_job_not_done_has_no_download(agenda_world, client_for):
    job = ExportJob.objects.create(edition=agenda_world.edition, year=2021, status=ExportStatus.RUNNING)
    assert client_for("kb_staff").get(reverse("opgaven:export_download", args=[job.pk])).status_code == 404


def test_with_redis_down_the_page_says_the_job_waits_and_keeps_watching_it(
    agenda_world, client_for, broker_down, django_capture_on_commit_callbacks
):
    client = client_for("kb_staff")
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(reverse("opgaven:export_list"), {"edition": agenda_world.edition.pk, "year": 2021})
    response = client.get(response["Location"])
    html = response.content.decode()
    assert response.status_code == 200
    assert "In de wachtrij: wordt gestart zodra de verwerking weer beschikbaar is." in html
    assert "Opnieuw in de wachtrij" not in html  # nothing for the person to do: it starts by itself
    job = ExportJob.objects.get()
    status = client.get(reverse("opgaven:export_status", args=[job.pk]), headers={"HX-Request": "true"})
    assert status.status_code == 200 and "hx-trigger" in status.content.decode()


def test_a_failed_job_offers_to_requeue(agenda_world, client_for, django_capture_on_commit_callbacks):
    job = ExportJob.objects.create(edition=agenda_world.edition, year=2021, status=ExportStatus.FAILED, error="kapot")
    client = client_for("kb_staff")
    assert "Opnieuw in de wachtrij" in client.get(reverse("opgaven:export_list")).content.decode()
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(reverse("opgaven:export_requeue", args=[job.pk]))
    assert response.status_code == 302
    job.refresh_from_db()
    assert job.status == ExportStatus.DONE


def test_the_list_page_takes_the_same_queries_however_many_exports(agenda_world, client_for,
                                                                   django_assert_num_queries):
    client = client_for("kb_staff")
    counts = []
    for extra in (2, 12):
        for _ in range(extra):
            ExportJob.objects.create(edition=agenda_world.edition, year=2021, status=ExportStatus.DONE,
                                     requested_by=agenda_world["kb_staff"],
                                     chapter=agenda_world.chapter)
        with django_assert_num_queries(13) as captured:
            assert client.get(reverse("opgaven:export_list")).status_code == 200
        counts.append(len(captured))
    assert counts[0] == counts[1]
