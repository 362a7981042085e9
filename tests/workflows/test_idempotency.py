"""`Idempotency-Key` on the workflows API (dispatch and cancel) with the extractor's semantics, and a 5xx that
releases the key at once in both APIs."""

from __future__ import annotations

import pytest

from billing.models import CreditEntry
from config import idempotency
from extractor.models import IdempotencyKey
from tests.concurrency import run_concurrently
from tests.helpers import client_for, upload
from workflows import services
from workflows.models import WorkflowJob

URL = "/v1/extract"


def charges(tenant) -> int:
    return CreditEntry.objects.filter(tenant=tenant, kind="charge").count()


@pytest.mark.django_db
def test_dispatch_replays_the_first_answer_and_never_charges_twice(bearer):
    image = upload(bearer.tenant.pk)
    first = bearer.post(URL, {"trial_image": image}, format="json", HTTP_IDEMPOTENCY_KEY="order-42")
    assert first.status_code == 202 and "Idempotent-Replayed" not in first
    again = bearer.post(URL, {"trial_image": image}, format="json", HTTP_IDEMPOTENCY_KEY="order-42")
    assert again.status_code == 202 and again["Idempotent-Replayed"] == "true"
    assert again.content == first.content and again["Location"] == first["Location"]  # the same bytes
    assert WorkflowJob.objects.count() == 1 and charges(bearer.tenant) == 1

    other = bearer.post(
        URL, {"trial_image": image, "runtime_config": {"priority": 3}}, format="json", HTTP_IDEMPOTENCY_KEY="order-42"
    )
    assert other.status_code == 422
    assert other.json() == {
        "detail": [
            {
                "type": "idempotency_key_reused",
                "loc": ["header", "Idempotency-Key"],
                "msg": "This Idempotency-Key was used with a different request.",
            }
        ]
    }
    bad = bearer.post(URL, {"trial_image": image}, format="json", HTTP_IDEMPOTENCY_KEY="has space")
    assert bad.status_code == 400
    assert bad.json() == {"detail": "Idempotency-Key must be 1 to 255 printable ASCII characters."}
    assert WorkflowJob.objects.count() == 1 and charges(bearer.tenant) == 1


@pytest.mark.django_db
def test_in_progress_key_is_409(bearer):
    image = upload(bearer.tenant.pk)
    body = {"trial_image": image}
    fingerprint = idempotency.request_fingerprint("POST", URL, b'{"trial_image": "' + image.encode() + b'"}')
    IdempotencyKey.objects.create(tenant=bearer.tenant, key="busy", request_hash=fingerprint)
    response = bearer.post(URL, body, format="json", HTTP_IDEMPOTENCY_KEY="busy")
    assert response.status_code == 409
    assert response.json() == {"detail": "A request with this Idempotency-Key is still being processed."}
    assert not WorkflowJob.objects.exists()


@pytest.mark.django_db
def test_cancel_replays_instead_of_409(bearer):
    request_id = bearer.post(URL, {"trial_image": upload(bearer.tenant.pk)}, format="json").json()["request_id"]
    cancel = f"/v1/requests/{request_id}/cancel"
    first = bearer.post(cancel, HTTP_IDEMPOTENCY_KEY="cancel-1")
    assert first.status_code == 200 and first.json()["status"] == "CANCELLED"
    again = bearer.post(cancel, HTTP_IDEMPOTENCY_KEY="cancel-1")
    assert again.status_code == 200 and again["Idempotent-Replayed"] == "true" and again.json() == first.json()
    assert bearer.post(cancel).status_code == 409  # without a key, a second cancel is refused as before
    assert CreditEntry.objects.filter(kind="refund").count() == 1


@pytest.mark.django_db
@pytest.mark.parametrize("api", ["workflows", "extractor"])
def test_a_5xx_releases_the_key_at_once(api, bearer, xkey, monkeypatch):
    from extractor import services as extractor_services

    target, name = (services, "workflow_dispatch") if api == "workflows" else (extractor_services, "extraction_submit")
    real = getattr(target, name)
    calls = []

    def fail_once(*args, **kwargs):
        calls.append(1)
        if len(calls) == 1:
            raise RuntimeError("boom")
        return real(*args, **kwargs)

    monkeypatch.setattr(target, name, fail_once)
    if api == "workflows":
        client, url, body, ok = bearer, URL, {"trial_image": upload(bearer.tenant.pk)}, 202
    else:
        client, url, body, ok = (
            xkey,
            "/v1/extractor/extractions",
            {"type": "article", "content": "<p>Some text.</p>"},
            202,
        )
    failed = client.post(url, body, format="json", HTTP_IDEMPOTENCY_KEY="retry-me")
    assert failed.status_code == 500
    assert not IdempotencyKey.objects.exists()  # released at once, not after IDEMPOTENCY_STALE_SECONDS
    retried = client.post(url, body, format="json", HTTP_IDEMPOTENCY_KEY="retry-me")
    assert retried.status_code == ok and "Idempotent-Replayed" not in retried


@pytest.mark.django_db
def test_a_key_is_released_when_its_answer_cannot_be_stored(bearer, monkeypatch):
    def store_fails(**_):
        raise RuntimeError("database went away")

    monkeypatch.setattr(idempotency, "complete", store_fails)
    image = upload(bearer.tenant.pk)
    response = bearer.post(URL, {"trial_image": image}, format="json", HTTP_IDEMPOTENCY_KEY="lost-answer")
    assert response.status_code == 500 and response.json() == {"detail": "Internal Server Error"}
    assert not IdempotencyKey.objects.exists()


@pytest.mark.django_db(transaction=True)
def test_concurrent_retries_with_one_key_make_one_job_and_one_charge(make_tenant):
    created = make_tenant("Racer", credits=10)
    image = upload(created.tenant.pk)

    def attempt():
        return client_for(created).post(URL, {"trial_image": image}, format="json", HTTP_IDEMPOTENCY_KEY="same-key")

    responses = run_concurrently(attempt, 8)
    statuses = sorted(r.status_code for r in responses)
    assert set(statuses) <= {202, 409} and 202 in statuses, statuses
    winners = {r.json()["request_id"] for r in responses if r.status_code == 202}
    assert len(winners) == 1
    for loser in (r for r in responses if r.status_code == 409):
        assert loser.json() == {"detail": "A request with this Idempotency-Key is still being processed."}
    assert WorkflowJob.objects.count() == 1 and charges(created.tenant) == 1
    replay = attempt()
    assert replay.status_code == 202 and replay["Idempotent-Replayed"] == "true"
    assert replay.json()["request_id"] in winners
    assert WorkflowJob.objects.count() == 1 and charges(created.tenant) == 1
