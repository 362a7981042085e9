"""Thin Celery entry points: take ids, call one service."""

from celery import shared_task
from django.conf import settings

from extractor import idempotency, services, webhooks


@shared_task(name="extractor.run_extraction", acks_late=True)
def run_extraction(extraction_id: str) -> str | None:
    return services.extraction_run(extraction_id)


# The time limits are a backstop only: one attempt ends within its total deadline (webhooks.attempt_seconds()).
@shared_task(
    name="extractor.deliver_webhook",
    acks_late=True,
    soft_time_limit=settings.WEBHOOK_TIMEOUT_SECONDS + 20,
    time_limit=settings.WEBHOOK_TIMEOUT_SECONDS + 30,
)
def deliver_webhook(delivery_id: str) -> str | None:
    return webhooks.deliver(delivery_id)


@shared_task(name="extractor.reap")
def reap() -> dict:
    return services.extractions_reap()


@shared_task(name="extractor.sweep")
def sweep() -> list:
    return services.extractions_sweep()


@shared_task(name="extractor.expire_cache")
def expire_cache() -> dict:
    return services.cache_expire()


@shared_task(name="extractor.retry_webhooks")
def retry_webhooks() -> list:
    return webhooks.deliveries_retry_due()


@shared_task(name="extractor.purge_idempotency_keys")
def purge_idempotency_keys() -> int:
    return idempotency.purge_expired()
