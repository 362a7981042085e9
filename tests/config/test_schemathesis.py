"""Property-based run of both APIs against their own OpenAPI schema: no 5xx, responses match the schema."""
from __future__ import annotations

import pytest
import schemathesis
from hypothesis import HealthCheck, settings as hsettings
from schemathesis.checks import not_a_server_error
from schemathesis.specs.openapi.checks import content_type_conformance, response_schema_conformance, status_code_conformance

from config.wsgi import application

schema = schemathesis.openapi.from_wsgi("/v1/schema", application)
CHECKS = [not_a_server_error, response_schema_conformance, content_type_conformance, status_code_conformance]


@pytest.fixture
def auth_headers(db):
    from django.core.signals import request_finished, request_started
    from django.db import close_old_connections

    from billing import services

    # Calls go through the real WSGI handler; keep it from closing the test's connection (Django's test client does the same).
    request_started.disconnect(close_old_connections)
    request_finished.disconnect(close_old_connections)

    plan = services.plan_create(name="fuzz", requests_per_minute=10**6)
    created = services.tenant_create(name="Fuzz", plan=plan, credits=10**6)
    raw = created.issued.raw
    yield {"x-api-key": raw, "Authorization": f"Bearer {raw}"}
    request_started.connect(close_old_connections)
    request_finished.connect(close_old_connections)


@schema.parametrize()
@hsettings(max_examples=15, deadline=None, suppress_health_check=list(HealthCheck), derandomize=True)
def test_api_conforms_to_its_schema(case, auth_headers):
    case.call_and_validate(headers=auth_headers, checks=CHECKS)
