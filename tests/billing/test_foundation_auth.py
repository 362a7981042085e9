"""Authentication and scopes in both dialects, request ids, and the request log."""

from __future__ import annotations

import re

import pytest
from rest_framework.test import APIClient

from billing import services
from billing.models import RequestLog

ULID_RE = re.compile(r"^[0-9A-HJKMNP-TV-Z]{26}$")
WORKFLOWS_URL = "/v1/credits"
EXTRACTOR_URL = "/v1/extractor/extractions"

pytestmark = pytest.mark.django_db


def assert_extractor_error(response, status, code):
    assert response.status_code == status, response.content
    body = response.json()
    assert body["status"] == "error"
    assert body["code"] == code
    assert body["error"]["requestId"] == response["X-Request-Id"]
    assert isinstance(body["error"]["message"], str) and body["error"]["message"]
    assert isinstance(body["error"]["details"], list)
    return body


def test_workflows_missing_key_is_401_detail(anon):
    response = anon.get(WORKFLOWS_URL)
    assert response.status_code == 401
    assert response.json() == {"detail": "Authentication credentials were not provided."}
    assert response["WWW-Authenticate"] == "Bearer"


@pytest.mark.parametrize(
    "header, detail",
    [
        ("Bearer sk_not_a_real_key", "Invalid API key."),
        ("Token abc", "Invalid Authorization header: expected 'Bearer <key>'."),
        ("Bearer", "Invalid Authorization header: expected 'Bearer <key>'."),
        ("Bearer a b", "Invalid Authorization header: expected 'Bearer <key>'."),
    ],
)
def test_workflows_bad_keys_are_401(tenant, header, detail):
    client = APIClient()
    response = client.get(WORKFLOWS_URL, HTTP_AUTHORIZATION=header)
    assert response.status_code == 401
    assert response.json() == {"detail": detail}


def test_revoked_key_is_401_in_both_dialects(tenant, bearer, xkey):
    services.api_key_revoke(api_key=tenant.issued.api_key)
    assert bearer.get(WORKFLOWS_URL).json() == {"detail": "This API key has been revoked."}
    body = assert_extractor_error(xkey.get(EXTRACTOR_URL), 401, "unauthorized")
    assert body["error"]["message"] == "This API key has been revoked."


def test_extractor_missing_and_unknown_key_are_401(tenant, anon):
    body = assert_extractor_error(anon.get(EXTRACTOR_URL), 401, "unauthorized")
    assert body["error"]["message"] == "Authentication credentials were not provided."
    body = assert_extractor_error(anon.get(EXTRACTOR_URL, HTTP_X_API_KEY="sk_nope"), 401, "unauthorized")
    assert body["error"]["message"] == "Invalid API key."


def test_one_key_works_for_both_apis(bearer, xkey):
    assert bearer.get(WORKFLOWS_URL).status_code == 200
    assert xkey.get(EXTRACTOR_URL).status_code == 200


def test_bearer_key_is_not_accepted_by_extractor_and_vice_versa(tenant):
    raw = tenant.issued.raw
    assert_extractor_error(APIClient().get(EXTRACTOR_URL, HTTP_AUTHORIZATION=f"Bearer {raw}"), 401, "unauthorized")
    assert APIClient().get(WORKFLOWS_URL, HTTP_X_API_KEY=raw).status_code == 401


def test_missing_scope_is_403_in_both_dialects(make_tenant):
    created = make_tenant(scopes=["workflows:write", "extractions:write"])
    client = APIClient()
    response = client.get(WORKFLOWS_URL, HTTP_AUTHORIZATION=f"Bearer {created.issued.raw}")
    assert response.status_code == 403
    assert response.json() == {"detail": "This API key lacks the 'workflows:read' scope."}
    body = assert_extractor_error(client.get(EXTRACTOR_URL, HTTP_X_API_KEY=created.issued.raw), 403, "forbidden")
    assert body["error"]["message"] == "This API key lacks the 'extractions:read' scope."


def test_request_id_on_every_response(anon, bearer):
    for response in (
        anon.get("/healthz"),
        anon.get(WORKFLOWS_URL),
        bearer.get(WORKFLOWS_URL),
        anon.get("/v1/nope/deeper"),
    ):
        assert ULID_RE.match(response["X-Request-Id"])


def test_one_request_log_row_per_request(tenant, bearer):
    response = bearer.get(WORKFLOWS_URL, HTTP_USER_AGENT="pytest-agent/1.0")
    rows = list(RequestLog.objects.all())
    assert len(rows) == 1
    row = rows[0]
    assert row.id == response["X-Request-Id"]
    assert row.tenant_id == tenant.tenant.pk
    assert row.key_prefix == tenant.issued.api_key.prefix
    assert (row.api, row.method, row.path, row.status_code, row.error_code) == (
        "workflows",
        "GET",
        WORKFLOWS_URL,
        200,
        "",
    )
    assert row.user_agent == "pytest-agent/1.0"
    assert row.client_ip == "127.0.0.1"
    assert row.bytes_out == len(response.content)
    assert row.duration_ms >= 0


def test_request_log_records_errors_and_api(anon):
    response = anon.get(EXTRACTOR_URL)
    row = RequestLog.objects.get(pk=response["X-Request-Id"])
    assert (row.api, row.status_code, row.error_code, row.tenant_id) == ("extractor", 401, "unauthorized", None)


def test_non_api_requests_are_not_logged(anon):
    anon.get("/healthz")
    assert RequestLog.objects.count() == 0


def test_key_is_stored_hashed_only(tenant):
    key = tenant.issued.api_key
    assert tenant.issued.raw not in (key.key_hash, key.prefix)
    assert tenant.issued.raw.startswith(key.prefix)
    assert len(key.key_hash) == 64


def test_last_used_at_is_recorded(tenant, bearer):
    bearer.get(WORKFLOWS_URL)
    tenant.issued.api_key.refresh_from_db()
    assert tenant.issued.api_key.last_used_at is not None


def test_inactive_plan_and_disabled_service(make_tenant):
    plan = services.plan_create(name="off", active=False)
    created = make_tenant(plan=plan)
    response = APIClient().get(WORKFLOWS_URL, HTTP_AUTHORIZATION=f"Bearer {created.issued.raw}")
    assert response.status_code == 403
    assert response.json() == {"detail": "The tenant has no active plan."}
    assert_extractor_error(APIClient().get(EXTRACTOR_URL, HTTP_X_API_KEY=created.issued.raw), 403, "no_active_plan")

    plan = services.plan_create(name="wf-only", services=["workflows"])
    created = make_tenant(name="B", plan=plan)
    body = assert_extractor_error(
        APIClient().get(EXTRACTOR_URL, HTTP_X_API_KEY=created.issued.raw), 403, "service_disabled_on_plan"
    )
    assert "extractor" in body["error"]["message"]
