"""Thin Celery entry points: take ids, call one service. (Webhook deliveries: `webhooks/tasks.py`.)"""

from celery import shared_task

from config import idempotency
from extractor import services


@shared_task(name="extractor.run_extraction", acks_late=True)
def run_extraction(extraction_id: str) -> str | None:
    return services.extraction_run(extraction_id)


@shared_task(name="extractor.reap")
def reap() -> dict:
    return services.extractions_reap()


@shared_task(name="extractor.sweep")
def sweep() -> list:
    return services.extractions_sweep()


@shared_task(name="extractor.expire_cache")
def expire_cache() -> dict:
    return services.cache_expire()


@shared_task(name="extractor.purge_idempotency_keys")
def purge_idempotency_keys() -> int:
    return idempotency.purge_expired()
