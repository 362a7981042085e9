"""POST /v1/extractor/extractions: every documented code, sent for real and checked to the body."""
from __future__ import annotations

from datetime import timedelta

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.utils import timezone
from rest_framework.test import APIClient

from billing import services as billing
from extractor import services
from extractor.models import Extraction, IdempotencyKey, Status

pytestmark = pytest.mark.django_db
URL = "/v1/extractor/extractions"
PAGE = "<html><head><title>Hello world</title></head><body><article><h1>Hello world</h1><p>{}</p></article></body></html>"
EXTRACTION_KEYS = {"id", "type", "status", "url", "domainId", "tenantId", "inputFormat", "data", "metadata", "errorMessage",
                   "errorClass", "attempts", "cacheHits", "recycleCount", "createdAt", "finishedAt"}


def article(text="A paragraph long enough to be the body of this small article.", **extra):
    return {"type": "article", "content": PAGE.format(text), **extra}


def error_of(response, status, code):
    assert response.status_code == status, response.content
    body = response.json()
    assert body["status"] == "error" and body["code"] == code, body
    assert body["error"]["requestId"] == response["X-Request-Id"]
    return body


def test_create_queues_a_job(xkey):
    response = xkey.post(URL, article(url="https://news.example.com/a/1"), format="json")
    assert response.status_code == 202
    body = response.json()
    assert (body["status"], body["code"]) == ("success", "queued")
    data = body["data"]
    assert set(data) == EXTRACTION_KEYS
    assert (data["type"], data["status"], data["inputFormat"], data["url"]) == ("article", "queued", "html", "https://news.example.com/a/1")
    assert data["tenantId"] == str(xkey.tenant.pk)
    assert data["domainId"] is not None
    assert (data["attempts"], data["cacheHits"], data["recycleCount"], data["finishedAt"], data["data"]) == (0, 0, 0, None, None)
    assert body["cache"] == {"hit": False, "key": Extraction.objects.get(pk=data["id"]).cache_key}
    assert set(body["timing"]) == {"totalMs", "dbMs", "externalMs"}
    assert "deprecation" not in body
    assert response["RateLimit-Policy"] and response["RateLimit"]


def test_domain_id_is_null_without_domain_or_url(xkey):
    assert xkey.post(URL, article(), format="json").json()["data"]["domainId"] is None


def test_identical_inflight_job_is_returned_not_duplicated(xkey):
    first = xkey.post(URL, article(), format="json").json()
    second = xkey.post(URL, article(forceRefresh=True), format="json")
    assert second.status_code == 202 and second.json()["data"]["id"] == first["data"]["id"]
    assert Extraction.objects.count() == 1


def test_cache_hit_after_done_then_force_refresh_and_expiry(xkey):
    job_id = xkey.post(URL, article(), format="json").json()["data"]["id"]
    assert services.extraction_run(job_id) == Status.DONE
    hit = xkey.post(URL, article(), format="json")
    assert hit.status_code == 200
    body = hit.json()
    assert body["code"] == "cache_hit" and body["data"]["id"] == job_id and body["data"]["status"] == "done"
    assert body["data"]["cacheHits"] == 1
    assert body["data"]["data"]["title"] == "Hello world"
    assert body["cache"]["hit"] is True and body["cache"]["ageSeconds"] >= 0 and body["cache"]["expiresAt"]
    assert xkey.post(URL, article(), format="json").json()["data"]["cacheHits"] == 2

    refreshed = xkey.post(URL, article(forceRefresh=True), format="json")
    assert refreshed.status_code == 202 and refreshed.json()["data"]["id"] != job_id
    services.extraction_run(refreshed.json()["data"]["id"])

    Extraction.objects.update(expires_at=timezone.now() - timedelta(seconds=1))
    expired = xkey.post(URL, article(), format="json")
    assert expired.status_code == 202 and expired.json()["code"] == "queued"


def test_failed_rows_never_serve_hits(xkey):
    job_id = xkey.post(URL, article(), format="json").json()["data"]["id"]
    Extraction.objects.filter(pk=job_id).update(status=Status.FAILED, finished_at=timezone.now(), expires_at=timezone.now() + timedelta(hours=1))
    response = xkey.post(URL, article(), format="json")
    assert response.status_code == 202 and response.json()["data"]["id"] != job_id


def test_cache_is_per_tenant(xkey, make_tenant):
    job_id = xkey.post(URL, article(), format="json").json()["data"]["id"]
    services.extraction_run(job_id)
    other = APIClient()
    other.credentials(HTTP_X_API_KEY=make_tenant("Other").issued.raw)
    response = other.post(URL, article(), format="json")
    assert response.status_code == 202 and response.json()["data"]["id"] != job_id


def test_cache_hit_costs_at_most_three_queries(xkey):
    job_id = xkey.post(URL, article(), format="json").json()["data"]["id"]
    services.extraction_run(job_id)
    xkey.post(URL, article(), format="json")  # warm: last_used_at, sanitise memo
    with CaptureQueriesContext(connection) as queries:
        assert xkey.post(URL, article(), format="json").status_code == 200
    # authenticate, serve the hit (one UPDATE … RETURNING), write the request log row
    # (savepoints exist only because the test runs inside a transaction)
    statements = [q["sql"] for q in queries if "SAVEPOINT" not in q["sql"]]
    assert len(statements) <= 3, statements


@pytest.mark.parametrize(
    "body, path, code",
    [
        ({"content": "<p>x</p>"}, "type", "required"),
        ({"type": "video", "content": "<p>x</p>"}, "type", "invalid_enum"),
        ({"type": "article"}, "content", "required"),
        ({"type": "article", "content": "<p>x</p>", "format": "pdf"}, "format", "invalid_enum"),
        ({"type": "article", "content": {"a": 1}}, "content", "format_mismatch"),
        ({"type": "article", "content": "not json", "format": "json"}, "content", "format_mismatch"),
        ({"type": "article", "content": 12}, "content", "invalid_type"),
        ({"type": "article", "content": "<p>x</p>", "surprise": 1}, "surprise", "unknown_field"),
        ({"type": "article", "content": "<p>x</p>", "url": "ftp://example.com/x"}, "url", "invalid_type"),
        ({"type": "article", "content": "<p>x</p>", "forceRefresh": "yes"}, "forceRefresh", "invalid_type"),
        ({"type": "article", "content": "<p>x</p>", "webhookEventTypes": ["done", "exploded"]}, "webhookEventTypes.1", "invalid_enum"),
        ({"type": "article", "content": "<p>x</p>", "options": {"llmMode": "guess"}}, "options.llmMode", "invalid_enum"),
        ({"type": "article", "content": "<p>x</p>", "options": {"llmPromptOverride": "x" * 8001}}, "options.llmPromptOverride", "too_long"),
        ({"type": "article", "content": "<p>x</p>", "options": {"temperature": 1}}, "options.temperature", "unknown_field"),
        ({"type": "article", "content": "<p>x</p>", "options": "fast"}, "options", "invalid_type"),
    ],
)
def test_validation_errors(xkey, body, path, code):
    response = xkey.post(URL, body, format="json")
    details = error_of(response, 400, "validation_error")["error"]["details"]
    assert {"path": path, "code": code} in [{"path": d["path"], "code": d["code"]} for d in details], details
    assert Extraction.objects.count() == 0


def test_every_problem_is_listed_at_once(xkey):
    response = xkey.post(URL, {"type": "x", "format": "y", "options": {"llmMode": "z"}, "extra": 1}, format="json")
    paths = sorted(d["path"] for d in error_of(response, 400, "validation_error")["error"]["details"])
    assert paths == ["content", "extra", "format", "options.llmMode", "type"]


def test_payload_too_large_from_content_length(make_tenant):
    plan = billing.plan_create(name="tiny", max_body_bytes=1000)
    client = APIClient()
    client.credentials(HTTP_X_API_KEY=make_tenant(plan=plan).issued.raw)
    body = error_of(client.post(URL, article("x" * 2000), format="json"), 413, "payload_too_large")
    assert "1000" in body["error"]["message"]
    assert Extraction.objects.count() == 0


def test_rate_limited_with_retry_after(make_tenant):
    plan = billing.plan_create(name="slow", requests_per_minute=2)
    client = APIClient()
    client.credentials(HTTP_X_API_KEY=make_tenant(plan=plan).issued.raw)
    assert client.get(URL).status_code == 200
    assert client.get(URL).status_code == 200
    response = client.get(URL)
    error_of(response, 429, "rate_limited")
    assert 1 <= int(response["Retry-After"]) <= 61
    assert "q=2" in response["RateLimit-Policy"] and "r=0" in response["RateLimit"]


@pytest.mark.parametrize("field", ["url", "webhookUrl"])
@pytest.mark.parametrize("target", ["http://127.0.0.1/x", "http://169.254.169.254/latest/meta-data", "http://10.0.0.8/", "http://127.1/", "http://[::ffff:127.0.0.1]/"])
def test_unsafe_urls_are_422(xkey, field, target):
    body = error_of(xkey.post(URL, article(**{field: target}), format="json"), 422, "unsafe_url")
    assert body["error"]["details"][0]["path"] == field
    assert Extraction.objects.count() == 0


def test_llm_needs_the_llm_service(make_tenant):
    plan = billing.plan_create(name="no-llm", services=["extractor"])
    client = APIClient()
    client.credentials(HTTP_X_API_KEY=make_tenant(plan=plan).issued.raw)
    error_of(client.post(URL, article(options={"useLlm": True}), format="json"), 403, "service_disabled_on_plan")


def test_llm_model_outside_the_plan_is_400(xkey):
    body = error_of(xkey.post(URL, article(options={"useLlm": True, "llmModel": "gpt-99"}), format="json"), 400, "validation_error")
    assert body["error"]["details"][0]["path"] == "options.llmModel"


def test_deprecated_feature_is_announced(xkey, settings):
    settings.DEPRECATED_FEATURES = {"format=text": {"sunset": "2027-06-30T00:00:00Z", "since": "2026-10-01T00:00:00Z",
                                                    "successor": "format=markdown", "note": "Send markdown instead."}}
    response = xkey.post(URL, {"type": "article", "format": "text", "content": "Title\n\nSome body text here."}, format="json")
    assert response.status_code == 202
    assert response.json()["deprecation"] == {"sunset": "2027-06-30T00:00:00Z", "successor": "format=markdown", "note": "Send markdown instead."}
    assert response["Sunset"] == "Wed, 30 Jun 2027 00:00:00 GMT"
    assert response["Deprecation"] == "@1790812800"
    assert "deprecation" not in xkey.post(URL, article(), format="json").json()


# --- idempotency -------------------------------------------------------------------------------

def test_idempotent_replay(xkey):
    first = xkey.post(URL, article(), format="json", HTTP_IDEMPOTENCY_KEY="order-42")
    replay = xkey.post(URL, article(), format="json", HTTP_IDEMPOTENCY_KEY="order-42")
    assert replay.status_code == first.status_code == 202
    assert replay.json() == first.json()
    assert replay["Idempotent-Replayed"] == "true"
    assert "Idempotent-Replayed" not in first


def test_idempotency_key_reused_with_other_body(xkey):
    xkey.post(URL, article(), format="json", HTTP_IDEMPOTENCY_KEY="k1")
    error_of(xkey.post(URL, article("different"), format="json", HTTP_IDEMPOTENCY_KEY="k1"), 422, "idempotency_key_reused")


def test_idempotency_in_progress(xkey):
    from extractor.idempotency import request_fingerprint
    import json as _json

    payload = article()
    IdempotencyKey.objects.create(tenant=xkey.tenant, key="busy", request_hash=request_fingerprint("POST", URL, _json.dumps(payload).encode()))
    error_of(xkey.post(URL, payload, format="json", HTTP_IDEMPOTENCY_KEY="busy"), 409, "idempotency_in_progress")


@pytest.mark.parametrize("key", ["", "x" * 256, "tab\there", "naïve"])
def test_invalid_idempotency_key(xkey, key):
    error_of(xkey.post(URL, article(), format="json", HTTP_IDEMPOTENCY_KEY=key), 400, "invalid_idempotency_key")


def test_validation_errors_are_replayed_too(xkey):
    first = xkey.post(URL, {"type": "nope"}, format="json", HTTP_IDEMPOTENCY_KEY="bad-1")
    replay = xkey.post(URL, {"type": "nope"}, format="json", HTTP_IDEMPOTENCY_KEY="bad-1")
    assert first.status_code == replay.status_code == 400 and replay["Idempotent-Replayed"] == "true"


def test_domain_ttl_override_sets_expiry(xkey):
    from extractor.models import Domain

    first = xkey.post(URL, article(domain="Shop.Example"), format="json").json()["data"]
    domain = Domain.objects.get(pk=first["domainId"])
    assert domain.host == "shop.example"
    domain.cache_ttl_seconds = 60
    domain.save()
    services.extraction_run(first["id"])
    job = Extraction.objects.get(pk=first["id"])
    assert (job.expires_at - job.finished_at).total_seconds() == 60
    hit = xkey.post(URL, article(domain="shop.example"), format="json").json()
    assert hit["code"] == "cache_hit" and hit["data"]["domainId"] == domain.pk
