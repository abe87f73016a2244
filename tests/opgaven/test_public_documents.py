"""Every reader downloads the established agenda and each chapter as PDF: rendered through the
export pipeline after a version is established, served from storage, never rendered on request."""

import pytest
from django.urls import reverse

from opgaven import publication
from opgaven.models import ExportJob, ExportKind, ExportStatus
from opgaven.pdf import public
from tests import factories as f

pytestmark = pytest.mark.django_db


@pytest.fixture
def rendered(monkeypatch):
    """Counts PDF renderings; a tiny fake PDF instead of WeasyPrint's work."""
    calls = []

    def fake_render(html, report=lambda value: None):
        calls.append(html)
        return b"%PDF-1.7 fake " + str(len(calls)).encode()

    monkeypatch.setattr("opgaven.pdf.services.render_pdf", fake_render)
    return calls


@pytest.fixture
def documents_on(settings):
    settings.PUBLIC_PDF_EXPORTS = True


def establish(chapter, django_capture_on_commit_callbacks):
    with django_capture_on_commit_callbacks(execute=True):
        publication.publish(chapter)


def test_establishing_renders_the_chapter_and_the_agenda_once_after_the_commit(
        world, rendered, documents_on, django_capture_on_commit_callbacks):
    f.JaarprogrammaFactory(chapter=world.chapter, year=2022)
    with django_capture_on_commit_callbacks(execute=False) as callbacks:
        publication.publish(world.chapter)
        publication.publish(world.other_chapter)
    assert rendered == [] and len(callbacks) == 1  # nothing before the commit; one flush per edition
    with django_capture_on_commit_callbacks(execute=True):  # the jobs go to the worker after their commit
        callbacks[0]()
    jobs = ExportJob.objects.filter(status=ExportStatus.DONE)
    assert {(j.kind, j.year, j.chapter_id) for j in jobs} == {
        (ExportKind.AGENDA, 2022, None), (ExportKind.CHAPTER, 2022, world.chapter.pk),
        (ExportKind.CHAPTER, 2022, world.other_chapter.pk)}
    assert all(job.requested_by is None for job in jobs)


def test_an_anonymous_reader_downloads_the_stored_pdf_without_a_rendering(
        world, client, rendered, documents_on, django_capture_on_commit_callbacks):
    establish(world.chapter, django_capture_on_commit_callbacks)
    made = len(rendered)
    year = world.edition.start_year
    for url in [reverse("chapter_pdf", args=[world.edition.slug, world.chapter.slug, year]),
                reverse("agenda_pdf", args=[world.edition.slug, year])]:
        response = client.get(url)
        assert response.status_code == 200, url
        assert response["Content-Type"] == "application/pdf"
        assert b"".join(response.streaming_content).startswith(b"%PDF")
        assert "attachment" in response["Content-Disposition"]
    assert len(rendered) == made  # served from storage
    page = client.get(world.chapter.get_absolute_url()).content.decode()
    assert reverse("chapter_pdf", args=[world.edition.slug, world.chapter.slug, year]) in page
    home = client.get(reverse("opgaven:home")).content.decode()
    assert reverse("agenda_pdf", args=[world.edition.slug, year]) in home


def test_while_the_pdf_is_being_made_the_reader_is_told_and_nothing_renders(world, client, rendered):
    year = world.edition.start_year
    response = client.get(reverse("chapter_pdf", args=[world.edition.slug, world.chapter.slug, year]))
    assert response.status_code == 404 and rendered == []
    assert "wordt gemaakt" in client.get(world.chapter.get_absolute_url()).content.decode()


def test_a_stored_file_that_is_gone_reads_as_being_made_on_every_page(
        world, client, rendered, documents_on, django_capture_on_commit_callbacks):
    establish(world.chapter, django_capture_on_commit_callbacks)
    for job in ExportJob.objects.exclude(file=""):
        job.file.storage.delete(job.file.name)  # a database restored without its media
    year = world.edition.start_year
    for url in [world.chapter.get_absolute_url(), reverse("opgaven:home")]:
        response = client.get(url)
        assert response.status_code == 200, url
        assert "wordt gemaakt" in response.content.decode()
    response = client.get(reverse("agenda_pdf", args=[world.edition.slug, year]))
    assert response.status_code == 404


def test_an_older_file_is_not_served_after_a_new_establishment(
        world, client, rendered, documents_on, django_capture_on_commit_callbacks):
    establish(world.chapter, django_capture_on_commit_callbacks)
    assert public.current_document(world.edition, world.edition.start_year, world.chapter) is not None
    f.AmbitionFactory(chapter=world.chapter, text="Nieuw vastgesteld.")
    publication.publish(world.chapter)  # its documents come after the commit
    world.chapter.refresh_from_db()
    assert public.current_document(world.edition, world.edition.start_year, world.chapter) is None


def test_a_never_established_chapter_has_no_download(world, client):
    draft = f.ChapterFactory(edition=world.edition, slug="concept", number=9)
    url = reverse("chapter_pdf", args=[world.edition.slug, draft.slug, world.edition.start_year])
    assert client.get(url).status_code == 404


def test_without_the_setting_establishing_renders_nothing(world, rendered, django_capture_on_commit_callbacks):
    establish(world.chapter, django_capture_on_commit_callbacks)
    assert rendered == [] and not ExportJob.objects.exists()
