from celery import shared_task


@shared_task(ignore_result=True)
def daily_rounds():
    from feedback.services import daily

    daily()
