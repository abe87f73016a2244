"""After anonymising a person, their name and e-mail address are in no table, on no page, in
no API answer and in no regenerated export; what they wrote stays, by "verwijderde deelnemer"."""

import subprocess

import pytest
from django.contrib.auth.backends import ModelBackend
from django.urls import NoReverseMatch, URLPattern, URLResolver, get_resolver, reverse

from governance.models import ERASED_NAME, Erasure, Membership
from opgaven.models import ExportJob, ExportStatus
from tests.privacy.conftest import EMAIL, NAME, NEEDLES, USERNAME, tables_mentioning

pytestmark = pytest.mark.django_db


def anonymise(client_for, participant):
    client = client_for("admin")
    url = reverse("privacy:person_anonymise", args=[participant.person.pk])
    assert NAME in client.get(url).content.decode()
    response = client.post(url)
    assert response.status_code == 302
    assert response["Location"] == reverse("admin:governance_person_change", args=[participant.person.pk])
    participant.person.refresh_from_db()
    participant.user.refresh_from_db()
    return client


def test_before_anonymising_the_name_is_in_many_tables(participant):
    found = tables_mentioning(NEEDLES)
    assert {"governance_person", "governance_user", "governance_historicalperson", "django_admin_log",
            "axes_accesslog", "axes_accessattempt", "axes_accessfailurelog"} <= set(found)


def test_afterwards_no_table_holds_the_name_or_address(participant, client_for):
    client_for("writer")  # some other sessions and sign-ins around
    anonymise(client_for, participant)

    assert tables_mentioning(NEEDLES) == {}


def test_the_person_and_account_are_anonymised_and_the_account_is_closed(participant, client_for):
    client_for("admin")
    anonymise(client_for, participant)
    person, user = participant.person, participant.user

    assert person.name == ERASED_NAME and person.email == ""
    assert not person.organisations.exists() and not Membership.objects.filter(person=person).exists()
    assert user.get_full_name() == ERASED_NAME and user.email == "" and user.username != USERNAME
    assert not user.is_active and not user.has_usable_password()
    assert ModelBackend().authenticate(None, username=USERNAME, password="correct horse battery") is None
    assert ModelBackend().authenticate(None, username=user.username, password="correct horse battery") is None
    assert Erasure.objects.get(person=person).digests  # fingerprints, not the values
    assert not user.notifications.exists() and not user.api_tokens.exists()  # went with the account


def test_what_they_wrote_stays_attributed_to_a_removed_participant(participant, client_for, world):
    client = anonymise(client_for, participant)

    participant.comment.refresh_from_db()
    participant.update.refresh_from_db()
    assert participant.comment.text == "Mijn commentaar: de ambitie mag scherper."
    assert participant.update.text == "Voortgang door Janneke: de pilot loopt."
    assert participant.comment.author.get_full_name() == ERASED_NAME
    record = participant.ambition.history.filter(history_user=participant.user).get()
    assert record.text == "Ambitie zoals Janneke haar herschreef."

    comments = client.get(reverse("opgaven:chapter_comments", args=[world.edition.slug, world.chapter.slug]))
    assert "Mijn commentaar" in comments.content.decode() and ERASED_NAME in comments.content.decode()
    progress = client.get(reverse("monitoring:action_progress", args=[participant.update.action_id]))
    assert "de pilot loopt" in progress.content.decode() and ERASED_NAME in progress.content.decode()


def _parameterless_urls():
    """Every page of the portal that takes no argument (lists, dashboards, API roots, feeds)."""
    def walk(resolver, namespace=""):
        for pattern in resolver.url_patterns:
            if isinstance(pattern, URLResolver):
                if pattern.namespace == "admin":
                    continue
                yield from walk(pattern, namespace + (f"{pattern.namespace}:" if pattern.namespace else ""))
            elif isinstance(pattern, URLPattern) and pattern.name:
                try:
                    yield reverse(namespace + pattern.name)
                except NoReverseMatch:
                    continue

    return sorted(set(walk(get_resolver())) - {reverse("logout")})


def _optional_urls(candidates):
    """Pages of the public API and feeds that take an argument, as far as they exist."""
    urls = []
    for name, args in candidates:
        try:
            urls.append(reverse(name, args=args))
        except NoReverseMatch:
            continue
    return urls


def test_no_page_or_api_answer_shows_the_name_or_address(participant, client_for, world):
    shown_before = client_for("anonymous").get(reverse("governance:body_detail", args=[world.koersgroep.slug]))
    assert NAME in shown_before.content.decode()
    anonymise(client_for, participant)
    person, user, action_id = participant.person, participant.user, participant.update.action_id
    pages = [
        *_parameterless_urls(),
        reverse("governance:body_detail", args=[world.koersgroep.slug]),
        reverse("governance:organisation_detail", args=[world.poi.key]),
        reverse("opgaven:chapter_comments", args=[world.edition.slug, world.chapter.slug]),
        reverse("opgaven:item_history", args=[world.edition.slug, world.chapter.slug, "ambitie",
                                              participant.ambition.pk]),
        reverse("monitoring:action_progress", args=[action_id]),
        reverse("governance:participant_export", args=["csv"]),
        reverse("admin:governance_person_changelist"),
        reverse("admin:governance_person_change", args=[person.pk]),
        reverse("admin:governance_person_history", args=[person.pk]),
        reverse("admin:governance_user_change", args=[user.pk]),
        reverse("admin:governance_membership_changelist"),
        reverse("privacy:person_inzage", args=[person.pk]),
        reverse("privacy:person_inzage_json", args=[person.pk]),
        *_optional_urls([
            ("api:body-detail", [world.koersgroep.slug]), ("api:body-detail", [world.koersgroep.pk]),
            ("api:update-detail", [participant.update.pk]), ("api:action-detail", [action_id]),
            ("feed_chapter_updates", [world.chapter.pk]), ("feed_organisation_updates", [world.poi.key]),
        ]),
    ]
    leaks = []
    for persona in ("anonymous", "admin", "writer"):
        client = client_for(persona)
        for url in pages:
            response = client.get(url)
            if response.status_code != 200 or getattr(response, "streaming", False):
                continue
            body = response.content.decode("utf-8", "replace").casefold()
            leaks += [f"{persona} {url}: {needle}" for needle in NEEDLES if needle.casefold() in body]
    assert leaks == []
    assert len(pages) > 30


def _pdf_text(path):
    return subprocess.run(["pdftotext", "-layout", str(path), "-"], capture_output=True, text=True,
                          check=True).stdout


@pytest.fixture
def pdftotext():
    import shutil

    from tests.conftest import _unavailable

    if not shutil.which("pdftotext"):
        _unavailable("pdftotext ontbreekt (apt-get install poppler-utils)")


@pytest.mark.usefixtures("pdftotext")
def test_stored_exports_that_list_them_are_replaced_by_ones_that_do_not(
        participant, client_for, world, settings, tmp_path, django_capture_on_commit_callbacks):
    from django.core.files.storage import default_storage

    from opgaven.pdf.services import start_export

    settings.MEDIA_ROOT = str(tmp_path)
    with django_capture_on_commit_callbacks(execute=True):
        before = start_export(user=world["admin"], edition=world.edition, year=2021)
    before.refresh_from_db()
    assert before.status == ExportStatus.DONE
    assert NAME in _pdf_text(default_storage.path(before.file.name))

    with django_capture_on_commit_callbacks(execute=True):
        anonymise(client_for, participant)

    before.refresh_from_db()
    assert not before.file  # its file listed her
    remaining = list(ExportJob.objects.exclude(file=""))
    assert remaining, "the export was made again"
    for job in remaining:
        text = _pdf_text(default_storage.path(job.file.name))
        assert ERASED_NAME in text
        assert not [needle for needle in NEEDLES if needle.casefold() in text.casefold()]
    assert all(NAME not in _pdf_text(path) for path in tmp_path.rglob("*.pdf"))


@pytest.mark.usefixtures("pdftotext")
def test_a_stored_reactienota_naming_a_remark_author_is_replaced_by_one_that_does_not(
        world, client_for, settings, tmp_path, django_capture_on_commit_callbacks):
    """Anyone with an account may remark (a round for everyone), so the author of a remark need
    not be on any participant list: the reactienota names them all the same."""
    import datetime

    from django.core.files.storage import default_storage

    from feedback import services as feedback
    from feedback.items import items_of
    from feedback.pdf import KIND
    from opgaven.pdf.services import start_export
    from tests import factories as f
    from tests.privacy.conftest import Participant

    settings.MEDIA_ROOT = str(tmp_path)
    user = f.UserFactory(username=USERNAME, first_name="Janneke", last_name="Zuiderveld-Testmans", email=EMAIL)
    person = f.PersonFactory(name=NAME, email=EMAIL, user=user)
    assert not world.edition.participants.filter(pk=person.pk).exists()
    f.AmbitionFactory(chapter=world.chapter, text="Een ambitie om op te reageren.")
    round = feedback.open_round(user=world["writer"], edition=world.edition, chapter=world.chapter, title="Ronde",
                                closes_on=datetime.date(2099, 1, 1), everyone=True)
    feedback.add_remark(round=round, user=user, item_key=items_of(round)[0].key, text="Mijn reactie.")
    round = feedback.close_round(round=round)
    with django_capture_on_commit_callbacks(execute=True):
        other = start_export(user=world["admin"], edition=world.edition, year=2021)  # names no remark's author
        before = start_export(user=world["writer"], edition=world.edition, year=round.closed_at.year,
                              chapter=world.chapter, kind=KIND)
    before.refresh_from_db()
    other.refresh_from_db()
    assert before.status == ExportStatus.DONE
    assert NAME in _pdf_text(default_storage.path(before.file.name))

    with django_capture_on_commit_callbacks(execute=True):
        anonymise(client_for, Participant(person=person, user=user, comment=None, update=None, ambition=None))

    before.refresh_from_db()
    assert not before.file  # its file named her
    remade = ExportJob.objects.filter(kind=KIND).exclude(file="").get()
    text = _pdf_text(default_storage.path(remade.file.name))
    assert ERASED_NAME in text and "Mijn reactie." in text  # what she wrote stays
    assert not [needle for needle in NEEDLES if needle.casefold() in text.casefold()]
    assert all(NAME not in _pdf_text(path) for path in tmp_path.rglob("*.pdf"))
    kept = other.file.name  # an export that never named her stays as it was
    other.refresh_from_db()
    assert kept and other.file.name == kept


def test_anonymising_twice_changes_nothing_more(participant, client_for):
    client = anonymise(client_for, participant)
    erasure = Erasure.objects.get(person=participant.person)

    page = client.get(reverse("privacy:person_anonymise", args=[participant.person.pk]))
    client.post(reverse("privacy:person_anonymise", args=[participant.person.pk]))

    assert "al geanonimiseerd" in page.content.decode()
    assert list(Erasure.objects.all()) == [erasure]


def test_administrators_cannot_anonymise_themselves(world, client_for):
    from tests import factories as f

    admin = world["admin"]
    person = f.PersonFactory(name="Beheerder Zelf", user=admin)
    client = client_for("admin")

    response = client.post(reverse("privacy:person_anonymise", args=[person.pk]))

    assert response.status_code == 200
    assert "eigen account" in response.content.decode()
    person.refresh_from_db()
    assert person.name == "Beheerder Zelf"


def test_the_email_is_not_kept_even_as_plain_text_in_the_erasure(participant, client_for):
    anonymise(client_for, participant)
    erasure = Erasure.objects.get()
    assert EMAIL not in str(erasure.digests) and NAME not in str(erasure.digests)
