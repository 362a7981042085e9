"""Webhook deliveries as a job kind of the engine (`jobs`), on their own queue: pending → sending (leased) →
delivered | gone | failed. Shared by both APIs; each decides its endpoints and events, then calls `create` inside the
transaction of the state change."""

from __future__ import annotations

import json
import logging
import time
from dataclasses import dataclass

from django.conf import settings
from django.db import IntegrityError, transaction
from django.utils import timezone
from ulid import ULID

import jobs
from config import outbound
from extractor.models import DeliveryStatus, WebhookAttempt, WebhookDelivery
from webhooks.signing import sign, signing_secrets

log = logging.getLogger(__name__)

# At most this much of a receiver's answer is read (only an excerpt is kept).
RESPONSE_MAX_BYTES = 16 * 1024


def attempt_seconds() -> float:
    """One attempt ends within this in total: connect + headers + body, however slowly a receiver drips."""
    return max(1.0, float(settings.WEBHOOK_TIMEOUT_SECONDS))


def lease_seconds() -> float:
    """Far longer than an attempt can last, so a delivery is never attempted twice at once."""
    return max(60.0, 3 * attempt_seconds())


# Delay before attempt 2, 3, ...; after the last one the delivery is `failed`.
RETRY_SCHEDULE = [5, 5 * 60, 30 * 60, 2 * 3600, 5 * 3600, 10 * 3600, 10 * 3600]
TASK_NAME = "extractor.deliver_webhook"

# A delivery is a job of the engine on its own queue: pending → sending (leased) → delivered | gone | failed.
KIND = jobs.JobKind(
    model=WebhookDelivery,
    queued=DeliveryStatus.PENDING,
    claimed=DeliveryStatus.SENDING,
    dead=DeliveryStatus.FAILED,
    terminal=(DeliveryStatus.DELIVERED, DeliveryStatus.GONE, DeliveryStatus.FAILED),
    task_name=TASK_NAME,
    queue="webhooks",
    lease_seconds=int(lease_seconds()),
    available_field="next_attempt_at",
)


def create(
    *,
    tenant_id: int,
    urls: list[str],
    type_: str,
    event: str,
    data: dict,
    generation: int,
    extraction=None,
    request_id: str = "",
) -> list[str]:
    """Inside the transaction of the state change: one delivery row per endpoint of `urls` for the event
    `{"type": type_, "timestamp", "data": data}`, each sent after commit. The subject is an extraction (`extraction`)
    or a workflow request (`request_id`); the same subject, event, generation and endpoint is recorded once."""
    urls = list(dict.fromkeys(urls))
    if not urls:
        return []
    # Kept as the JSON text every attempt sends (a JSON string in the column): stored as an object, PostgreSQL's jsonb
    # would give its keys back in its own order (`data` before `type`, the extraction's fields shuffled).
    payload = _body({"type": type_, "timestamp": timezone.now().isoformat().replace("+00:00", "Z"), "data": data})
    created = []
    for url in urls:
        delivery_id = f"msg_{ULID()}"
        try:
            with transaction.atomic():
                WebhookDelivery.objects.create(
                    id=delivery_id,
                    tenant_id=tenant_id,
                    extraction=extraction,
                    request_id=request_id,
                    event=event,
                    generation=generation,
                    url=url,
                    payload=payload,
                )
        except IntegrityError:  # the event was recorded already (same subject, event, generation, url)
            continue
        transaction.on_commit(lambda delivery_id=delivery_id: enqueue(delivery_id))
        created.append(delivery_id)
    return created


def _body(payload: dict) -> str:
    return json.dumps(payload, separators=(",", ":"))


def payload_text(delivery: WebhookDelivery) -> str:
    """The body an attempt sends (rows written before the payload was kept as text: serialised again)."""
    return delivery.payload if isinstance(delivery.payload, str) else _body(delivery.payload)


def enqueue(delivery_id: str, countdown: float | None = None) -> None:
    """Send the delivery's message now (on commit for a new one); a failed send is left to the sweeper."""
    jobs.enqueue(KIND, delivery_id, countdown=countdown)


def _retry_after(response) -> int | None:
    """The receiver's `Retry-After` in seconds (capped), when it is ASCII digits: `str.isdigit()` alone also takes "²",
    which `int()` refuses, and `int()` refuses over 4,300 digits (so a long run is the cap)."""
    raw = (response.headers.get("Retry-After") or "").strip() if response is not None else ""
    if raw.isascii() and raw.isdigit():
        return min(int(raw), RETRY_SCHEDULE[-1]) if len(raw) <= 9 else RETRY_SCHEDULE[-1]
    return None


def _excerpt(response) -> str:
    """The start of a receiver's answer as the attempt's row can store it. `response.text` raises for a declared
    charset that refuses errors="replace" (`idna`, `undefined`, …), and PostgreSQL text cannot hold NUL."""
    if response is None:
        return ""
    try:
        text = response.text
    except (UnicodeError, LookupError, TypeError):
        text = response.content.decode("utf-8", "replace")
    return text[:1000].replace("\x00", "\ufffd")


@dataclass
class _Outcome:
    response: object = None
    error: str = ""
    permanent: bool = False  # retrying cannot help (the URL is now refused by the SSRF guard)


def _post(delivery: WebhookDelivery) -> _Outcome:
    """One signed POST within the attempt's total deadline, reading at most RESPONSE_MAX_BYTES of the answer."""
    now = timezone.now()
    body = payload_text(delivery).encode()
    timestamp = int(now.timestamp())
    signatures = " ".join(
        sign(secret=s, msg_id=delivery.id, timestamp=timestamp, body=body)
        for s in signing_secrets(delivery.tenant, now)
    )
    headers = {
        "content-type": "application/json",
        "user-agent": "extractor-webhooks/1.0",
        "webhook-id": delivery.id,
        "webhook-timestamp": str(timestamp),
        "webhook-signature": signatures,
    }
    try:
        return _Outcome(
            outbound.call(
                "POST",
                delivery.url,
                data=body,
                headers=headers,
                deadline=attempt_seconds(),
                max_bytes=RESPONSE_MAX_BYTES,
            )
        )
    except outbound.OutboundError as exc:  # the URL refused by the SSRF guard is permanent; DNS and network are not
        return _Outcome(error=str(exc), permanent=exc.permanent)


def deliver(delivery_id: str) -> str | None:
    """One attempt of a delivery job. Returns its new status, or None when it was not due / held by another attempt /
    its lease was lost meanwhile."""
    lease = jobs.claim(KIND, delivery_id)
    if lease is None:
        return None
    delivery = WebhookDelivery.objects.select_related("tenant").get(pk=delivery_id)
    started = time.perf_counter()
    outcome = _post(delivery)
    duration_ms = int((time.perf_counter() - started) * 1000)
    status_code = outcome.response.status_code if outcome.response is not None else None
    with transaction.atomic():
        if status_code is not None and 200 <= status_code < 300:
            status = (
                DeliveryStatus.DELIVERED
                if jobs.finish(KIND, lease, DeliveryStatus.DELIVERED, delivered_at=timezone.now())
                else None
            )
        elif status_code == 410:
            status = DeliveryStatus.GONE if jobs.finish(KIND, lease, DeliveryStatus.GONE) else None
        elif outcome.permanent:
            status = DeliveryStatus.FAILED if jobs.finish(KIND, lease, DeliveryStatus.FAILED) else None
        else:  # the schedule's next delay (or the receiver's Retry-After); out of attempts: failed
            delay = max(
                RETRY_SCHEDULE[min(lease.attempts, len(RETRY_SCHEDULE)) - 1], _retry_after(outcome.response) or 0
            )
            status = jobs.retry_later(KIND, lease, delay=delay)
        if status is None:
            return None  # the lease was lost: whoever holds the delivery now owns its outcome
        WebhookAttempt.objects.create(
            delivery=delivery,
            number=lease.attempts,
            status_code=status_code,
            error=outcome.error.replace("\x00", "\ufffd"),
            duration_ms=duration_ms,
            response_excerpt=_excerpt(outcome.response),
        )
    return status


def deliveries_retry_due() -> list[str]:
    """Periodic (safe to run twice): attempts whose worker died go back to pending (or failed, out of attempts), and
    pending deliveries that are due and whose message may be lost get one. Returns the ids sent."""
    jobs.reap(KIND)
    return jobs.sweep(KIND, stale_after=2)


def delivery_redeliver(*, delivery_id: str) -> None:
    """Staff: send again now (same webhook-id), whatever its state. An attempt in flight keeps its lease (never two
    attempts at once): a delivery being sent is left to finish."""
    jobs.revive(
        KIND,
        delivery_id,
        reset_attempts=False,
        from_statuses=(DeliveryStatus.PENDING, DeliveryStatus.DELIVERED, DeliveryStatus.GONE, DeliveryStatus.FAILED),
    )
