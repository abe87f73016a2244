"""Celery adapters for governance: they take keys and call services."""

from celery import shared_task


@shared_task(ignore_result=True, autoretry_for=(OSError,), retry_backoff=True, max_retries=5)
def send_notification(notification_id):
    from governance.notifications.services import send_notification_email

    send_notification_email(notification_id)


@shared_task(ignore_result=True)
def send_daily_digests():
    from governance.notifications.services import send_daily_digests as send

    return send()


# Not acknowledged late and short-lived: a round that did not run is replaced by the next one.
@shared_task(ignore_result=True, acks_late=False)
def recover_jobs():
    from governance.jobs import recover

    return recover()
