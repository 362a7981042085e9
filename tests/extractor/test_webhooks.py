"""Signed webhooks against a real local receiver: signature, retries with a stable id, 410, timeouts."""

from __future__ import annotations

import base64
import json
from datetime import timedelta

import pytest
from django.utils import timezone

from billing import services as billing
from extractor import services
from extractor.models import DeliveryStatus, Extraction, WebhookDelivery
from tests.servers import Recorder
from tests.servers import verify_signature as verify
from webhooks import delivery as webhook_delivery

pytestmark = pytest.mark.django_db


@pytest.fixture
def setup(settings, tenant):
    settings.UNSAFE_URL_ALLOWLIST = ["127.0.0.0/8"]
    settings.WEBHOOK_TIMEOUT_SECONDS = 1
    return tenant.tenant


def failed_job(tenant, url, events=("done", "failed", "dead")) -> Extraction:
    body = {
        "type": "product",
        "format": "json",
        "content": {"description": "nothing to sell"},
        "webhookUrl": url,
        "webhookEventTypes": list(events),
    }
    from extractor.api.views import validate_create

    submission = services.extraction_submit(tenant=tenant, body=validate_create(body))
    services.extraction_run(submission.extraction.pk)
    return Extraction.objects.get(pk=submission.extraction.pk)


def make_due(delivery_id):
    WebhookDelivery.objects.filter(pk=delivery_id).update(next_attempt_at=timezone.now() - timedelta(seconds=1))


def test_signed_event_verifies(setup):
    with Recorder() as receiver:
        job = failed_job(setup, receiver.url + "/hook")
        delivery = WebhookDelivery.objects.get()
        assert webhook_delivery.deliver(delivery.pk) == DeliveryStatus.DELIVERED
    request = receiver.requests[0]
    headers = {k.lower(): v for k, v in request["headers"].items()}
    assert headers["webhook-id"] == delivery.pk and headers["webhook-signature"].startswith("v1,")
    assert abs(int(headers["webhook-timestamp"]) - timezone.now().timestamp()) < 5
    assert verify(setup.webhook_secret, headers, request["body"])
    assert not verify("whsec_" + base64.b64encode(b"x" * 32).decode(), headers, request["body"])
    event = json.loads(request["body"])
    assert (
        event["type"] == "extraction.failed"
        and event["data"]["id"] == job.pk
        and event["data"]["errorClass"] == job.error_class
    )
    assert event["timestamp"]
    attempt = delivery.attempt_log.get()
    assert (attempt.number, attempt.status_code, attempt.response_excerpt) == (1, 200, "ok")


def test_the_body_keeps_the_documented_order(setup, xkey, admin_client):
    """`{type, timestamp, data}` with `data` as the API shows the extraction, key for key in the same order: the
    payload came back from jsonb as `{data, type, timestamp}` with the extraction's fields shuffled."""
    with Recorder() as receiver:
        job = failed_job(setup, receiver.url + "/hook")
        assert webhook_delivery.deliver(WebhookDelivery.objects.get().pk) == DeliveryStatus.DELIVERED
    body = receiver.requests[0]["body"]
    event = json.loads(body)
    assert list(event) == ["type", "timestamp", "data"]
    shown = xkey.get(f"/v1/extractor/extractions/{job.pk}").json()["data"]
    assert list(event["data"]) == list(shown) and event["data"] == shown
    assert body.startswith(b'{"type":"extraction.failed","timestamp":"')
    page = admin_client.get(f"/admin/extractor/webhookdelivery/{WebhookDelivery.objects.get().pk}/change/")
    assert page.status_code == 200 and "{\n  &quot;type&quot;: &quot;extraction.failed&quot;," in page.content.decode()


def test_a_done_event_shows_metadata_in_its_documented_order(setup):
    """The `extraction.done` event's `metadata` is in the order every read shows (README "Extractor API")."""
    from extractor.api.views import validate_create
    from extractor.pipeline import PRODUCT_FIELDS
    from tests.helpers import assert_metadata_order

    with Recorder() as receiver:
        content = {"name": "Trail shoe", "brand": "Acme", "sku": "TS-1", "price": "59.00", "priceCurrency": "EUR"}
        body = {"type": "product", "format": "json", "content": content, "webhookUrl": receiver.url + "/hook"}
        submission = services.extraction_submit(tenant=setup, body=validate_create(body))
        services.extraction_run(submission.extraction.pk)
        assert webhook_delivery.deliver(WebhookDelivery.objects.get().pk) == DeliveryStatus.DELIVERED
    event = json.loads(receiver.requests[0]["body"])
    assert event["type"] == "extraction.done"
    top = ["probability", "sources", "pipelineVersion", "libraries", "timings"]
    assert_metadata_order(event["data"]["metadata"], PRODUCT_FIELDS, top)


def test_500_then_200_delivers_on_retry_with_the_same_id(setup):
    with Recorder([(500, b"boom", 0, {})]) as receiver:
        failed_job(setup, receiver.url)
        delivery = WebhookDelivery.objects.get()
        assert webhook_delivery.deliver(delivery.pk) == DeliveryStatus.PENDING
        delivery.refresh_from_db()
        assert delivery.next_attempt_at > timezone.now()
        assert webhook_delivery.deliver(delivery.pk) is None  # not due yet
        make_due(delivery.pk)
        assert webhook_delivery.deliver(delivery.pk) == DeliveryStatus.DELIVERED
    ids = {r["headers"]["webhook-id"] for r in receiver.requests}
    assert ids == {delivery.pk} and len(receiver.requests) == 2
    assert [a.status_code for a in delivery.attempt_log.order_by("number")] == [500, 200]


def test_410_stops_retries(setup):
    with Recorder(default=(410, b"gone", 0, {})) as receiver:
        failed_job(setup, receiver.url)
        delivery = WebhookDelivery.objects.get()
        assert webhook_delivery.deliver(delivery.pk) == DeliveryStatus.GONE
        make_due(delivery.pk)
        assert webhook_delivery.deliver(delivery.pk) is None
        assert webhook_delivery.deliveries_retry_due() == []
    assert len(receiver.requests) == 1


def test_slow_receiver_times_out_and_is_retried(setup):
    with Recorder([(200, b"late", 2.5, {})]) as receiver:
        failed_job(setup, receiver.url)
        delivery = WebhookDelivery.objects.get()
        assert webhook_delivery.deliver(delivery.pk) == DeliveryStatus.PENDING
        attempt = delivery.attempt_log.get()
        assert attempt.status_code is None and "Timeout" in attempt.error
        make_due(delivery.pk)
        assert webhook_delivery.deliver(delivery.pk) == DeliveryStatus.DELIVERED


def test_retry_after_is_honoured(setup):
    with Recorder([(503, b"busy", 0, {"Retry-After": "120"})]) as receiver:
        failed_job(setup, receiver.url)
        delivery = WebhookDelivery.objects.get()
        webhook_delivery.deliver(delivery.pk)
        delivery.refresh_from_db()
        assert delivery.next_attempt_at >= timezone.now() + timedelta(seconds=110)


def test_gives_up_after_the_schedule(setup):
    with Recorder(default=(500, b"no", 0, {})) as receiver:
        failed_job(setup, receiver.url)
        delivery = WebhookDelivery.objects.get()
        for _ in range(len(webhook_delivery.RETRY_SCHEDULE) + 1):
            make_due(delivery.pk)
            status = webhook_delivery.deliver(delivery.pk)
        assert status == DeliveryStatus.FAILED
        assert delivery.attempt_log.count() == len(webhook_delivery.RETRY_SCHEDULE) + 1


def test_unsubscribed_events_make_no_delivery(setup):
    failed_job(setup, "http://127.0.0.1:9/none", events=["done"])
    assert not WebhookDelivery.objects.exists()


def test_ssrf_guard_applies_again_at_delivery(setup, settings):
    with Recorder() as receiver:
        failed_job(setup, receiver.url)
        settings.UNSAFE_URL_ALLOWLIST = []
        delivery = WebhookDelivery.objects.get()
        assert webhook_delivery.deliver(delivery.pk) == DeliveryStatus.FAILED
    assert receiver.requests == []
    assert delivery.attempt_log.get().error.startswith("unsafe_url")


def test_rotation_signs_with_old_and_new_secret(setup):
    old = setup.webhook_secret
    rotated = billing.tenant_rotate_webhook_secret(tenant=setup)
    assert rotated.webhook_secret != old
    with Recorder() as receiver:
        failed_job(rotated, receiver.url)
        webhook_delivery.deliver(WebhookDelivery.objects.get().pk)
    request = receiver.requests[0]
    headers = {k.lower(): v for k, v in request["headers"].items()}
    assert len(headers["webhook-signature"].split(" ")) == 2
    assert verify(old, headers, request["body"]) and verify(rotated.webhook_secret, headers, request["body"])


def test_redeliver_keeps_the_id(setup):
    with Recorder() as receiver:
        failed_job(setup, receiver.url)
        delivery = WebhookDelivery.objects.get()
        webhook_delivery.deliver(delivery.pk)
        webhook_delivery.delivery_redeliver(delivery_id=delivery.pk)
        assert webhook_delivery.deliver(delivery.pk) == DeliveryStatus.DELIVERED
    assert [r["headers"]["webhook-id"] for r in receiver.requests] == [delivery.pk, delivery.pk]


def test_a_submission_joining_an_inflight_job_gets_its_own_webhook(setup):
    """Two callers, identical content, different endpoints: the second is answered with the first's job and both
    endpoints receive the events each asked for."""
    from extractor.api.views import validate_create

    content = {"description": "nothing to sell"}
    with Recorder() as one, Recorder() as two:
        first = services.extraction_submit(
            tenant=setup,
            body=validate_create(
                {"type": "product", "format": "json", "content": content, "webhookUrl": one.url + "/one"}
            ),
        )
        second = services.extraction_submit(
            tenant=setup,
            body=validate_create(
                {
                    "type": "product",
                    "format": "json",
                    "content": content,
                    "webhookUrl": two.url + "/two",
                    "webhookEventTypes": ["failed"],
                }
            ),
        )
        again = services.extraction_submit(
            tenant=setup,
            body=validate_create(
                {
                    "type": "product",
                    "format": "json",
                    "content": content,
                    "webhookUrl": two.url + "/two",
                    "webhookEventTypes": ["failed"],
                }
            ),
        )
        assert first.extraction.pk == second.extraction.pk == again.extraction.pk
        services.extraction_run(first.extraction.pk)
        deliveries = list(WebhookDelivery.objects.all())
        assert sorted((d.url, d.event) for d in deliveries) == sorted(
            [(one.url + "/one", "failed"), (two.url + "/two", "failed")]
        )
        for delivery in deliveries:
            assert webhook_delivery.deliver(delivery.pk) == DeliveryStatus.DELIVERED
    assert [r["path"] for r in one.requests] == ["/one"] and [r["path"] for r in two.requests] == ["/two"]
    assert json.loads(one.requests[0]["body"])["data"]["id"] == json.loads(two.requests[0]["body"])["data"]["id"]


def test_joining_a_finished_job_is_served_from_it_without_a_subscription(setup):
    from extractor.api.views import validate_create

    with Recorder() as receiver:
        job = failed_job(setup, receiver.url + "/one")  # failed: never served as a hit, so a new job is made
        body = {
            "type": "product",
            "format": "json",
            "content": {"description": "nothing to sell"},
            "webhookUrl": receiver.url + "/two",
        }
        submission = services.extraction_submit(tenant=setup, body=validate_create(body))
    assert submission.extraction.pk != job.pk
    assert Extraction.objects.get(pk=job.pk).extra_webhooks == []
    assert submission.extraction.webhook_url == receiver.url + "/two"


def test_an_unresolvable_webhook_host_is_retried_not_failed(setup):
    job = failed_job(setup, "http://no-such-host.invalid/hook")
    delivery = WebhookDelivery.objects.get(extraction=job)
    assert webhook_delivery.deliver(delivery.pk) == DeliveryStatus.PENDING
    delivery.refresh_from_db()
    assert delivery.attempts == 1 and delivery.next_attempt_at > timezone.now()
    assert delivery.attempt_log.get().error == "dns: host could not be resolved"


@pytest.mark.django_db(transaction=True)
def test_a_delivery_whose_worker_died_is_sent_again_by_the_periodic_retry(setup, redis_broker):
    """Deliveries are jobs of the engine: a worker lost mid-attempt leaves an expired lease, which the periodic retry
    reaps (attempts kept) and sends again under the same webhook-id; run twice at once, it sends once."""
    import jobs
    from tests.concurrency import run_concurrently

    with Recorder() as receiver:
        failed_job(setup, receiver.url)
        delivery = WebhookDelivery.objects.get()
        lease = jobs.claim(webhook_delivery.KIND, delivery.pk)  # a worker takes it ... and dies
        assert lease is not None and webhook_delivery.deliver(delivery.pk) is None  # held: nobody else sends meanwhile
        WebhookDelivery.objects.filter(pk=delivery.pk).update(lease_expires_at=timezone.now() - timedelta(seconds=1))
        redis_broker.delete("webhooks")
        run_concurrently(webhook_delivery.deliveries_retry_due)
        assert redis_broker.llen("webhooks") == 1  # the reaper's one message
        assert WebhookDelivery.objects.get().status == DeliveryStatus.PENDING
        assert webhook_delivery.deliver(delivery.pk) == DeliveryStatus.DELIVERED
        assert (
            jobs.finish(webhook_delivery.KIND, lease, DeliveryStatus.FAILED) is False
        )  # the dead worker's lease is gone
        assert webhook_delivery.deliveries_retry_due() == [] and redis_broker.llen("webhooks") == 1
    delivery.refresh_from_db()
    assert (delivery.status, delivery.attempts) == (DeliveryStatus.DELIVERED, 2)
    assert [a.number for a in delivery.attempt_log.all()] == [2]
    assert [r["headers"]["webhook-id"] for r in receiver.requests] == [delivery.pk]
