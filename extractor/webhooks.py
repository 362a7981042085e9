"""Which endpoints hear an extraction's events (`done`, `failed`, `dead`): the submitting request's `webhookUrl`, then
those of identical submissions that joined the job. Signing and delivery are shared with workflows (`webhooks/`)."""

from __future__ import annotations

from extractor.models import Extraction
from extractor.representation import extraction_json
from webhooks import delivery


def subscriptions(extraction: Extraction) -> list[tuple[str, list[str]]]:
    """The submitting request's endpoint, then those of identical submissions that joined the job."""
    subs = [(extraction.webhook_url, extraction.webhook_event_types or [])] if extraction.webhook_url else []
    subs += [(sub["url"], sub["events"]) for sub in extraction.extra_webhooks or []]
    return subs


def deliveries_create(*, extraction: Extraction, event: str) -> list[str]:
    """Inside the transaction of the state change: one delivery row per subscribed endpoint, sent after commit."""
    urls = [url for url, events in subscriptions(extraction) if event in events]
    return delivery.create(
        tenant_id=extraction.tenant_id,
        urls=urls,
        type_=f"extraction.{event}",
        event=event,
        data=extraction_json(extraction),
        generation=extraction.recycle_count,
        extraction=extraction,
    )
