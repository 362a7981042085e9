"""Property-based run of both APIs against their own OpenAPI schema with every schemathesis check
(`--checks all`): no 5xx, answers match the schema, schema-valid requests are accepted, schema-invalid ones
refused, documented statuses, content types and headers only."""

from __future__ import annotations

import itertools

import pytest
import schemathesis
from hypothesis import HealthCheck
from hypothesis import settings as hsettings
from schemathesis.checks import CHECKS
from schemathesis.generation import GenerationMode

from config.wsgi import application
from tests.helpers import image_bytes, upload

schema = schemathesis.openapi.from_wsgi("/v1/schema", application)
ALL_CHECKS = CHECKS.get_all()
FUZZ_MODEL = "fuzz-model"
_keys = itertools.count()


@pytest.fixture
def fuzz(db, settings, tmp_path):
    from django.core.signals import request_finished, request_started
    from django.db import close_old_connections

    from billing import services

    settings.STORAGES = {
        "default": {"BACKEND": "django.core.files.storage.FileSystemStorage", "OPTIONS": {"location": str(tmp_path)}},
        "staticfiles": {"BACKEND": "django.contrib.staticfiles.storage.StaticFilesStorage"},
    }
    # Calls go through the real WSGI handler; keep it from closing the test's connection (Django's test client does the same).
    request_started.disconnect(close_old_connections)
    request_finished.disconnect(close_old_connections)

    plan = services.plan_create(name="fuzz", requests_per_minute=10**6, llm_models=[FUZZ_MODEL])
    created = services.tenant_create(name="Fuzz", plan=plan, credits=10**6)
    raw = created.issued.raw
    yield {"headers": {"x-api-key": raw, "Authorization": f"Bearer {raw}"}, "tenant": created.tenant}
    request_started.connect(close_old_connections)
    request_finished.connect(close_old_connections)


def use_issued_values(case, tenant) -> None:
    """A schema-valid request must be accepted, but a few values are tokens only the server issues or state only
    the client holds; the generator cannot invent them, so positive cases get real ones (the schema's
    descriptions say so): an uploaded image as `trial_image`, an image as the uploaded file, a model of the
    plan as `llmModel`, a fresh Idempotency-Key (reusing one with another body is the documented 422), and no
    made-up `cursor`. Negative cases are sent exactly as generated."""
    if case.meta is None or case.meta.generation.mode != GenerationMode.POSITIVE:
        return
    path, method = case.operation.path, case.method.upper()
    if case.headers and "Idempotency-Key" in case.headers:
        case.headers["Idempotency-Key"] = f"fuzz-{next(_keys)}"
    if path == "/v1/extract" and isinstance(case.body, dict):
        case.body["trial_image"] = upload(tenant.pk)
    elif path == "/v1/uploads" and isinstance(case.body, dict):
        case.body["file"] = image_bytes()
    elif path == "/v1/extractor/extractions" and method == "GET" and case.query:
        case.query.pop("cursor", None)
    elif path.startswith("/v1/extractor/extractions") and method == "POST" and isinstance(case.body, dict):
        bodies = case.body.get("items", []) if path.endswith("/bulk") else [case.body]
        for body in bodies:
            if isinstance(body, dict) and isinstance(body.get("options"), dict) and "llmModel" in body["options"]:
                body["options"]["llmModel"] = FUZZ_MODEL


@schema.parametrize()
@hsettings(max_examples=15, deadline=None, suppress_health_check=list(HealthCheck), derandomize=True)
def test_api_conforms_to_its_schema(case, fuzz):
    use_issued_values(case, fuzz["tenant"])
    case.call_and_validate(headers=fuzz["headers"], checks=ALL_CHECKS)
