"""Celery tasks: thin adapters that take a primary key and call a service."""

from celery import shared_task

from opgaven.pdf import services


@shared_task(
    bind=True,
    # Acknowledged only when done: a worker process killed mid-render leaves the message to be
    # delivered again at once; a whole worker that dies is noticed by governance.jobs.recover.
    # The attempt count on the job row stops a PDF that always crashes.
    acks_late=True,
    reject_on_worker_lost=True,
    soft_time_limit=services.SOFT_TIME_LIMIT,
    time_limit=services.HARD_TIME_LIMIT,
    ignore_result=True,
)
def render_export(self, job_id):
    services.render_job(job_id, task_id=self.request.id or "")
