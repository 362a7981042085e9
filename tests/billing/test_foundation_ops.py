"""OpenAPI schema, admin pages, management commands and health endpoints."""

from __future__ import annotations

import json
import shutil
import subprocess
import time

import pytest
from django.contrib.auth import get_user_model
from django.core.management import call_command
from openapi_spec_validator import validate

from billing import services as billing_services
from billing.models import ApiKey, Plan, Tenant
from tests.helpers import free_port

pytestmark = pytest.mark.django_db


def test_schema_is_valid_and_describes_both_apis(anon):
    response = anon.get("/v1/schema", HTTP_ACCEPT="application/vnd.oai.openapi+json")
    assert response.status_code == 200
    schema = json.loads(response.content)
    validate(schema)
    paths = schema["paths"]
    assert "/v1/extractor/extractions" in paths and "/v1/extract" in paths
    create = paths["/v1/extractor/extractions"]["post"]
    assert {"200", "202", "400", "401", "403", "413", "422", "429"} <= set(create["responses"])
    body_schema = create["requestBody"]["content"]["application/json"]["schema"]
    assert all(variant["properties"]["options"] for variant in body_schema["oneOf"])
    assert anon.get("/v1/docs").status_code == 200


@pytest.fixture
def staff_client(client):
    user = get_user_model().objects.create_superuser("boss", "boss@example.com", "pw")
    client.force_login(user)
    return client


@pytest.mark.parametrize(
    "url",
    [
        "/admin/",
        "/admin/billing/tenant/",
        "/admin/billing/plan/",
        "/admin/billing/apikey/",
        "/admin/billing/requestlog/",
        "/admin/billing/creditentry/",
        "/admin/billing/apikey/add/",
        "/admin/billing/requestlog/?status_code=401&api=extractor",
    ],
)
def test_admin_pages_render_for_staff(staff_client, tenant, url):
    assert staff_client.get(url).status_code == 200


def test_admin_refuses_others(client, tenant):
    response = client.get("/admin/billing/tenant/")
    assert response.status_code == 302 and "/admin/login/" in response["Location"]
    user = get_user_model().objects.create_user("joe", password="pw")
    client.force_login(user)
    assert client.get("/admin/billing/tenant/").status_code == 302


def form_id_of(response) -> str:
    import re

    return re.search(r'name="form_id" value="([0-9A-Z]{26})"', response.content.decode()).group(1)


def test_admin_tenant_change_and_credits_pages(staff_client, tenant):
    t = tenant.tenant
    assert staff_client.get(f"/admin/billing/tenant/{t.pk}/change/").status_code == 200
    form_id = form_id_of(staff_client.get(f"/admin/billing/tenant/{t.pk}/credits/"))
    grant = {"amount": 5, "kind": "grant", "reason": "goodwill", "form_id": form_id}
    response = staff_client.post(f"/admin/billing/tenant/{t.pk}/credits/", grant)
    assert response.status_code == 302
    # the same form sent again (double click, browser resend) changes nothing
    again = staff_client.post(f"/admin/billing/tenant/{t.pk}/credits/", grant, follow=True)
    assert any("submitted already" in str(m) for m in again.context["messages"])
    t.refresh_from_db()
    assert t.credit_balance == 15 and t.ledger.first().reason == "goodwill" and t.ledger.count() == 2
    # a fresh form with the same change within a minute asks first, then records once confirmed
    fresh = {**grant, "form_id": form_id_of(staff_client.get(f"/admin/billing/tenant/{t.pk}/credits/"))}
    asked = staff_client.post(f"/admin/billing/tenant/{t.pk}/credits/", fresh)
    assert asked.status_code == 200 and "Yes, record it again" in asked.content.decode()
    t.refresh_from_db()
    assert t.credit_balance == 15
    assert (
        staff_client.post(f"/admin/billing/tenant/{t.pk}/credits/", {**fresh, "confirm_repeat": "1"}).status_code == 302
    )
    t.refresh_from_db()
    assert t.credit_balance == 20
    assert staff_client.get("/admin/billing/tenant/99999/credits/").status_code == 404
    big = {**grant, "amount": 10**19, "form_id": form_id_of(staff_client.get(f"/admin/billing/tenant/{t.pk}/credits/"))}
    assert staff_client.post(f"/admin/billing/tenant/{t.pk}/credits/", big).status_code == 200  # form error, no 500
    t.refresh_from_db()
    assert t.credit_balance == 20


def test_admin_secret_rotation_twice_keeps_the_secret_receivers_hold(staff_client, tenant):
    t = tenant.tenant
    original = t.webhook_secret
    for _ in range(2):
        staff_client.post("/admin/billing/tenant/", {"action": "rotate_webhook_secret", "_selected_action": [t.pk]})
    t.refresh_from_db()
    assert t.previous_webhook_secret == original and t.webhook_secret != original
    # a leaked secret: the explicit action rotates inside the grace period, the older one stops signing
    leaked = t.webhook_secret
    staff_client.post("/admin/billing/tenant/", {"action": "rotate_webhook_secret_now", "_selected_action": [t.pk]})
    t.refresh_from_db()
    assert t.previous_webhook_secret == leaked and t.webhook_secret not in (leaked, original)


def test_view_only_staff_cannot_run_actions_or_fetch_files(client, tenant):
    from django.contrib.auth.models import Permission

    from billing import services as billing_services

    user = get_user_model().objects.create_user("viewer", password="pw", is_staff=True)
    user.user_permissions.set(
        Permission.objects.filter(
            codename__in=["view_tenant", "view_apikey", "view_extraction", "view_webhookdelivery"]
        )
    )
    client.force_login(user)
    t = tenant.tenant
    secret = t.webhook_secret
    client.post("/admin/billing/tenant/", {"action": "rotate_webhook_secret", "_selected_action": [t.pk]})
    key = billing_services.api_key_create(tenant=t, name="kept").api_key
    client.post("/admin/billing/apikey/", {"action": "revoke", "_selected_action": [key.pk]})
    t.refresh_from_db()
    key.refresh_from_db()
    assert t.webhook_secret == secret and key.revoked_at is None
    assert client.get("/admin/workflows/workflowjob/01H0000000000000000000000X/file/x.png").status_code == 403


def test_admin_key_with_unknown_scopes_is_a_form_error(staff_client, tenant):
    for scopes, error in (
        (["bogus"], "Select a valid choice"),
        (["workflows:read", "teleport"], "Select a valid choice"),
        ([], "Tick at least one scope"),
    ):
        response = staff_client.post(
            "/admin/billing/apikey/add/", {"tenant": tenant.tenant.pk, "name": "bad", "scopes": scopes}
        )
        assert response.status_code == 200 and error in response.content.decode()
    assert not ApiKey.objects.filter(name="bad").exists()


def test_plan_validation(db):
    from django.core.exceptions import ValidationError

    for fields in (
        {"workflow_prices": {"extract": "abc"}},
        {"workflow_prices": {"extract": -3}},
        {"max_attempts": 0},
        {"services": ["teleport"]},
        {"services": [["x"]]},
    ):
        with pytest.raises(ValidationError):
            Plan(name="x", **fields).full_clean()
    Plan(name="ok").full_clean()


def test_admin_creates_key_showing_raw_once_and_revokes(staff_client, tenant):
    response = staff_client.post(
        "/admin/billing/apikey/add/",
        {"tenant": tenant.tenant.pk, "name": "ci", "scopes": ["extractions:read"]},
        follow=True,
    )
    assert response.status_code == 200
    shown = [str(m) for m in response.context["messages"]]
    assert any("sk_" in m for m in shown)
    key = ApiKey.objects.get(name="ci")
    raw = next(m for m in shown if "sk_" in m).split(": ")[-1]
    assert key.scopes == ["extractions:read"] and raw.startswith(key.prefix)
    staff_client.post("/admin/billing/apikey/", {"action": "revoke", "_selected_action": [key.pk], "post": "yes"})
    key.refresh_from_db()
    assert key.revoked_at is not None


def test_admin_request_log_search_by_id(staff_client, anon):
    request_id = anon.get("/v1/credits")["X-Request-Id"]
    response = staff_client.get(f"/admin/billing/requestlog/?q={request_id}")
    assert response.status_code == 200 and request_id in response.content.decode()


def test_create_tenant_json(capsys):
    call_command("create_plan", "pro", "--rpm", "100", "--services", "extractor,workflows", "--json")
    plan = json.loads(capsys.readouterr().out)
    assert plan["name"] == "pro" and plan["services"] == ["extractor", "workflows"] and plan["requestsPerMinute"] == 100
    call_command("create_tenant", "ACME", "--credits", "50", "--plan", "pro", "--json")
    out = json.loads(capsys.readouterr().out)
    assert {"tenantId", "apiKey", "webhookSecret"} <= set(out)
    assert out["apiKey"].startswith("sk_") and out["webhookSecret"].startswith("whsec_")
    tenant = Tenant.objects.get(pk=int(out["tenantId"]))
    assert tenant.credit_balance == 50 and tenant.plan.name == "pro"


def test_create_tenant_defaults_to_every_service(capsys):
    call_command("create_tenant", "Solo", "--json")
    out = json.loads(capsys.readouterr().out)
    plan = Tenant.objects.get(pk=int(out["tenantId"])).plan
    assert sorted(plan.services) == ["extractor", "llm", "workflows"]
    assert sorted(ApiKey.objects.get(tenant_id=int(out["tenantId"])).scopes) == sorted(
        ["workflows:write", "workflows:read", "extractions:write", "extractions:read"]
    )


def test_create_tenant_with_scopes_and_inactive_plan(capsys):
    call_command("create_plan", "off", "--inactive", "--json")
    assert json.loads(capsys.readouterr().out)["active"] is False
    call_command("create_tenant", "Scoped", "--scopes", "extractions:read,extractions:write", "--json")
    out = json.loads(capsys.readouterr().out)
    assert out["scopes"] == ["extractions:read", "extractions:write"]


def test_seed_demo_is_idempotent(capsys):
    call_command("seed_demo", "--json")
    first = json.loads(capsys.readouterr().out)
    call_command("seed_demo", "--json")
    second = json.loads(capsys.readouterr().out)
    assert first["tenantId"] == second["tenantId"] and first["apiKey"] != second["apiKey"]
    assert Tenant.objects.count() == 1 and get_user_model().objects.filter(is_staff=True).count() == 1


def test_seed_demo_revokes_the_demo_keys_of_earlier_runs(capsys, client):
    keys = []
    for _ in range(3):
        call_command("seed_demo", "--json")
        keys.append(json.loads(capsys.readouterr().out)["apiKey"])
    tenant = Tenant.objects.get()
    own = billing_services.api_key_create(tenant=tenant, name="a key staff made").raw  # not the command's: kept
    assert ApiKey.objects.filter(tenant=tenant, revoked_at__isnull=True).count() == 2
    for raw, status in [(keys[0], 401), (keys[1], 401), (keys[2], 200), (own, 200)]:
        assert client.get("/v1/credits", HTTP_AUTHORIZATION=f"Bearer {raw}").status_code == status


def test_healthz(anon):
    assert anon.get("/healthz").json() == {"status": "ok"}


@pytest.mark.skipif(shutil.which("redis-server") is None, reason="needs redis-server")
def test_readyz_reports_a_stopped_broker(anon):
    from config.celery import app

    port = free_port()
    server = subprocess.Popen(
        ["redis-server", "--port", str(port), "--save", "", "--appendonly", "no"], stdout=subprocess.DEVNULL
    )
    old = app.conf.broker_url
    try:
        app.conf.broker_url = f"redis://127.0.0.1:{port}/0"
        for _ in range(50):
            response = anon.get("/readyz")
            if response.status_code == 200:
                break
            time.sleep(0.1)
        assert response.json() == {"status": "ok", "checks": {"database": "ok", "broker": "ok"}}
        server.terminate()
        server.wait(5)
        response = anon.get("/readyz")
        assert response.status_code == 503
        body = response.json()
        assert body["checks"] == {"database": "ok", "broker": "failed"} and "broker" in body["errors"]
    finally:
        app.conf.broker_url = old
        if server.poll() is None:
            server.kill()


@pytest.mark.parametrize(
    "url",
    [
        "/admin/workflows/workflowjob/?status=%00",
        "/admin/extractor/extraction/?status=%00",
        "/admin/billing/creditentry/?kind=%00",
        "/admin/billing/requestlog/?api=%00",
        "/admin/extractor/extraction/%00/change/",
        "/admin/billing/requestlog/%00/change/",
        "/admin/billing/apikey/?created_at__year=99999",
        "/admin/billing/creditentry/?created_at__year=99999",
    ],
)
def test_admin_odd_input_is_400_not_500(staff_client, url):
    assert staff_client.get(url).status_code == 400
