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
from workflows.models import WorkflowJob

pytestmark = pytest.mark.django_db
URL = "/v1/extractor/extractions"
PAGE = (
    "<html><head><title>Hello world</title></head><body><article><h1>Hello world</h1><p>{}</p></article></body></html>"
)
EXTRACTION_KEYS = {
    "id",
    "type",
    "status",
    "url",
    "domainId",
    "tenantId",
    "inputFormat",
    "data",
    "metadata",
    "errorMessage",
    "errorClass",
    "attempts",
    "cacheHits",
    "recycleCount",
    "createdAt",
    "finishedAt",
}


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
    assert (data["type"], data["status"], data["inputFormat"], data["url"]) == (
        "article",
        "queued",
        "html",
        "https://news.example.com/a/1",
    )
    assert data["tenantId"] == str(xkey.tenant.pk)
    assert data["domainId"] is not None
    assert (data["attempts"], data["cacheHits"], data["recycleCount"], data["finishedAt"], data["data"]) == (
        0,
        0,
        0,
        None,
        None,
    )
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
    Extraction.objects.filter(pk=job_id).update(
        status=Status.FAILED, finished_at=timezone.now(), expires_at=timezone.now() + timedelta(hours=1)
    )
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
        (
            {"type": "article", "content": "<p>x</p>", "webhookEventTypes": ["done", "exploded"]},
            "webhookEventTypes.1",
            "invalid_enum",
        ),
        (
            {"type": "article", "content": "<p>x</p>", "options": {"llmMode": "guess"}},
            "options.llmMode",
            "invalid_enum",
        ),
        (
            {"type": "article", "content": "<p>x</p>", "options": {"llmPromptOverride": "x" * 8001}},
            "options.llmPromptOverride",
            "too_long",
        ),
        (
            {"type": "article", "content": "<p>x</p>", "options": {"temperature": 1}},
            "options.temperature",
            "unknown_field",
        ),
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
    assert 1 <= int(response["Retry-After"]) <= 60
    assert "q=2" in response["RateLimit-Policy"] and "r=0" in response["RateLimit"]


def test_a_plan_of_zero_requests_a_minute_never_says_retry_now(make_tenant):
    """Nothing is ever counted on such a plan: `Retry-After: 0` and `t=0` told clients to retry at once, forever."""
    plan = billing.plan_create(name="suspended", requests_per_minute=0)
    client = APIClient()
    client.credentials(HTTP_X_API_KEY=make_tenant(plan=plan).issued.raw)
    response = client.get(URL)
    error_of(response, 429, "rate_limited")
    assert response["Retry-After"] == "60" and response["RateLimit"] == '"per-key";r=0;t=60'


def test_rate_limit_reset_is_when_the_oldest_counted_request_leaves_the_window(xkey):
    import re

    response = xkey.get(URL)
    assert int(re.search(r";t=(\d+)", response["RateLimit"]).group(1)) in (59, 60)  # sliding window: just counted


def test_refusals_before_counting_still_report_the_budget(make_tenant):
    """A 403 to a valid key carries the headers but spends nothing."""
    plan = billing.plan_create(name="wf-only-rl", services=["workflows"], requests_per_minute=5)
    client = APIClient()
    client.credentials(HTTP_X_API_KEY=make_tenant(plan=plan).issued.raw)
    for _ in range(3):
        response = client.get(URL)
        error_of(response, 403, "service_disabled_on_plan")
        assert response["RateLimit-Policy"] == '"per-key";q=5;w=60' and ";r=5;" in response["RateLimit"]


@pytest.mark.parametrize("field", ["url", "webhookUrl"])
@pytest.mark.parametrize(
    "target",
    [
        "http://127.0.0.1/x",
        "http://169.254.169.254/latest/meta-data",
        "http://10.0.0.8/",
        "http://127.1/",
        "http://[::ffff:127.0.0.1]/",
    ],
)
def test_unsafe_urls_are_422(xkey, field, target):
    body = error_of(xkey.post(URL, article(**{field: target}), format="json"), 422, "unsafe_url")
    assert body["error"]["details"][0]["path"] == field
    # loopback and private addresses say how an operator allows them; cloud metadata never can be
    assert ("UNSAFE_URL_ALLOWLIST" in body["error"]["message"]) is ("169.254.169.254" not in target)
    assert Extraction.objects.count() == 0


@pytest.mark.parametrize("field", ["url", "webhookUrl"])
@pytest.mark.parametrize(
    ("target", "message"),
    [
        ("http://%ff.com/", "invalid host name"),  # was "IPv6 zone identifiers are not allowed"
        ("http://[fe80::1%25eth0]/", "IPv6 zone identifiers are not allowed"),
    ],
)
def test_a_percent_in_the_host_is_named_for_what_it_is(xkey, field, target, message):
    body = error_of(xkey.post(URL, article(**{field: target}), format="json"), 422, "unsafe_url")
    assert body["error"]["details"] == [{"path": field, "code": "unsafe_url", "message": message}]
    assert Extraction.objects.count() == 0


def test_llm_needs_the_llm_service(make_tenant):
    plan = billing.plan_create(name="no-llm", services=["extractor"])
    client = APIClient()
    client.credentials(HTTP_X_API_KEY=make_tenant(plan=plan).issued.raw)
    error_of(client.post(URL, article(options={"useLlm": True}), format="json"), 403, "service_disabled_on_plan")


def test_llm_check_follows_the_size_check(make_tenant):
    """The README's order: the body must be read to see `useLlm`, so 413 answers first."""
    plan = billing.plan_create(name="no-llm-tiny", services=["extractor"], max_body_bytes=1000)
    client = APIClient()
    client.credentials(HTTP_X_API_KEY=make_tenant(plan=plan).issued.raw)
    error_of(client.post(URL, article("x" * 2000, options={"useLlm": True}), format="json"), 413, "payload_too_large")


def test_body_over_the_absolute_cap_is_413_in_both_dialects(make_tenant, settings):
    """MAX_REQUEST_BYTES sits above every plan; Django refuses to read past it."""
    settings.DATA_UPLOAD_MAX_MEMORY_SIZE = 1000
    created = make_tenant(credits=5)
    raw = created.issued.raw
    client = APIClient()
    body = error_of(client.post(URL, article("x" * 5000), format="json", HTTP_X_API_KEY=raw), 413, "payload_too_large")
    assert "larger" in body["error"]["message"]
    response = client.post(
        "/v1/extract",
        {"trial_image_url": "https://example.com/" + "x" * 5000},
        format="json",
        HTTP_AUTHORIZATION=f"Bearer {raw}",
    )
    assert response.status_code == 413 and response.json() == {
        "detail": "The request body is larger than this service accepts."
    }
    assert Extraction.objects.count() == 0
    created.tenant.refresh_from_db()
    assert created.tenant.credit_balance == 5 and not WorkflowJob.objects.exists()


def test_llm_model_outside_the_plan_is_400(xkey):
    body = error_of(
        xkey.post(URL, article(options={"useLlm": True, "llmModel": "gpt-99"}), format="json"), 400, "validation_error"
    )
    assert body["error"]["details"][0]["path"] == "options.llmModel"


def test_deprecated_feature_is_announced(xkey, settings):
    settings.DEPRECATED_FEATURES = {
        "format=text": {
            "sunset": "2027-06-30T00:00:00Z",
            "since": "2026-10-01T00:00:00Z",
            "successor": "format=markdown",
            "note": "Send markdown instead.",
        }
    }
    response = xkey.post(
        URL, {"type": "article", "format": "text", "content": "Title\n\nSome body text here."}, format="json"
    )
    assert response.status_code == 202
    assert response.json()["deprecation"] == {
        "sunset": "2027-06-30T00:00:00Z",
        "successor": "format=markdown",
        "note": "Send markdown instead.",
    }
    assert response["Sunset"] == "Wed, 30 Jun 2027 00:00:00 GMT"
    assert response["Deprecation"] == "@1790812800"
    assert "deprecation" not in xkey.post(URL, article(), format="json").json()

    payload = {"type": "article", "format": "text", "content": "Replayed\n\nSome body text here."}
    first = xkey.post(URL, payload, format="json", HTTP_IDEMPOTENCY_KEY="dep-1")
    replay = xkey.post(URL, payload, format="json", HTTP_IDEMPOTENCY_KEY="dep-1")
    assert replay["Idempotent-Replayed"] == "true"
    assert (
        (replay["Deprecation"], replay["Sunset"])
        == (first["Deprecation"], first["Sunset"])
        == ("@1790812800", "Wed, 30 Jun 2027 00:00:00 GMT")
    )


def test_a_bulk_item_announces_its_deprecated_feature_as_the_single_create_does(xkey, settings):
    settings.DEPRECATED_FEATURES = {
        "format=text": {"sunset": "2027-06-30T00:00:00Z", "since": "2026-10-01T00:00:00Z", "note": "Send markdown."}
    }
    text = {"type": "article", "format": "text", "content": "Bulk title\n\nSome body text here."}
    single = xkey.post(URL, {**text, "content": "Single title\n\nSome body text here."}, format="json").json()
    response = xkey.post(f"{URL}/bulk", {"items": [text, article()]}, format="json")
    assert response.status_code == 200, response.content
    deprecated, current = response.json()["data"]
    assert (
        deprecated["deprecation"]
        == single["deprecation"]
        == {"sunset": "2027-06-30T00:00:00Z", "note": "Send markdown."}
    )
    assert "deprecation" not in current


def test_deprecated_features_are_checked_at_start_up():
    from django.core.exceptions import ImproperlyConfigured

    from config.settings import _deprecated_features

    assert _deprecated_features('{"format=text": {"sunset": "2027-06-30"}}') == {
        "format=text": {"sunset": "2027-06-30T00:00:00+00:00"}
    }
    for raw in ('{"format=text": {"sunset": "soon"}}', '{"format=text": {}}', "[1]", "{"):
        with pytest.raises(ImproperlyConfigured):
            _deprecated_features(raw)


# --- idempotency -------------------------------------------------------------------------------


def test_idempotent_replay(xkey):
    first = xkey.post(URL, article(), format="json", HTTP_IDEMPOTENCY_KEY="order-42")
    replay = xkey.post(URL, article(), format="json", HTTP_IDEMPOTENCY_KEY="order-42")
    assert replay.status_code == first.status_code == 202
    assert replay.content == first.content  # the same bytes, keys in the same order (not jsonb's)
    assert replay["Content-Type"] == first["Content-Type"] == "application/json"
    assert replay["Idempotent-Replayed"] == "true"
    assert "Idempotent-Replayed" not in first


def test_idempotent_replay_of_an_error_and_of_a_bulk_is_the_same_bytes(xkey):
    bad = {"type": "article", "content": "x", "options": {"llmMode": "x", "z\u0000": 1}}  # a NUL in an echoed key
    first = xkey.post(URL, bad, format="json", HTTP_IDEMPOTENCY_KEY="bad-1")
    replay = xkey.post(URL, bad, format="json", HTTP_IDEMPOTENCY_KEY="bad-1")
    assert first.status_code == replay.status_code == 400
    assert replay.content == first.content
    items = {"items": [article(), {"type": "page"}]}
    first = xkey.post(f"{URL}/bulk", items, format="json", HTTP_IDEMPOTENCY_KEY="bulk-1")
    replay = xkey.post(f"{URL}/bulk", items, format="json", HTTP_IDEMPOTENCY_KEY="bulk-1")
    assert first.status_code == replay.status_code == 200
    assert replay.content == first.content and replay["Idempotent-Replayed"] == "true"


def test_idempotency_key_reused_with_other_body(xkey):
    xkey.post(URL, article(), format="json", HTTP_IDEMPOTENCY_KEY="k1")
    error_of(
        xkey.post(URL, article("different"), format="json", HTTP_IDEMPOTENCY_KEY="k1"), 422, "idempotency_key_reused"
    )


def test_idempotency_in_progress(xkey):
    import json as _json

    from config.idempotency import request_fingerprint

    payload = article()
    IdempotencyKey.objects.create(
        tenant=xkey.tenant, key="busy", request_hash=request_fingerprint("POST", URL, _json.dumps(payload).encode())
    )
    error_of(xkey.post(URL, payload, format="json", HTTP_IDEMPOTENCY_KEY="busy"), 409, "idempotency_in_progress")


def test_a_key_abandoned_by_a_dead_process_is_taken_over(xkey, settings):
    """A reservation older than any request can run never got its answer: the retry runs instead of a 409."""
    import json as _json

    from config.idempotency import request_fingerprint

    payload = article()
    IdempotencyKey.objects.create(
        tenant=xkey.tenant,
        key="orphan",
        request_hash=request_fingerprint("POST", URL, _json.dumps(payload).encode()),
        created_at=timezone.now() - timedelta(seconds=settings.IDEMPOTENCY_STALE_SECONDS + 1),
    )
    response = xkey.post(URL, payload, format="json", HTTP_IDEMPOTENCY_KEY="orphan")
    assert response.status_code == 202 and "Idempotent-Replayed" not in response
    replay = xkey.post(URL, payload, format="json", HTTP_IDEMPOTENCY_KEY="orphan")
    assert replay["Idempotent-Replayed"] == "true" and replay.json() == response.json()
    assert Extraction.objects.count() == 1


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


@pytest.mark.parametrize("headers", [{"HTTP_X_API_KEY": "sk_nope"}, {}])
def test_a_refusal_before_authentication_stays_a_clean_error(headers):
    """An Accept the API cannot write (it was a 406, before authentication) is disregarded: JSON, here the 401."""
    response = APIClient().get(URL, HTTP_ACCEPT="application/xml", **headers)
    assert response.status_code == 401 and response["Content-Type"] == "application/json"
