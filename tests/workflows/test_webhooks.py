"""Workflow jobs call back (issue 13, item 3): `webhook_url` / `webhook_events` on `POST /v1/{name}`, one Standard
Webhooks delivery per end, signed with the tenant's secret, against a real receiver on loopback that verifies them."""

from __future__ import annotations

import base64
import json
from datetime import timedelta

import pytest
from django.utils import timezone

from billing.models import CreditEntry, LedgerKind
from extractor.models import DeliveryStatus, WebhookDelivery
from tests.helpers import dispatch, upload
from tests.servers import FakeStudio, Recorder
from tests.servers import verify_signature as verify
from webhooks import delivery as webhook_delivery
from workflows import tasks
from workflows.models import WorkflowJob

pytestmark = pytest.mark.django_db


def received(receiver) -> list[tuple[dict, dict]]:
    out = []
    for request in receiver.requests:
        headers = {k.lower(): v for k, v in request["headers"].items()}
        out.append((headers, json.loads(request["body"])))
    return out


@pytest.fixture
def local(settings):
    settings.UNSAFE_URL_ALLOWLIST = ["127.0.0.0/8"]
    settings.WEBHOOK_TIMEOUT_SECONDS = 2


@pytest.fixture
def studio(settings, tmp_path, local):
    settings.STORAGES = {
        "default": {"BACKEND": "django.core.files.storage.FileSystemStorage", "OPTIONS": {"location": str(tmp_path)}},
        "staticfiles": {"BACKEND": "django.contrib.staticfiles.storage.StaticFilesStorage"},
    }
    fake = FakeStudio().start()
    settings.STUDIO_BACKEND = "http"
    settings.STUDIO_URL = fake.url
    settings.STUDIO_RETRIES = 0
    yield fake
    fake.close()


def make_due(delivery_id: str) -> None:
    WebhookDelivery.objects.filter(pk=delivery_id).update(next_attempt_at=timezone.now() - timedelta(seconds=1))


def complete(studio, job_id: str) -> None:
    assert tasks.run_job(job_id) == "IN_PROGRESS"
    studio.complete(f"st-{job_id}")
    WorkflowJob.objects.filter(pk=job_id).update(next_poll_at=timezone.now() - timedelta(seconds=1))
    assert tasks.poll_studio() == [job_id]


def test_completed_500_then_200_is_redelivered_with_the_same_id(bearer, studio):
    with Recorder([(500, b"boom", 0, {})]) as receiver:
        job_id = dispatch(bearer, webhook_url=receiver.url + "/hooks/studio")
        complete(studio, job_id)
        delivery = WebhookDelivery.objects.get(request_id=job_id)
        assert webhook_delivery.deliver(delivery.pk) == DeliveryStatus.PENDING
        make_due(delivery.pk)
        assert webhook_delivery.deliver(delivery.pk) == DeliveryStatus.DELIVERED
    (first_headers, first), (second_headers, second) = received(receiver)
    assert first_headers["webhook-id"] == second_headers["webhook-id"] == delivery.pk
    for request in receiver.requests:
        headers = {k.lower(): v for k, v in request["headers"].items()}
        assert verify(bearer.tenant.webhook_secret, headers, request["body"])
        assert not verify("whsec_" + base64.b64encode(b"k" * 32).decode(), headers, request["body"])
    assert first == second and set(first) == {"type", "timestamp", "data"}
    assert first["type"] == "request.completed" and first["timestamp"].endswith("Z")
    shown = bearer.get(f"/v1/requests/{job_id}").json()
    data = first["data"]
    # the job exactly as GET /v1/requests/{id} shows it (image URLs are relative without a request to build on)
    assert {k: v for k, v in data.items() if k != "result"} == {k: v for k, v in shown.items() if k != "result"}
    assert [{**i, "image_url": None} for i in data["result"]["items"]] == [
        {**i, "image_url": None} for i in shown["result"]["items"]
    ]
    assert data["status"] == "COMPLETED" and data["credits_refunded"] == 0
    assert [a.status_code for a in delivery.attempt_log.order_by("number")] == [500, 200]


def test_410_stops_the_deliveries(bearer, studio):
    with Recorder(default=(410, b"gone", 0, {})) as receiver:
        job_id = dispatch(bearer, webhook_url=receiver.url + "/hooks")
        complete(studio, job_id)
        delivery = WebhookDelivery.objects.get(request_id=job_id)
        assert webhook_delivery.deliver(delivery.pk) == DeliveryStatus.GONE
        make_due(delivery.pk)
        assert webhook_delivery.deliver(delivery.pk) is None
        assert webhook_delivery.deliveries_retry_due() == []
    assert len(receiver.requests) == 1


def test_a_failed_jobs_event_shows_the_refund(bearer, studio):
    studio.submit_script = [(400,)]  # Studio refuses the job: FAILED, refunded
    with Recorder() as receiver:
        job_id = dispatch(bearer, webhook_url=receiver.url + "/hooks", webhook_events=["failed", "cancelled"])
        assert tasks.run_job(job_id) == "FAILED"
        delivery = WebhookDelivery.objects.get(request_id=job_id)
        assert (delivery.event, delivery.tenant_id) == ("failed", bearer.tenant.pk)
        assert webhook_delivery.deliver(delivery.pk) == DeliveryStatus.DELIVERED
    ((headers, event),) = received(receiver)
    assert verify(bearer.tenant.webhook_secret, headers, receiver.requests[0]["body"])
    assert event["type"] == "request.failed"
    assert event["data"]["status"] == "FAILED" and event["data"]["error"]["type"] == "studio_error"
    assert event["data"]["credits_refunded"] == event["data"]["credits_cost"] == 1
    assert CreditEntry.objects.filter(request_id=job_id, kind=LedgerKind.REFUND).count() == 1
    assert event["data"] == bearer.get(f"/v1/requests/{job_id}").json()


def test_only_the_asked_events_are_sent_and_cancel_is_one(bearer, local):
    with Recorder() as receiver:
        quiet = dispatch(bearer, webhook_url=receiver.url + "/quiet", webhook_events=["completed"])
        loud = dispatch(bearer, webhook_url=receiver.url + "/loud")  # default: every end
        for job_id in (quiet, loud):
            assert bearer.post(f"/v1/requests/{job_id}/cancel").status_code == 200
        assert not WebhookDelivery.objects.filter(request_id=quiet).exists()
        delivery = WebhookDelivery.objects.get(request_id=loud)
        assert delivery.event == "cancelled"
        assert webhook_delivery.deliver(delivery.pk) == DeliveryStatus.DELIVERED
        webhook_delivery.delivery_redeliver(delivery_id=delivery.pk)  # staff, from the admin: same webhook-id
        assert webhook_delivery.deliver(delivery.pk) == DeliveryStatus.DELIVERED
    events = received(receiver)
    assert [(h["webhook-id"], e["type"]) for h, e in events] == [(delivery.pk, "request.cancelled")] * 2
    assert events[0][1]["data"]["credits_refunded"] == 1


@pytest.mark.parametrize(
    ("field", "value", "loc", "type_"),
    [
        ("webhook_url", "http://169.254.169.254/latest", ["body", "webhook_url"], "value_error"),
        ("webhook_url", "http://127.0.0.1:9/hook", ["body", "webhook_url"], "value_error"),
        ("webhook_url", "ftp://example.com/x", ["body", "webhook_url"], "url_parsing"),
        ("webhook_url", "https://example.com/a b", ["body", "webhook_url"], "url_parsing"),  # format: uri
        ("webhook_url", "https://example.com/{id}", ["body", "webhook_url"], "url_parsing"),
        ("webhook_url", "https://example.com/caf\u00e9", ["body", "webhook_url"], "url_parsing"),
        ("webhook_url", 42, ["body", "webhook_url"], "string_type"),
        ("webhook_events", ["done"], ["body", "webhook_events", 0], "enum"),
        ("webhook_events", "failed", ["body", "webhook_events"], "list_type"),
    ],
)
def test_bad_callback_fields_are_422_and_charge_nothing(bearer, field, value, loc, type_):
    key = upload(bearer.tenant.pk)
    before = bearer.tenant.credit_balance
    response = bearer.post("/v1/extract", {"trial_image": key, field: value}, format="json")
    assert response.status_code == 422, response.content
    (error,) = response.json()["detail"]
    assert (error["loc"], error["type"]) == (loc, type_)
    if field == "webhook_url" and type_ == "value_error":
        assert error["msg"].startswith("Value error, unsafe_url: ")
    bearer.tenant.refresh_from_db()
    assert bearer.tenant.credit_balance == before and not WorkflowJob.objects.exists()


def test_bad_callback_and_bad_input_are_reported_together(bearer):
    response = bearer.post(
        "/v1/extract", {"trial_image": "elsewhere/x.jpg", "webhook_url": "http://10.0.0.1/"}, format="json"
    )
    assert response.status_code == 422
    assert [e["loc"] for e in response.json()["detail"]] == [["body", "trial_image"], ["body", "webhook_url"]]


def test_the_schema_documents_the_callback_fields(anon):
    schema = anon.get("/v1/schema", HTTP_ACCEPT="application/json").json()
    body = schema["paths"]["/v1/extract"]["post"]["requestBody"]["content"]["application/json"]["schema"]
    name = body["$ref"].rsplit("/", 1)[-1]
    properties = schema["components"]["schemas"][name]["properties"]

    def resolve(node: dict) -> dict:
        while "$ref" in node:
            node = schema["components"]["schemas"][node["$ref"].rsplit("/", 1)[-1]]
        return node

    assert properties["webhook_url"]["format"] == "uri"
    events = resolve(properties["webhook_events"]["items"])
    assert set(events["enum"]) == {"completed", "failed", "cancelled", "dead_letter"}
    assert "webhook_url" not in schema["components"]["schemas"][name].get("required", [])
