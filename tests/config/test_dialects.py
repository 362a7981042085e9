"""Every error class renders in its API's own dialect, including URLs that match no view."""

from __future__ import annotations

import pytest

pytestmark = pytest.mark.django_db


def extractor_error(response, status, code):
    assert response.status_code == status, response.content
    body = response.json()
    assert body["status"] == "error" and body["code"] == code
    assert body["error"]["requestId"] == response["X-Request-Id"]
    return body


def test_unknown_urls_under_each_prefix(anon):
    response = anon.get("/v1/extractor/nope")
    body = extractor_error(response, 404, "not_found")
    assert body["error"]["message"] == "Not Found"
    assert not response.has_header("Allow")  # it listed GET, POST, PUT, PATCH, DELETE, … for a URL with no resource
    extractor_error(anon.post("/v1/extractor"), 404, "not_found")
    response = anon.delete("/v1/requests/x/y/z")
    assert response.status_code == 404 and response.json() == {"detail": "Not Found"}
    assert not response.has_header("Allow")


@pytest.mark.parametrize(
    ("client", "method", "path", "body"),
    [
        ("bearer", "post", "/v1/nosuch", {"detail": "Workflow 'nosuch' not found."}),
        ("anon", "post", "/v1/nosuch", {"detail": "Workflow 'nosuch' not found."}),
        ("bearer", "options", "/v1/nosuch", {"detail": "Workflow 'nosuch' not found."}),
        ("bearer", "get", "/v1/requests/01ARZ3NDEKTSV4RRFFQ69G5FAV", {"detail": "Request not found."}),
        ("bearer", "post", "/v1/requests/01ARZ3NDEKTSV4RRFFQ69G5FAV/cancel", {"detail": "Request not found."}),
        ("anon", "get", "/v1/schema?format=xml", {"detail": "Not found."}),  # drf-spectacular's renderer lookup
        ("xkey", "get", "/v1/extractor/extractions/01ARZ3NDEKTSV4RRFFQ69G5FAV", None),
        ("xkey", "post", "/v1/extractor/extractions/01ARZ3NDEKTSV4RRFFQ69G5FAV/cancel", None),
    ],
)
def test_a_404_carries_no_allow(request, client, method, path, body):
    """A 404 names no resource whose methods `Allow` could list (FastAPI sends `Allow` on a 405 only); an unknown
    workflow listed `Allow: POST, OPTIONS`, an unknown request `GET, HEAD, OPTIONS`."""
    response = getattr(request.getfixturevalue(client), method)(path)
    if body is None:
        extractor_error(response, 404, "not_found")
    else:
        assert (response.status_code, response.json()) == (404, body)
    assert not response.has_header("Allow"), response["Allow"]


@pytest.mark.parametrize(
    ("method", "path", "location"),
    [
        ("POST", "/v1/extract/", "/v1/extract"),
        ("POST", "/v1/extract///", "/v1/extract"),
        (
            "GET",
            "/v1/requests/01ARZ3NDEKTSV4RRFFQ69G5FAV/?x=1&y=%20",
            "/v1/requests/01ARZ3NDEKTSV4RRFFQ69G5FAV?x=1&y=%20",
        ),
        ("POST", "/v1/requests/01ARZ3NDEKTSV4RRFFQ69G5FAV/cancel/", "/v1/requests/01ARZ3NDEKTSV4RRFFQ69G5FAV/cancel"),
        ("GET", "/v1/credits/", "/v1/credits"),
        ("GET", "/v1/requests/caf%C3%A9%20x/", "/v1/requests/caf%C3%A9%20x"),  # the path as sent, escaped
        ("OPTIONS", "/v1/uploads/", "/v1/uploads"),
        ("POST", "/v1/nosuch/", "/v1/nosuch"),  # `POST /v1/{name}` is a route: its own 404 names the workflow
    ],
)
def test_a_trailing_slash_on_a_workflows_route_is_fastapi_s_307(anon, method, path, location):
    """FastAPI (Starlette's `redirect_slashes`) answers a path that matches no route but does without its trailing
    slashes with 307 to it, before authentication, no body; a 307 keeps the method and body when followed. The
    Location is relative (RFC 9110 10.2.2), so a TLS-terminating proxy never turns it into an http:// URL."""
    response = anon.generic(method, path, b'{"trial_image": "x"}', content_type="application/json")
    assert (response.status_code, response.content, response["Location"]) == (307, b"", location)
    assert not response.has_header("Allow") and not response.has_header("Content-Type")
    assert response["X-Request-Id"]


@pytest.mark.parametrize("path", ["/v1/", "/v1//", "/v1/nope/x/", "/v1/requests/x/y/"])
def test_a_trailing_slash_that_names_no_route_is_404(anon, path):
    response = anon.post(path, b"{}", content_type="application/json")
    assert (response.status_code, response.json()) == (404, {"detail": "Not Found"})


def test_the_extractor_keeps_its_404_for_a_trailing_slash(xkey):
    """The extractor's contract is not FastAPI's: its routes are exact, and a 307 is in none of its documented
    answers (README "API overview")."""
    extractor_error(xkey.post("/v1/extractor/extractions/", {"type": "article"}, format="json"), 404, "not_found")
    extractor_error(xkey.get("/v1/extractor/extractions/"), 404, "not_found")


@pytest.mark.parametrize("path", ["/V1/requests", "/V1/extractor/extractions", "/v1/EXTRACTOR/x", "/V1"])
def test_the_api_prefix_in_another_case_is_the_api_s_404(anon, path):
    """Routes are lower case; a mistyped `/v1` prefix answers the API's JSON 404 in the dialect the rest of its path
    names (`/v1/EXTRACTOR/x` is under /v1 but not the extractor's prefix: the workflows dialect, as before), not
    Django's HTML page."""
    response = anon.post(path, b"{}", content_type="application/json")
    assert response.status_code == 404 and response["Content-Type"] == "application/json"
    if "/extractor/" in path:
        extractor_error(response, 404, "not_found")
    else:
        assert set(response.json()) == {"detail"}


def test_a_404_outside_the_apis_is_django_s_page(anon):
    response = anon.get("/nowhere")
    assert response.status_code == 404 and response["Content-Type"].startswith("text/html")


def test_method_not_allowed(bearer, xkey):
    response = bearer.put("/v1/credits", {}, format="json")
    assert response.status_code == 405
    assert response.json() == {"detail": 'Method "PUT" not allowed.'}
    body = extractor_error(xkey.delete("/v1/extractor/extractions"), 405, "method_not_allowed")
    assert body["error"]["message"] == 'Method "DELETE" not allowed.'


@pytest.mark.parametrize(
    ("client", "path", "allow"),
    [
        ("bearer", "/v1/extract", "POST, OPTIONS"),
        ("bearer", "/v1/requests/01ARZ3NDEKTSV4RRFFQ69G5FAV", "GET, HEAD, OPTIONS"),
        ("bearer", "/v1/credits", "GET, HEAD, OPTIONS"),
        ("xkey", "/v1/extractor/extractions", "GET, POST, HEAD, OPTIONS"),
        ("xkey", "/v1/extractor/extractions/bulk", "POST, OPTIONS"),
    ],
)
def test_options_is_204_with_allow_in_both_apis(request, client, path, allow):
    """OPTIONS answers the methods (`Allow`) and no body: DRF's metadata (`{"name": "Dispatch Extract", "renders":
    …}`) is in neither dialect. It needs the key like any other method."""
    response = request.getfixturevalue(client).options(path)
    assert (response.status_code, response.content, response["Allow"]) == (204, b"", allow)
    assert response["RateLimit"] and response["X-Request-Id"]
    from rest_framework.test import APIClient

    assert APIClient().options(path).status_code == 401


@pytest.mark.parametrize(
    "accept", ["text/html", "application/xml", "application/problem+json", "application/json; indent=4"]
)
def test_both_apis_answer_json_whatever_accept_says(bearer, xkey, accept):
    """Neither API documents a 406 (nor another representation): `Accept` is disregarded (RFC 9110 12.5.1), as the
    contract's FastAPI service does; the answer is the documented JSON."""
    response = bearer.get("/v1/credits", HTTP_ACCEPT=accept)
    assert (response.status_code, response["Content-Type"], response.content[:11]) == (
        200,
        "application/json",
        b'{"balance":',
    )
    response = xkey.get("/v1/extractor/extractions", HTTP_ACCEPT=accept)
    assert (response.status_code, response.json()["status"]) == (200, "success")
    extractor_error(
        xkey.get("/v1/extractor/extractions/01ARZ3NDEKTSV4RRFFQ69G5FAV", HTTP_ACCEPT=accept), 404, "not_found"
    )


def test_format_is_an_ordinary_query_parameter(bearer, xkey):
    """DRF's `?format=` override is off: an unknown one was a 404 `not_found`; the workflows API ignores it as
    FastAPI ignores unknown parameters, the extractor's list refuses it as it refuses any unknown one."""
    assert bearer.get("/v1/credits?format=xml").status_code == 200
    body = extractor_error(xkey.get("/v1/extractor/extractions?format=api"), 400, "invalid_filter")
    assert body["error"]["details"][0]["path"] == "format"


def test_a_method_a_view_lacks_is_405_whatever_its_body_s_coding(bearer, xkey):
    """The body of a method the view has no handler for is not read: no 415 / 400 for its coding."""
    response = bearer.put("/v1/credits", b"\x00garbage", content_type="application/json", HTTP_CONTENT_ENCODING="br")
    assert response.status_code == 405 and response.json() == {"detail": 'Method "PUT" not allowed.'}
    response = xkey.put(
        "/v1/extractor/extractions", b"not gzip", content_type="application/json", HTTP_CONTENT_ENCODING="gzip"
    )
    extractor_error(response, 405, "method_not_allowed")


def test_unsupported_media_type_workflows(bearer):
    response = bearer.post("/v1/extract", "trial_image=x", content_type="text/plain")
    assert response.status_code == 415
    assert response.json() == {"detail": 'Unsupported media type "text/plain" in request.'}


def test_unsupported_media_type(xkey):
    response = xkey.post("/v1/extractor/extractions", "type=article", content_type="application/x-www-form-urlencoded")
    body = extractor_error(response, 415, "unsupported_media_type")
    assert "application/x-www-form-urlencoded" in body["error"]["message"]


def test_malformed_json_extractor(xkey):
    body = extractor_error(
        xkey.post("/v1/extractor/extractions", "{nope", content_type="application/json"), 400, "validation_error"
    )
    assert body["error"]["details"][0]["code"] == "malformed_json"


def test_malformed_json_workflows(bearer):
    response = bearer.post("/v1/extract", "{nope", content_type="application/json")
    assert response.status_code == 422
    detail = response.json()["detail"]
    assert (
        detail[0]["type"] == "json_invalid" and detail[0]["loc"] == ["body"] and detail[0]["msg"] == "JSON decode error"
    )


def test_unexpected_500_in_each_dialect(anon, settings):
    settings.ROOT_URLCONF = "tests.config.boom_urls"
    settings.DEBUG_PROPAGATE_EXCEPTIONS = False
    body = extractor_error(anon.get("/v1/extractor/boom"), 500, "internal_error")
    assert body["error"]["message"] == "Internal server error."
    response = anon.get("/v1/boom")
    assert response.status_code == 500 and response.json() == {"detail": "Internal Server Error"}


def test_500_outside_an_api_view_in_each_dialect(anon, settings):
    """Django's own 500 page (a failure outside DRF, e.g. in a middleware) is written in the API's dialect."""
    settings.ROOT_URLCONF = "tests.config.boom_urls"
    settings.DEBUG_PROPAGATE_EXCEPTIONS = False
    anon.raise_request_exception = False
    body = extractor_error(anon.get("/v1/extractor/plainboom"), 500, "internal_error")
    assert body["error"]["message"] == "Internal server error."
    response = anon.get("/v1/plainboom")
    assert response.status_code == 500 and response.json() == {"detail": "Internal Server Error"}
    response = anon.get("/plainboom")  # outside the APIs: Django's own page
    assert response.status_code == 500 and response["Content-Type"].startswith("text/html")


def test_domain_error_renders_in_both_dialects(bearer, xkey):
    extractor_error(xkey.get("/v1/extractor/extractions/01ARZ3NDEKTSV4RRFFQ69G5FAV"), 404, "not_found")
    response = bearer.get("/v1/requests/01ARZ3NDEKTSV4RRFFQ69G5FAV")
    assert response.status_code == 404 and isinstance(response.json()["detail"], str)


def test_workflows_query_validation_is_422(bearer):
    response = bearer.get("/v1/credits?limit=abc")
    assert response.status_code == 422
    assert response.json() == {
        "detail": [
            {
                "type": "int_parsing",
                "loc": ["query", "limit"],
                "msg": "Input should be a valid integer, unable to parse string as an integer",
                "input": "abc",
            }
        ]
    }


def test_rate_limit_in_both_dialects(make_tenant):
    from rest_framework.test import APIClient

    from billing import services

    raw = make_tenant(plan=services.plan_create(name="one-a-minute", requests_per_minute=1)).issued.raw
    client = APIClient()
    assert client.get("/v1/credits", HTTP_AUTHORIZATION=f"Bearer {raw}").status_code == 200
    response = client.get("/v1/credits", HTTP_AUTHORIZATION=f"Bearer {raw}")
    assert response.status_code == 429 and response.json()["detail"].startswith(
        "Rate limit of 1 requests per minute exceeded"
    )
    assert int(response["Retry-After"]) >= 1
    # one key, one budget across both APIs
    extractor_error(client.get("/v1/extractor/extractions", HTTP_X_API_KEY=raw), 429, "rate_limited")
