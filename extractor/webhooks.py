"""Signed webhooks (Standard Webhooks): one delivery row per event and endpoint, written in the same
transaction as the state change, sent after commit, retried with backoff, every attempt recorded."""
from __future__ import annotations

import base64
import hashlib
import hmac
import json
import logging
import time
from datetime import datetime, timedelta

from django.conf import settings
from django.db import IntegrityError, transaction
from django.db.models import Q
from django.utils import timezone
from ulid import ULID

from billing.models import Tenant
from config.http_guard import UnsafeUrl, Unresolvable, safe_request
from extractor.models import DeliveryStatus, Extraction, WebhookAttempt, WebhookDelivery
from extractor.representation import extraction_json
from jobs import messages

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


def sign(*, secret: str, msg_id: str, timestamp: int, body: bytes) -> str:
    key = base64.b64decode(secret.removeprefix("whsec_"))
    digest = hmac.new(key, f"{msg_id}.{timestamp}.".encode() + body, hashlib.sha256).digest()
    return "v1," + base64.b64encode(digest).decode()


def signing_secrets(tenant: Tenant, now: datetime) -> list[str]:
    """The current secret, and the previous one during its grace period after a rotation."""
    secrets_ = [tenant.webhook_secret]
    if tenant.previous_webhook_secret and tenant.previous_webhook_secret_expires_at and tenant.previous_webhook_secret_expires_at > now:
        secrets_.append(tenant.previous_webhook_secret)
    return secrets_


def subscriptions(extraction: Extraction) -> list[tuple[str, list[str]]]:
    """The submitting request's endpoint, then those of identical submissions that joined the job."""
    subs = [(extraction.webhook_url, extraction.webhook_event_types or [])] if extraction.webhook_url else []
    subs += [(sub["url"], sub["events"]) for sub in extraction.extra_webhooks or []]
    return subs


def deliveries_create(*, extraction: Extraction, event: str) -> list[str]:
    """Inside the transaction of the state change: one delivery row per subscribed endpoint, sent after commit."""
    urls = [url for url, events in subscriptions(extraction) if event in events]
    return _create(tenant_id=extraction.tenant_id, urls=urls, type_=f"extraction.{event}", event=event,
                   data=extraction_json(extraction), generation=extraction.recycle_count, extraction=extraction)


def request_deliveries_create(*, tenant_id: int, request_id: str, url: str | None, events: list[str], event: str,
                              data: dict, generation: int) -> list[str]:
    """A workflow request's end (`request.<event>`), inside the transaction of that end; `events` empty = all."""
    if not url or (events and event not in events):
        return []
    return _create(tenant_id=tenant_id, urls=[url], type_=f"request.{event}", event=event, data=data,
                   generation=generation, request_id=request_id)


def _create(*, tenant_id: int, urls: list[str], type_: str, event: str, data: dict, generation: int,
            extraction: Extraction | None = None, request_id: str = "") -> list[str]:
    urls = list(dict.fromkeys(urls))
    if not urls:
        return []
    payload = {"type": type_, "timestamp": timezone.now().isoformat().replace("+00:00", "Z"), "data": data}
    created = []
    for url in urls:
        delivery_id = f"msg_{ULID()}"
        try:
            with transaction.atomic():
                WebhookDelivery.objects.create(
                    id=delivery_id, tenant_id=tenant_id, extraction=extraction, request_id=request_id, event=event,
                    generation=generation, url=url, payload=payload,
                )
        except IntegrityError:  # the event was recorded already (same subject, event, generation, url)
            continue
        transaction.on_commit(lambda delivery_id=delivery_id: enqueue(delivery_id))
        created.append(delivery_id)
    return created


def enqueue(delivery_id: str, countdown: float | None = None) -> None:
    """A failed send is logged by the engine; the retry sweep sends it again."""
    messages.send(TASK_NAME, delivery_id, queue="webhooks", countdown=countdown)


def _claim(delivery_id: str) -> tuple[WebhookDelivery, datetime] | None:
    """The delivery and the lease it is held by now, or None. The lease's expiry doubles as its token: the outcome is
    written only while it still matches, so an attempt that outlived its lease cannot overwrite a newer one."""
    now = timezone.now()
    lease = now + timedelta(seconds=lease_seconds())
    claimed = WebhookDelivery.objects.filter(
        Q(lease_expires_at__isnull=True) | Q(lease_expires_at__lt=now),
        pk=delivery_id, status=DeliveryStatus.PENDING, next_attempt_at__lte=now,
    ).update(lease_expires_at=lease)
    if not claimed:
        return None
    return WebhookDelivery.objects.select_related("tenant").get(pk=delivery_id), lease


def _retry_after(response) -> int | None:
    raw = response.headers.get("Retry-After") if response is not None else None
    if raw and raw.strip().isdigit():
        return min(int(raw.strip()), RETRY_SCHEDULE[-1])
    return None


def deliver(delivery_id: str) -> str | None:
    """One attempt. Returns the delivery's new status, or None when it was not due / claimed elsewhere."""
    claimed = _claim(delivery_id)
    if claimed is None:
        return None
    delivery, lease = claimed
    now = timezone.now()
    body = json.dumps(delivery.payload, separators=(",", ":")).encode()
    timestamp = int(now.timestamp())
    signatures = " ".join(sign(secret=s, msg_id=delivery.id, timestamp=timestamp, body=body) for s in signing_secrets(delivery.tenant, now))
    headers = {
        "content-type": "application/json",
        "user-agent": "extractor-webhooks/1.0",
        "webhook-id": delivery.id,
        "webhook-timestamp": str(timestamp),
        "webhook-signature": signatures,
    }
    started = time.perf_counter()
    response, error = None, ""
    try:
        response = safe_request("POST", delivery.url, data=body, headers=headers, timeout=attempt_seconds(),
                                max_seconds=attempt_seconds(), max_bytes=RESPONSE_MAX_BYTES)
    except Unresolvable as exc:  # DNS may be down for a moment: retried like any network error
        error = f"dns: {exc.reason}"
    except UnsafeUrl as exc:
        error = f"unsafe_url: {exc.reason}"
    except Exception as exc:  # noqa: BLE001 - network errors and timeouts are retried
        error = f"{type(exc).__name__}: {exc}"[:500]
    duration_ms = int((time.perf_counter() - started) * 1000)
    attempt = delivery.attempts + 1
    status_code = response.status_code if response is not None else None
    fields = {"attempts": attempt, "lease_expires_at": None}
    delay = None
    if status_code is not None and 200 <= status_code < 300:
        fields.update(status=DeliveryStatus.DELIVERED, delivered_at=timezone.now())
    elif status_code == 410:
        fields.update(status=DeliveryStatus.GONE)
    elif attempt > len(RETRY_SCHEDULE) or error.startswith("unsafe_url"):
        fields.update(status=DeliveryStatus.FAILED)
    else:
        delay = max(RETRY_SCHEDULE[attempt - 1], _retry_after(response) or 0)
        fields.update(next_attempt_at=timezone.now() + timedelta(seconds=delay))
    with transaction.atomic():
        if not WebhookDelivery.objects.filter(pk=delivery.pk, lease_expires_at=lease).update(**fields):
            return None  # the lease was lost (staff redelivered meanwhile): the newer attempt owns the outcome
        WebhookAttempt.objects.create(
            delivery=delivery, number=attempt, status_code=status_code, error=error, duration_ms=duration_ms,
            response_excerpt=(response.text[:1000] if response is not None else ""),
        )
        if delay is not None and delay <= 300:
            transaction.on_commit(lambda: enqueue(delivery.id, countdown=delay))
    return fields.get("status", DeliveryStatus.PENDING)


def deliveries_retry_due(*, limit: int = 500) -> list[str]:
    """Periodic: pending deliveries that are due and not leased get a message (safe to run twice)."""
    now = timezone.now()
    due = list(
        WebhookDelivery.objects.filter(status=DeliveryStatus.PENDING, next_attempt_at__lte=now - timedelta(seconds=2))
        .filter(Q(lease_expires_at__isnull=True) | Q(lease_expires_at__lt=now))
        .values_list("pk", flat=True)[:limit]
    )
    for delivery_id in due:
        enqueue(delivery_id)
    return due


def delivery_redeliver(*, delivery_id: str) -> None:
    """Staff: send again now (same webhook-id), whatever its state. An attempt in flight keeps its lease (never two
    attempts at once); the delivery is claimed again when that lease is free."""
    WebhookDelivery.objects.filter(pk=delivery_id).update(status=DeliveryStatus.PENDING, next_attempt_at=timezone.now())
    enqueue(delivery_id)
