"""A hostile webhook receiver (headers, then one byte every few seconds) against the delivery path.

An attempt ends at its total deadline, a delivery is never attempted twice at once, and webhook work runs in its
own worker pool (as `scripts/serve.py` runs it), so another tenant's extraction is not kept waiting."""

from __future__ import annotations

import threading
import time

import pytest
from rest_framework.test import APIClient

from billing import services as billing
from extractor import services
from extractor.models import DeliveryStatus, Extraction, Status, WebhookAttempt, WebhookDelivery
from tests.servers import SlowDrip
from tests.workers import wait_for
from webhooks import delivery as webhook_delivery

URL = "/v1/extractor/extractions"
ALLOW_LOCAL = "127.0.0.0/8"


def failed_job(tenant, url: str) -> Extraction:
    from extractor.api.views import validate_create

    body = {"type": "product", "format": "json", "content": {"description": "nothing to sell"}, "webhookUrl": url}
    submission = services.extraction_submit(tenant=tenant, body=validate_create(body))
    services.extraction_run(submission.extraction.pk)
    return Extraction.objects.get(pk=submission.extraction.pk)


@pytest.mark.django_db
@pytest.mark.parametrize("phase", ["body", "headers"])
def test_a_dripping_receiver_is_cut_at_the_total_deadline(settings, tenant, phase):
    settings.UNSAFE_URL_ALLOWLIST = [ALLOW_LOCAL]
    settings.WEBHOOK_TIMEOUT_SECONDS = 2
    with SlowDrip(interval=0.5, phase=phase) as receiver:
        failed_job(tenant.tenant, receiver.url + "/hook")
        delivery = WebhookDelivery.objects.get()
        started = time.monotonic()
        assert webhook_delivery.deliver(delivery.pk) == DeliveryStatus.PENDING  # retried later, like any timeout
        elapsed = time.monotonic() - started
    assert 1.9 < elapsed < 3.0, elapsed
    assert receiver.connections[0]["sent"] >= 3  # every read got a byte in time: only the total deadline ended it
    attempt = delivery.attempt_log.get()
    assert attempt.status_code is None and attempt.error.startswith("TotalTimeout")
    delivery.refresh_from_db()
    assert delivery.attempts == 1 and delivery.lease_expires_at is None


@pytest.mark.django_db(transaction=True)
def test_one_delivery_is_never_attempted_twice_at_once(settings, tenant):
    settings.UNSAFE_URL_ALLOWLIST = [ALLOW_LOCAL]
    settings.WEBHOOK_TIMEOUT_SECONDS = 2
    with SlowDrip(interval=0.5) as receiver:
        failed_job(tenant.tenant, receiver.url + "/hook")
        delivery_id = WebhookDelivery.objects.get().pk
        results = []

        def attempt():
            from django.db import connection

            try:
                results.append(webhook_delivery.deliver(delivery_id))
            finally:
                connection.close()

        threads = [threading.Thread(target=attempt) for _ in range(3)]
        for thread in threads:
            thread.start()
        time.sleep(0.5)
        webhook_delivery.deliveries_retry_due()  # the periodic retry sees a leased delivery and leaves it alone
        webhook_delivery.delivery_redeliver(delivery_id=delivery_id)  # so does staff's redeliver: no second attempt
        webhook_delivery.deliver(delivery_id)
        for thread in threads:
            thread.join()
    assert sorted(results, key=str) == [None, None, DeliveryStatus.PENDING]
    assert len(receiver.connections) == 1
    assert WebhookDelivery.objects.get().attempt_log.count() == 1


def test_a_slow_receiver_does_not_delay_another_tenants_extraction(transactional_db, settings, start_worker):
    settings.UNSAFE_URL_ALLOWLIST = [ALLOW_LOCAL]
    slow, fast = billing.tenant_create(name="Slow receiver"), billing.tenant_create(name="Other tenant")
    clients = {}
    for name, created in (("slow", slow), ("fast", fast)):
        clients[name] = APIClient()
        clients[name].credentials(HTTP_X_API_KEY=created.issued.raw)
    env = dict(UNSAFE_URL_ALLOWLIST=ALLOW_LOCAL, WEBHOOK_TIMEOUT_SECONDS=3)
    with SlowDrip(interval=1.0) as receiver:
        # the pools of scripts/serve.py: jobs and webhooks apart (one slot each here, the tightest case)
        start_worker("jobs", queues="default,extract,studio", **env)
        start_worker("webhooks", queues="webhooks", **env)
        for n in range(4):
            body = {
                "type": "article",
                "webhookUrl": f"{receiver.url}/hook/{n}",
                "content": f"<html><body><article><h1>Slow {n}</h1><p>Text {n} of this story.</p></article></body></html>",
            }
            assert clients["slow"].post(URL, body, format="json").status_code == 202
        wait_for(lambda: receiver.connections, timeout=30)  # a delivery is now stuck on the dripping receiver

        started = time.monotonic()
        body = {
            "type": "article",
            "content": "<html><body><article><h1>Prompt</h1><p>One paragraph.</p></article></body></html>",
        }
        job_id = clients["fast"].post(URL, body, format="json").json()["data"]["id"]
        wait_for(lambda: Extraction.objects.filter(pk=job_id, status=Status.DONE).exists(), timeout=30, interval=0.05)
        waited = time.monotonic() - started
        wait_for(lambda: WebhookAttempt.objects.count() >= 4, timeout=60)
        # the attempts made while the receiver dripped (read before it closes: a retry after that is refused at once)
        durations = list(WebhookAttempt.objects.values_list("duration_ms", flat=True))
    assert waited < 5, f"the other tenant waited {waited:.1f}s"
    # every attempt was cut at its 3 s total deadline, although each read got a byte within a second
    assert len(durations) >= 4 and all(2900 < ms < 4000 for ms in durations), durations
    assert receiver.connections[0]["sent"] >= 2  # it really was dripping
    # one delivery per event and endpoint, never attempted twice at once
    by_id: dict[bytes, list[dict]] = {}
    for conn in receiver.connections:
        webhook_id = next(line for line in conn["request"].split(b"\r\n") if line.lower().startswith(b"webhook-id:"))
        by_id.setdefault(webhook_id, []).append(conn)
    for conns in by_id.values():
        spans = sorted((c["accepted"], c["closed"] or time.time()) for c in conns)
        assert all(a_end <= b_start for (_, a_end), (b_start, _) in zip(spans, spans[1:], strict=False)), spans
    assert WebhookDelivery.objects.filter(tenant=slow.tenant).count() == 4
