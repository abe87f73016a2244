"""Scheduled maintenance (CELERY_BEAT_SCHEDULE in settings.py): thin adapters around services."""

import logging

from celery import shared_task

logger = logging.getLogger(__name__)


# Not acknowledged late: a backup that lost its worker is not started again halfway through the
# night's work; the next night's run makes a new one (and the rotation keeps the older ones).
@shared_task(acks_late=False, ignore_result=True)
def scheduled_backup():
    from netwerkagenda.backup.services import scheduled_backup as run

    result = run()
    logger.info("Back-up %s geschreven; %d oude back-ups opgeruimd", result.path, len(result.removed))


@shared_task(ignore_result=True)
def purge_expired_logs():
    from netwerkagenda.privacy.retention import purge_expired_logs as run

    removed = run()
    logger.info("Bewaartermijn verstreken, verwijderd: %s", removed)
