"""Thin Celery entry points of webhook deliveries: take ids, call one function. The task names keep their
`extractor.` prefix so that messages already queued under them (and the beat schedule) still find them."""

from celery import shared_task
from django.conf import settings

from webhooks import delivery


# The time limits are a backstop only: one attempt ends within its total deadline (delivery.attempt_seconds()).
@shared_task(
    name=delivery.TASK_NAME,
    acks_late=True,
    soft_time_limit=settings.WEBHOOK_TIMEOUT_SECONDS + 20,
    time_limit=settings.WEBHOOK_TIMEOUT_SECONDS + 30,
)
def deliver_webhook(delivery_id: str) -> str | None:
    return delivery.deliver(delivery_id)


@shared_task(name="extractor.retry_webhooks")
def retry_webhooks() -> list:
    return delivery.deliveries_retry_due()
