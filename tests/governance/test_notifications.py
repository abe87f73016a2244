"""governance.notifications: the person's choice per kind, the e-mails, the digest, the list."""

import datetime
import re

import pytest
from django.core import mail
from django.core.cache import cache
from django.urls import reverse
from django.utils import timezone

from governance import jobs
from governance.notifications import kinds, services
from governance.notifications.models import Delivery, Notification, NotificationPreference
from governance.tasks import send_daily_digests
from tests import factories as f

pytestmark = pytest.mark.django_db

KIND = "test_melding"


@pytest.fixture(autouse=True)
def test_kind():
    cache.clear()  # the header's unread count is cached per user id, and ids come round again
    kinds.register(KIND, "Iets om te testen")
    yield
    kinds._kinds.pop(KIND, None)


@pytest.fixture
def person():
    return f.UserFactory(username="ontvanger", first_name="Anna", last_name="Jansen")


def tell(user, subject="Er is iets gebeurd", **extra):
    return services.notify(user, KIND, subject=subject, text="Meer uitleg.", url="/meldingen/", **extra)


def test_at_once_sends_one_mail_with_text_and_html_and_an_unsubscribe_link(person, django_capture_on_commit_callbacks):
    with django_capture_on_commit_callbacks(execute=True):
        notification = tell(person)
    assert notification.delivery == Delivery.IMMEDIATE
    assert len(mail.outbox) == 1
    message = mail.outbox[0]
    assert message.to == ["ontvanger@example.org"]
    assert message.subject == "Er is iets gebeurd"
    assert "Beste Anna Jansen" in message.body and "http://127.0.0.1:8000/meldingen/" in message.body
    html, mimetype = message.alternatives[0]
    assert mimetype == "text/html" and 'lang="nl"' in html and "Er is iets gebeurd" in html
    token = re.search(r"http://127.0.0.1:8000/meldingen/afmelden/([^/\s]+)/", message.body)[1]
    assert services.read_unsubscribe_token(token) == (person.pk, KIND)
    assert f"/meldingen/afmelden/{token}/" in html
    assert message.extra_headers["List-Unsubscribe"].startswith("<http://127.0.0.1:8000/meldingen/afmelden/")
    notification.refresh_from_db()
    assert notification.emailed_at is not None


def test_sending_twice_mails_once(person, django_capture_on_commit_callbacks):
    with django_capture_on_commit_callbacks(execute=True):
        notification = tell(person)
    assert services.send_notification_email(notification.pk) is False
    assert len(mail.outbox) == 1


def test_not_at_all_means_no_notification_and_no_mail(person, django_capture_on_commit_callbacks):
    services.set_preference(user=person, kind=KIND, delivery=Delivery.NEVER)
    with django_capture_on_commit_callbacks(execute=True):
        assert tell(person) is None
    assert not Notification.objects.exists()
    assert mail.outbox == []


def test_the_daily_digest_bundles_the_days_notifications_in_one_mail(person, django_capture_on_commit_callbacks):
    services.set_preference(user=person, kind=KIND, delivery=Delivery.DIGEST)
    other = f.UserFactory(username="ander")
    with django_capture_on_commit_callbacks(execute=True):
        tell(person, "Eerste gebeurtenis")
        tell(person, "Tweede gebeurtenis")
        tell(other, "Voor de ander")  # at once: the default
    assert [m.to for m in mail.outbox] == [["ander@example.org"]]
    mail.outbox.clear()

    assert send_daily_digests.delay().get() == 1  # eager in the tests: the same task beat runs
    assert len(mail.outbox) == 1
    digest = mail.outbox[0]
    assert digest.to == ["ontvanger@example.org"]
    assert "2 meldingen" in digest.subject
    assert "Eerste gebeurtenis" in digest.body and "Tweede gebeurtenis" in digest.body
    assert "Voor de ander" not in digest.body
    # Sent once: tomorrow's digest starts empty.
    assert services.send_daily_digests() == 0
    assert len(mail.outbox) == 1


def test_the_same_event_is_told_once(person):
    assert tell(person, key="ronde-1") is not None
    assert tell(person, key="ronde-1") is None
    assert Notification.objects.count() == 1


def test_an_unregistered_kind_is_refused(person):
    with pytest.raises(LookupError):
        services.notify(person, "bestaat-niet", subject="x")


def test_the_unsubscribe_link_works_without_signing_in_and_only_on_post(client, person):
    url = reverse("governance:notification_unsubscribe", args=[services.unsubscribe_token(person, KIND)])
    response = client.get(url)
    assert response.status_code == 200 and "Iets om te testen" in response.text
    assert not NotificationPreference.objects.exists()
    client.post(url)
    assert services.preference(person, KIND) == Delivery.NEVER
    assert client.get(url[:-3] + "xx/").status_code == 404


def test_the_header_counts_unread_and_marking_read_clears_it(client, person):
    tell(person)
    tell(person, "Nog iets")
    client.force_login(person)
    page = client.get(reverse("governance:notification_list")).text
    assert "2 ongelezen" in page and "Nog iets" in page
    first = Notification.objects.filter(user=person).first()
    response = client.post(reverse("governance:notification_read", args=[first.pk]), {"open": "1"})
    assert response.status_code == 302 and response["Location"] == "/meldingen/"
    assert "1 ongelezen" in client.get(reverse("governance:notification_preferences")).text
    client.post(reverse("governance:notification_read_all"))
    assert "ongelezen" not in client.get(reverse("governance:notification_preferences")).text


def test_nobody_marks_anothers_notification_read(client, person):
    notification = tell(person)
    client.force_login(f.UserFactory(username="nieuwsgierig"))
    assert client.post(reverse("governance:notification_read", args=[notification.pk])).status_code == 404
    notification.refresh_from_db()
    assert notification.read_at is None


def test_the_preferences_page_offers_every_registered_kind(client, person):
    client.force_login(person)
    page = client.get(reverse("governance:notification_preferences")).text
    for kind in kinds.all_kinds():
        assert kind.label in page
    data = {kind.key: kind.default for kind in kinds.all_kinds()} | {KIND: Delivery.DIGEST}
    assert client.post(reverse("governance:notification_preferences"), data).status_code == 302
    assert services.preference(person, KIND) == Delivery.DIGEST


def test_the_digest_leaves_what_came_after_it_was_started(person):
    services.set_preference(user=person, kind=KIND, delivery=Delivery.DIGEST)
    tell(person)
    assert services.send_daily_digests(now=timezone.now() - datetime.timedelta(hours=1)) == 0
    assert services.send_daily_digests() == 1


def test_with_the_broker_down_the_mail_waits_and_goes_out_once_it_is_back(
        person, broker_down, django_capture_on_commit_callbacks):
    from netwerkagenda.celery import app as celery_app

    with django_capture_on_commit_callbacks(execute=True):  # no error for the person who caused it
        notification = tell(person)
    notification.refresh_from_db()
    assert (notification.enqueued_at, notification.emailed_at, mail.outbox) == (None, None, [])
    assert jobs.recover() == 0  # still down

    celery_app.conf.task_always_eager = True  # the broker is back (the fixture restores it)
    assert jobs.recover() == 1
    notification.refresh_from_db()
    assert notification.emailed_at is not None and len(mail.outbox) == 1
    assert jobs.recover() == 0  # sent: nothing owed any more


def test_a_mail_handed_over_but_never_sent_is_handed_over_again(person, django_capture_on_commit_callbacks):
    notification = tell(person)  # its commit hook never ran: the web process died, say
    assert jobs.recover() == 1
    long_ago = timezone.now() - datetime.timedelta(minutes=11)
    Notification.objects.filter(pk=notification.pk).update(emailed_at=None, enqueued_at=long_ago)
    assert jobs.recover() == 1 and len(mail.outbox) == 2
    Notification.objects.filter(pk=notification.pk).update(
        emailed_at=None, enqueued_at=None, created_at=timezone.now() - datetime.timedelta(days=2))
    assert jobs.recover() == 0  # after a day it stays in the list only
