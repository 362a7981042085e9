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
    assert len(classes) >= 20
    codes = {}
    for cls in classes:
        assert re.fullmatch(r"[a-z_]+", cls.code) and 400 <= cls.status_code < 600 and cls.message, cls
        codes.setdefault(cls.code, []).append(cls)


def _sources():
    for path in ROOT.glob("*/**/*.py"):
        if path.parts[len(ROOT.parts)] in {"tests", ".venv", "bench", "training"} or "migrations" in path.parts:
            continue
        yield path, path.read_text()


def test_every_error_class_is_used():
    """No class defined and never raised or rendered (as `Forbidden` once was)."""
    names = [name for name, c in inspect.getmembers(errors, inspect.isclass) if issubclass(c, errors.DomainError)]
    used = set()
    for path, source in _sources():
        if path != ROOT / "config" / "errors.py":
            used |= {name for name in names if re.search(rf"\b{name}\b", source)}
    bases = {b.__name__ for name in names for b in getattr(errors, name).__mro__[1:]}
    assert set(names) - used - bases == set()


def test_raise_sites_name_a_class_never_a_string_code():
    patterns = [
        r"(DomainError|Conflict|NotFound)\([^)]*\bcode=",  # a domain error with a code made up where it is raised
        r"Problem\(\s*\d{3},\s*\"",  # a rendered problem with a literal status and code: problem_of(SomeError)
        r"LlmError\(\s*\"",  # LlmTimeout(...), not LlmError("llm_timeout", ...)
        r"StudioJobFailed\(\s*\"",  # StudioJobFailed(ErrorType.NO_ITEMS_FOUND, ...)
    ]
    offenders = []
    for path, source in _sources():
        for pattern in patterns:
            for match in re.finditer(pattern, source):
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
