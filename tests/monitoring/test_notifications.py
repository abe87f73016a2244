"""Reporting periods tell carriers' staff when they open, and remind, three days before the
end, only the organisations that have not reported (monitoring/notifications.py, run by beat)."""

import datetime

import pytest
from django.utils import timezone

from governance.notifications import services
from governance.notifications.models import Delivery, Notification
from monitoring.models import ReportingPeriod
from monitoring.notifications import PERIOD_OPENS, REPORT_REMINDER, notify_reporting_periods
from monitoring.tasks import notify_reporting_periods as task
from tests import factories as f

pytestmark = pytest.mark.django_db

TODAY = datetime.date(2021, 6, 27)


@pytest.fixture
def carried(world):
    programme = f.JaarprogrammaFactory(chapter=world.chapter, year=2021)
    for organisation in (world.kb, world.poi):
        f.ActionCarrierFactory(action=f.ActionFactory(jaarprogramma=programme), organisation=organisation)
    return programme


def told(kind):
    return sorted(Notification.objects.filter(kind=kind).values_list("user__username", flat=True))


def test_a_period_that_opens_tells_the_staff_of_every_carrier(world, carried):
    ReportingPeriod.objects.create(name="Voorjaar 2021", start=TODAY, end=TODAY + datetime.timedelta(days=30))
    notify_reporting_periods(today=TODAY)
    # `writer` works at Rijnbrink, `other_writer` at the KB; nobody else carries an action.
    assert told(PERIOD_OPENS) == ["kb", "other_writer", "poi", "writer"]
    assert told(REPORT_REMINDER) == []
    notification = Notification.objects.filter(kind=PERIOD_OPENS).first()
    assert "Voorjaar 2021" in notification.subject and notification.url == "/monitoring/mijn-acties/"


def test_three_days_before_the_end_only_organisations_that_did_not_report_are_reminded(world, carried):
    period = ReportingPeriod.objects.create(name="Voorjaar 2021", start=TODAY - datetime.timedelta(days=20),
                                            end=TODAY + datetime.timedelta(days=3))
    kb_action = carried.actions.get(carriers__organisation=world.kb)
    f.ProgressUpdateFactory(action=kb_action, organisation=world.kb, author=world["kb_staff"],
                            date=period.start + datetime.timedelta(days=1))
    notify_reporting_periods(today=TODAY)
    assert told(REPORT_REMINDER) == ["poi", "writer"]
    reminder = Notification.objects.filter(kind=REPORT_REMINDER).first()
    assert "Rijnbrink" in reminder.subject
    # It names the open part and links to its action's own page.
    poi_action = carried.actions.get(carriers__organisation=world.poi)
    assert poi_action.get_page_url() in reminder.text and kb_action.get_page_url() not in reminder.text


def test_no_reminder_earlier_and_each_one_only_once(world, carried):
    ReportingPeriod.objects.create(name="Najaar", start=TODAY - datetime.timedelta(days=20),
                                   end=TODAY + datetime.timedelta(days=4))
    notify_reporting_periods(today=TODAY)
    assert told(REPORT_REMINDER) == []
    notify_reporting_periods(today=TODAY + datetime.timedelta(days=1))
    notify_reporting_periods(today=TODAY + datetime.timedelta(days=2))
    assert told(REPORT_REMINDER) == ["kb", "other_writer", "poi", "writer"]  # nobody reported
    assert Notification.objects.filter(kind=PERIOD_OPENS).count() == 4


def test_the_persons_choice_holds_for_reminders(world, carried):
    services.set_preference(user=world["poi_staff"], kind=REPORT_REMINDER, delivery=Delivery.NEVER)
    services.set_preference(user=world["writer"], kind=REPORT_REMINDER, delivery=Delivery.DIGEST)
    ReportingPeriod.objects.create(name="Kort", start=TODAY, end=TODAY + datetime.timedelta(days=1))
    notify_reporting_periods(today=TODAY)
    assert told(REPORT_REMINDER) == ["kb", "other_writer", "writer"]  # not poi_staff, who chose "niet"
    assert Notification.objects.get(kind=REPORT_REMINDER, user=world["writer"]).delivery == Delivery.DIGEST


def test_a_period_not_begun_or_ended_tells_nobody(world, carried):
    ReportingPeriod.objects.create(name="Later", start=TODAY + datetime.timedelta(days=1),
                                   end=TODAY + datetime.timedelta(days=2))
    ReportingPeriod.objects.create(name="Eerder", start=TODAY - datetime.timedelta(days=9),
                                   end=TODAY - datetime.timedelta(days=1))
    notify_reporting_periods(today=TODAY)
    assert not Notification.objects.exists()


def test_beat_runs_the_task(world, carried):
    today = timezone.localdate()
    ReportingPeriod.objects.create(name="Nu", start=today, end=today + datetime.timedelta(days=30))
    task.delay()
    assert told(PERIOD_OPENS) == ["kb", "other_writer", "poi", "writer"]
