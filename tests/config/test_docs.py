"""The API documentation: Swagger UI and Redoc from our own static files (nothing from a CDN), and an OpenAPI
document written for API users — each operation with its own summary and description, every status it can
answer (429 included), examples from the spec documents and the constraints the server enforces."""

from __future__ import annotations

import inspect
import json
import re

import pytest
from django.contrib.staticfiles import finders

from config.api import DialectAPIView
from extractor.api import views as extractor_views
from extractor.api.base import ExtractorView
from workflows.api.base import WorkflowsView

pytestmark = pytest.mark.django_db
ASSET = re.compile(r"""(?:src|href)=["']([^"']+)["']""")


@pytest.mark.parametrize("url", ["/v1/docs", "/v1/redoc"])
def test_docs_pages_load_only_our_own_static_files(anon, url):
    response = anon.get(url)
    assert response.status_code == 200 and response["Content-Type"].startswith("text/html")
    page = response.content.decode()
    assets = ASSET.findall(page)
    assert assets, page
    for asset in assets:
        assert asset.startswith("/static/"), f"{url} loads {asset} from elsewhere"
        path = finders.find(asset.removeprefix("/static/"))
        assert path, f"{asset} is not among the static files"
        with open(path, "rb") as handle:
            assert handle.read(1), f"{asset} is empty"
    assert "https://" not in page and "http://" not in page and "@latest" not in page


@pytest.fixture
def document(anon):
    return json.loads(anon.get("/v1/schema", HTTP_ACCEPT="application/vnd.oai.openapi+json").content)


def operations(document):
    for path, methods in document["paths"].items():
        for method, operation in methods.items():
            yield path, method, operation


def test_every_operation_has_its_own_user_facing_summary_and_description(document):
    code_docs = {
        inspect.getdoc(cls).strip()
        for cls in (
            DialectAPIView,
            ExtractorView,
            WorkflowsView,
            extractor_views.IdempotentPostMixin,
            extractor_views.TimedView,
        )
        if inspect.getdoc(cls)
    }
    summaries, descriptions = set(), set()
    for path, method, operation in operations(document):
        summary, description = operation.get("summary", ""), operation.get("description", "")
        assert summary and len(description) > 60, (method, path)
        assert not any(doc[:40] in description for doc in code_docs), (method, path, description)
        assert summary not in summaries and description not in descriptions, (method, path)
        summaries.add(summary)
        descriptions.add(description)


def test_every_operation_lists_its_errors_including_429(document):
    for path, method, operation in operations(document):
        statuses = set(operation["responses"])
        assert {"401", "403", "429"} <= statuses, (method, path, statuses)
        assert "Retry-After" in operation["responses"]["429"]["headers"], (method, path)
        if "{" in path:
            assert "404" in statuses, (method, path)
    create = document["paths"]["/v1/extractor/extractions"]["post"]["responses"]
    assert {"200", "202", "400", "409", "413", "415", "422"} <= set(create)
    dispatch = document["paths"]["/v1/extract"]["post"]["responses"]
    assert {"202", "402", "413", "415", "422"} <= set(dispatch)
    assert "409" in document["paths"]["/v1/requests/{request_id}/cancel"]["post"]["responses"]


def test_examples_come_from_the_spec_documents(document):
    create = document["paths"]["/v1/extractor/extractions"]["post"]
    article = create["requestBody"]["content"]["application/json"]["examples"]["Article"]["value"]
    assert article["webhookEventTypes"] == ["done"] and article["options"]["llmMode"] == "fill-missing"
    assert set(create["responses"]["200"]["content"]["application/json"]["examples"]) == {"CacheHit"}
    dispatch = document["paths"]["/v1/extract"]["post"]
    body = dispatch["requestBody"]["content"]["application/json"]["examples"]["Extract"]["value"]
    assert body["extraction_context"] == {"max_items": 1, "product_name": "example", "product_description": "example"}
    accepted = dispatch["responses"]["202"]["content"]["application/json"]["examples"]["Accepted"]["value"]
    assert accepted["status"] == "NOT_STARTED" and accepted["credits_cost"] == 1


def test_the_schema_states_the_limits_the_server_enforces(document):
    list_params = {p["name"]: p for p in document["paths"]["/v1/extractor/extractions"]["get"]["parameters"]}
    assert (list_params["limit"]["schema"]["minimum"], list_params["limit"]["schema"]["maximum"]) == (1, 100)
    credit_params = {p["name"]: p for p in document["paths"]["/v1/credits"]["get"]["parameters"]}
    assert (credit_params["limit"]["schema"]["minimum"], credit_params["limit"]["schema"]["maximum"]) == (1, 200)
    bulk = document["paths"]["/v1/extractor/extractions/bulk"]["post"]["requestBody"]["content"]["application/json"]
    items = bulk["schema"]["properties"]["items"]
    assert (items["minItems"], items["maxItems"]) == (1, 100)
    create = document["paths"]["/v1/extractor/extractions"]["post"]["requestBody"]
    text, structured = create["content"]["application/json"]["schema"]["oneOf"]
    assert re.search(text["properties"]["content"]["pattern"], "<p>hi</p>")
    assert not any(re.search(text["properties"]["content"]["pattern"], bad) for bad in ("", " \n\t", "a\x00b"))
    assert [
        (v["type"], v.get("minProperties", v.get("minItems"))) for v in structured["properties"]["content"]["oneOf"]
    ] == [("object", 1), ("array", 1)]
    assert {"type": "string", "pattern": "^[^\\x00]*$"} in document["components"]["schemas"]["JsonValue"]["oneOf"]
    assert create["required"] is True and text["additionalProperties"] is False
    key = {p["name"]: p for p in document["paths"]["/v1/extractor/extractions"]["post"]["parameters"]}[
        "Idempotency-Key"
    ]
    assert key["schema"]["pattern"] == "^[!-~]{1,255}$"
    assert re.fullmatch(key["schema"]["pattern"], "retry-01J9Z3K4") and not re.fullmatch(
        key["schema"]["pattern"], "a b"
    )


def _documented_headers(document, path: str, method: str, status: int) -> dict:
    return document["paths"][path][method]["responses"][str(status)].get("headers", {})


def test_the_headers_every_answer_carries_are_documented(document):
    for path, method, operation in operations(document):
        for status, response in operation["responses"].items():
            headers = response.get("headers", {})
            assert headers["X-Request-Id"]["required"] is True, (method, path, status)
            assert ("RateLimit" in headers and "RateLimit-Policy" in headers) == (status != "401"), (method, path)
    assert _documented_headers(document, "/v1/extract", "post", 202)["Location"]["required"] is True
    assert "Idempotent-Replayed" in _documented_headers(document, "/v1/extractor/extractions", "post", 202)
    assert "Idempotent-Replayed" not in _documented_headers(document, "/v1/extractor/extractions", "get", 200)
    for status in (200, 202):
        assert {"Deprecation", "Sunset"} <= set(
            _documented_headers(document, "/v1/extractor/extractions", "post", status)
        )


def test_served_answers_carry_the_headers_the_schema_documents(document, bearer, xkey, anon, settings, tmp_path):
    """Real answers against their documented headers: every required one is there, and every documented one
    that is there has the documented form."""
    from tests.helpers import upload

    settings.STORAGES = {
        "default": {"BACKEND": "django.core.files.storage.FileSystemStorage", "OPTIONS": {"location": str(tmp_path)}},
        "staticfiles": {"BACKEND": "django.contrib.staticfiles.storage.StaticFilesStorage"},
    }

    answers = [
        ("/v1/extract", "post", bearer.post("/v1/extract", {"trial_image": upload(bearer.tenant.pk)}, format="json")),
        ("/v1/extract", "post", bearer.post("/v1/extract", {}, format="json")),
        ("/v1/extract", "post", anon.post("/v1/extract", {}, format="json")),
        ("/v1/credits", "get", bearer.get("/v1/credits")),
        ("/v1/extractor/extractions", "post", xkey.post("/v1/extractor/extractions", {"type": "x"}, format="json")),
        ("/v1/extractor/extractions", "get", xkey.get("/v1/extractor/extractions")),
    ]
    for path, method, response in answers:
        for name, header in _documented_headers(document, path, method, response.status_code).items():
            if header.get("required"):
                assert response.has_header(name), (path, response.status_code, name)
            pattern = header["schema"].get("pattern")
            if pattern and response.has_header(name):
                assert re.fullmatch(pattern, response[name]), (name, response[name])
    assert [response.status_code for _, _, response in answers] == [202, 422, 401, 200, 400, 200]
    assert answers[0][2]["Location"] == f"/v1/requests/{answers[0][2].json()['request_id']}"
    assert answers[0][2]["X-Request-Id"] == answers[0][2].json()["request_id"]
