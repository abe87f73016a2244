"""Celery adapters for monitoring (scheduled in CELERY_BEAT_SCHEDULE)."""

from celery import shared_task


@shared_task(ignore_result=True)
def notify_reporting_periods():
    from monitoring.notifications import notify_reporting_periods as run

    return run()
