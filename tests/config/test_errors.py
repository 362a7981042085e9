"""Errors are named classes in one module (config/errors.py), each with its code, status and message."""

from __future__ import annotations

import inspect
import re
from pathlib import Path

import pytest

from billing import services as billing
from config import errors

ROOT = Path(__file__).resolve().parents[2]


def test_every_error_class_has_a_code_a_status_and_a_message():
    classes = [c for _, c in inspect.getmembers(errors, inspect.isclass) if issubclass(c, errors.DomainError)]
    assert len(classes) >= 20 and not hasattr(errors, "Forbidden")
    codes = {}
    for cls in classes:
        assert re.fullmatch(r"[a-z_]+", cls.code) and 400 <= cls.status_code < 600 and cls.message, cls
        codes.setdefault(cls.code, []).append(cls)


def test_raise_sites_name_a_class_never_a_string_code():
    offenders = []
    for path in ROOT.glob("*/**/*.py"):
        if path.parts[len(ROOT.parts)] in {"tests", ".venv", "bench"} or "migrations" in path.parts:
            continue
        source = path.read_text()
        for match in re.finditer(r"(DomainError|Conflict|NotFound)\([^)]*\bcode=", source):
            offenders.append(f"{path.relative_to(ROOT)}: {match.group(0)[:80]}")
    assert not offenders, offenders


@pytest.mark.django_db
def test_service_disabled_on_plan_says_the_same_thing_from_both_places(make_tenant):
    from rest_framework.test import APIClient

    plan = billing.plan_create(name="wf-only", services=["workflows"])
    created = make_tenant(plan=plan)
    client = APIClient()
    client.credentials(HTTP_X_API_KEY=created.issued.raw)
    body = client.get("/v1/extractor/extractions").json()
    assert (body["code"], body["error"]["message"]) == (
        "service_disabled_on_plan",
        "The 'extractor' service is not enabled on plan 'wf-only'.",
    )
    plan = billing.plan_create(name="no-llm", services=["extractor", "workflows"])
    client.credentials(HTTP_X_API_KEY=make_tenant("B", plan=plan).issued.raw)
    body = client.post(
        "/v1/extractor/extractions",
        {"type": "article", "content": "<p>x</p>", "options": {"useLlm": True}},
        format="json",
    ).json()
    assert (body["code"], body["error"]["message"]) == (
        "service_disabled_on_plan",
        "The 'llm' service is not enabled on plan 'no-llm'.",
    )
