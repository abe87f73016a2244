"""Beat schedules the notifications' daily work (issue 11): feedback rounds close and remind,
reporting periods remind, and the daily digest goes out after them, so the morning's reminders
are in that morning's digest. Each scheduled task does what its entry promises."""

import datetime

import pytest
from celery.schedules import crontab
from django.conf import settings
from django.core import mail
from django.utils import timezone

from feedback import services as feedback_services
from feedback.notifications import ROUND_CLOSING
from governance.notifications.models import Delivery, NotificationPreference
from netwerkagenda.celery import app

ROUNDS, REPORTING, DIGESTS = ("feedback.tasks.daily_rounds", "monitoring.tasks.notify_reporting_periods",
                              "governance.tasks.send_daily_digests")


def scheduled(task):
    app.loader.import_default_modules()
    entries = [entry for entry in settings.CELERY_BEAT_SCHEDULE.values() if entry["task"] == task]
    assert len(entries) == 1, f"{task} staat {len(entries)} keer in CELERY_BEAT_SCHEDULE"
    assert task in app.tasks
    return entries[0]["schedule"]


def minute_of_day(schedule):
    assert isinstance(schedule, crontab) and len(schedule.hour) == 1 and len(schedule.minute) == 1
    assert len(schedule.day_of_week) == 7 and len(schedule.day_of_month) == 31  # every day
    return next(iter(schedule.hour)) * 60 + next(iter(schedule.minute))


def test_beat_schedules_round_closing_reminders_and_digests_every_morning_digest_last():
    rounds, reporting, digests = (minute_of_day(scheduled(task)) for task in (ROUNDS, REPORTING, DIGESTS))
    assert digests == 7 * 60  # the digest the README promises at 07:00
    assert rounds < digests and reporting < digests


@pytest.mark.django_db
def test_the_scheduled_tasks_close_a_round_remind_and_send_the_digest(world):
    for task in (ROUNDS, REPORTING, DIGESTS):
        scheduled(task)
    today = timezone.localdate()
    due = feedback_services.open_round(user=world["writer"], edition=world.edition, chapter=world.chapter,
                                       title="Verlopen ronde", closes_on=today + datetime.timedelta(days=1),
                                       bodies=[world.reflectiegroep])
    closing = feedback_services.open_round(user=world["writer"], edition=world.edition, chapter=world.chapter,
                                           title="Sluit overmorgen", closes_on=today + datetime.timedelta(days=3),
                                           bodies=[world.reflectiegroep])
    type(due).objects.filter(pk=due.pk).update(closes_on=today - datetime.timedelta(days=1))
    type(closing).objects.filter(pk=closing.pk).update(closes_on=today + datetime.timedelta(days=2))
    NotificationPreference.objects.create(user=world["advisor"], kind=ROUND_CLOSING, delivery=Delivery.DIGEST)
    mail.outbox.clear()

    app.tasks[ROUNDS].apply()
    due.refresh_from_db()
    closing.refresh_from_db()
    assert not due.is_open and closing.is_open
    assert mail.outbox == []  # the reminder waits for the digest

    app.tasks[REPORTING].apply()
    app.tasks[DIGESTS].apply()
    assert [message.to for message in mail.outbox] == [[world["advisor"].email]]
    assert "Sluit overmorgen" in mail.outbox[0].body
