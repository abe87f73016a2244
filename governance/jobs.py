"""Background jobs that recover by themselves: the one home of every job kind's life cycle.

A job is a row of a model that inherits `Job` (opgaven.ExportJob: every PDF); its Celery task
takes the row's key and goes through `claim`, `report` and `finish`/`fail`. The row, not the
broker, says where a job is, so `recover()` (beat, every JOB_RECOVERY_INTERVAL seconds:
governance.tasks.recover_jobs) repairs what a broker or a worker lost:

- a running job whose heartbeat is older than its hard time limit lost its worker (no worker may
  run it longer): it is queued again, or failed after `max_attempts` attempts;
- a waiting job never handed to the broker (it was down) is handed over;
- a waiting job handed over longer ago than the hard limit and still not started is handed over
  again (a worker that died before starting it holds its message for Redis' visibility timeout).

A message may therefore arrive more than once; `claim` lets one of them run the job.

Rows that each owe one short, repeatable task run but are no job of their own (a notification's
e-mail) register as an outbox (`register_outbox`): `post` hands the row's task over without
raising when the broker is down, and `recover()` hands over again what is still owed.
"""

import logging
from collections.abc import Callable
from dataclasses import dataclass
from datetime import timedelta
from functools import partial

from celery.utils.imports import symbol_by_name
from django.apps import apps
from django.db import models, transaction
from django.db.models import Q
from django.utils import timezone
from django.utils.translation import gettext
from django.utils.translation import gettext_lazy as _
from kombu.exceptions import OperationalError

logger = logging.getLogger(__name__)


def waiting_for_broker():
    return gettext("In de wachtrij: wordt gestart zodra de verwerking weer beschikbaar is.")


class JobStatus(models.TextChoices):
    QUEUED = "wachtrij", _("In de wachtrij")
    RUNNING = "bezig", _("Bezig")
    DONE = "klaar", _("Klaar")
    FAILED = "mislukt", _("Mislukt")


class Job(models.Model):
    """A unit of background work, its state on the row. Subclasses name their task."""

    task_name = ""  # the Celery task, called with the row's primary key
    time_limit = 300  # the task's hard time limit in seconds
    max_attempts = 3  # a job that kills its worker every time is not retried for ever

    created_at = models.DateTimeField(auto_now_add=True)
    started_at = models.DateTimeField(null=True, blank=True)
    finished_at = models.DateTimeField(null=True, blank=True)
    status = models.CharField(max_length=20, choices=JobStatus.choices, default=JobStatus.QUEUED)
    progress = models.PositiveSmallIntegerField(default=0)
    attempts = models.PositiveSmallIntegerField(default=0)
    error = models.TextField(blank=True)
    # Empty while the broker has not taken the job: recover() hands it over.
    enqueued_at = models.DateTimeField(null=True, blank=True)
    heartbeat_at = models.DateTimeField(null=True, blank=True)
    # The message the running attempt came in with: the same message again means its worker
    # was lost (Celery redelivers it); another message is a duplicate while the job runs.
    task_id = models.CharField(max_length=255, blank=True)

    class Meta:
        abstract = True

    @classmethod
    def queue(cls):
        return None  # Celery's default queue

    @classmethod
    def lost_before(cls, now):
        return now - timedelta(seconds=cls.time_limit)

    def is_lost(self, now):
        """Running, and no sign of life for longer than a worker may run it."""
        return self.status == JobStatus.RUNNING and (
            self.heartbeat_at is None or self.heartbeat_at < self.lost_before(now))

    @property
    def is_active(self):
        """Still on its way (also while the broker is down): the page keeps watching."""
        return self.status in (JobStatus.QUEUED, JobStatus.RUNNING)

    @property
    def can_requeue(self):
        return self.status == JobStatus.FAILED


def job_models():
    return [model for model in apps.get_models() if issubclass(model, Job)]


def submit(job):
    """Hand a new (or requeued) job to the broker once its row is committed."""
    transaction.on_commit(partial(hand_over, type(job), job.pk))


def publish(task_name, pk, queue=None):
    """Send the task for this key; False (and a line in the log) when the broker is down."""
    task = symbol_by_name(task_name)  # imports the task's module, which the web has not
    app = task.app
    try:
        if app.conf.task_always_eager:
            task.apply_async((pk,))
        else:
            # Fail within a second or two when the broker is down instead of holding the
            # request for Celery's default retries.
            with app.connection_for_write() as connection:
                connection.ensure_connection(max_retries=1, interval_start=0, interval_step=0.2, timeout=2)
                task.apply_async((pk,), queue=queue, connection=connection, retry=False)
    except (OperationalError, ConnectionError, OSError):
        logger.warning("%s(%s) niet in de wachtrij gezet: broker onbereikbaar", task_name, pk, exc_info=True)
        return False
    return True


def hand_over(model, pk):
    """Publish the job's message; with the broker down, say so on the row and return False
    (recover() tries again) rather than raise to the person who asked for the job."""
    if not publish(model.task_name, pk, model.queue()):
        model.objects.filter(pk=pk, status=JobStatus.QUEUED).update(enqueued_at=None, error=waiting_for_broker())
        return False
    model.objects.filter(pk=pk, status=JobStatus.QUEUED).update(enqueued_at=timezone.now(), error="")
    return True


@dataclass(frozen=True)
class Outbox:
    model: type
    task_name: str
    owed: Callable  # (now) -> the rows whose task has not done its work yet
    resend_after: timedelta


_outboxes = {}


def register_outbox(model, *, task_name, owed, resend_after=timedelta(minutes=10)):
    """`model` has an `enqueued_at` field; its task takes the row's key, may run more than once
    and does its work once."""
    _outboxes[model] = Outbox(model, task_name, owed, resend_after)


def post(model, pk):
    """Hand the row's task to the broker (call it on commit); never raises for a broker that is down."""
    handed = publish(_outboxes[model].task_name, pk)
    if handed:
        model.objects.filter(pk=pk).update(enqueued_at=timezone.now())
    return handed


def claim(queryset, pk, *, task_id="", now=None):
    """Start an attempt and return the job, or None: finished, run by another message, or out
    of attempts (then failed with the reason)."""
    now = now or timezone.now()
    with transaction.atomic():
        job = queryset.select_for_update(of=("self",)).filter(pk=pk).first()
        if job is None or job.status in (JobStatus.DONE, JobStatus.FAILED):
            return None
        if job.status == JobStatus.RUNNING and job.task_id != task_id and not job.is_lost(now):
            return None
        if job.attempts >= job.max_attempts:
            _give_up(job, now)
            return None
        job.attempts += 1
        job.status, job.progress, job.error, job.task_id = JobStatus.RUNNING, 5, "", task_id
        job.started_at = job.heartbeat_at = now
        job.finished_at = None
        job.save(update_fields=["attempts", "status", "progress", "error", "task_id", "started_at",
                                "heartbeat_at", "finished_at"])
        return job


def report(model, pk, progress=None):
    """A sign of life from the worker, with how far it is."""
    fields = {"heartbeat_at": timezone.now()}
    if progress is not None:
        fields["progress"] = min(progress, 99)
    return model.objects.filter(pk=pk, status=JobStatus.RUNNING).update(**fields)


def finish(job, *, fields=()):
    job.status, job.progress, job.finished_at = JobStatus.DONE, 100, timezone.now()
    job.save(update_fields=["status", "progress", "finished_at", *fields])


def fail(model, pk, message):
    return model.objects.filter(pk=pk).update(status=JobStatus.FAILED, error=message, finished_at=timezone.now())


def _give_up(job, now):
    job.status, job.finished_at = JobStatus.FAILED, now
    job.error = gettext("Gestopt na %(n)s pogingen: de verwerking brak steeds af.") % {"n": job.attempts}
    job.save(update_fields=["status", "finished_at", "error"])


@transaction.atomic
def requeue(job):
    """A person tries a failed job again (the fault is fixed): a fresh set of attempts."""
    job = type(job).objects.select_for_update().get(pk=job.pk)
    if job.status != JobStatus.FAILED:
        return job
    job.status, job.progress, job.error, job.attempts = JobStatus.QUEUED, 0, "", 0
    job.enqueued_at = job.finished_at = None
    job.save(update_fields=["status", "progress", "error", "attempts", "enqueued_at", "finished_at"])
    submit(job)
    return job


def _lost(model, now):
    return model.objects.filter(Q(heartbeat_at__isnull=True) | Q(heartbeat_at__lt=model.lost_before(now)),
                                status=JobStatus.RUNNING)


def _requeue_lost(model, pk, now):
    with transaction.atomic():
        job = _lost(model, now).select_for_update(skip_locked=True).filter(pk=pk).first()
        if job is None:  # it came back to life, or a worker is claiming it right now
            return False
        if job.attempts >= job.max_attempts:
            _give_up(job, now)
            return False
        logger.warning("%s %s: de worker is verdwenen, opnieuw in de wachtrij", model.__name__, pk)
        job.status, job.progress, job.enqueued_at, job.task_id = JobStatus.QUEUED, 0, None, ""
        job.save(update_fields=["status", "progress", "enqueued_at", "task_id"])
    return True


def recover(now=None):
    """Requeue the jobs whose worker died and hand over what the broker has not got; returns
    how many jobs were handed over."""
    now = now or timezone.now()
    handed = 0
    for model in job_models():
        for pk in _lost(model, now).values_list("pk", flat=True):
            _requeue_lost(model, pk, now)
        owed = model.objects.filter(Q(enqueued_at__isnull=True) | Q(enqueued_at__lt=model.lost_before(now)),
                                    status=JobStatus.QUEUED)
        for pk in owed.order_by("created_at", "pk").values_list("pk", flat=True):
            if not hand_over(model, pk):
                return handed  # the broker is down: the next round tries again
            handed += 1
    for outbox in _outboxes.values():
        owed = outbox.owed(now).filter(Q(enqueued_at__isnull=True) | Q(enqueued_at__lt=now - outbox.resend_after))
        for pk in owed.order_by("pk").values_list("pk", flat=True):
            if not post(outbox.model, pk):
                return handed
            handed += 1
    return handed
