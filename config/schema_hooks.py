"""drf-spectacular post-processing: the answers every operation of an API shares (authentication, scope and
plan, rate limit, absolute body cap), in its own dialect, so each view documents only its own."""

from __future__ import annotations

REQUEST_ID = "01J9Z3K4Q8V6W2X5Y7A1B3C5D7"
NO_NUL = r"^[^\x00]*$"
RETRY_AFTER = {"Retry-After": {"description": "Seconds to wait before trying again.", "schema": {"type": "integer"}}}
# Headers every answer carries (X-Request-Id), every answer to a known key (the rate-limit budget, IETF draft syntax),
# and a replayed POST (`Idempotency-Key`).
REQUEST_ID_HEADER = {
    "X-Request-Id": {
        "description": "This request's id (a ULID): `requestId` of an extractor error, `request_id` of a dispatch.",
        "required": True,
        "schema": {"type": "string", "pattern": "^[0-9A-HJKMNP-TV-Z]{26}$"},
    }
}
RATE_LIMIT_HEADERS = {
    "RateLimit-Policy": {
        "description": 'The plan\'s budget: `"per-key";q=<requests>;w=60` (a sliding 60-second window).',
        "schema": {"type": "string"},
    },
    "RateLimit": {
        "description": 'What is left of it: `"per-key";r=<remaining>;t=<seconds until one more is allowed>`.',
        "schema": {"type": "string"},
    },
}
REPLAYED_HEADER = {
    "Idempotent-Replayed": {
        "description": "`true` on the first answer given again for a repeated `Idempotency-Key`.",
        "schema": {"type": "string", "enum": ["true"]},
    }
}
DEPRECATION_HEADERS = {
    "Deprecation": {
        "description": "When the body uses a deprecated feature: since when (RFC 9745, `@<epoch seconds>`); the body's "
        "`deprecation` object says which and what replaces it.",
        "schema": {"type": "string", "pattern": "^@[0-9]+$"},
    },
    "Sunset": {"description": "When the deprecated feature stops working (RFC 8594).", "schema": {"type": "string"}},
}
LOCATION_HEADER = {
    "Location": {
        "description": "The request to poll: `/v1/requests/{request_id}`.",
        "required": True,
        "schema": {"type": "string"},
    }
}

# status: (description, example detail)
WORKFLOWS_ERRORS = {
    "401": (
        "Missing, malformed, unknown or revoked API key (answered with `WWW-Authenticate: Bearer`).",
        "Invalid or missing API key.",
    ),
    "403": (
        "The key lacks the scope, or your plan is inactive or does not include the workflows service.",
        "This key lacks the workflows:write scope.",
    ),
    "429": (
        "Too many requests for your plan: wait `Retry-After` seconds.",
        "Rate limit exceeded: 600 requests per minute.",
    ),
}
WORKFLOWS_BODY_ERRORS = {
    "413": (
        "The body is larger than your plan allows (`max_body_bytes`, 5 MB by default; uploads: 15 MB).",
        "The body is 6000000 bytes; the plan allows 5242880.",
    ),
    "415": (
        "The body is not in a media type this operation reads, or it has a `Content-Encoding` the operation does not "
        "read (JSON bodies: `gzip` / `deflate`; uploads: none).",
        'Unsupported media type "text/plain" in request.',
    ),
}
EXTRACTOR_ERRORS = {
    "401": ("Missing, unknown or revoked API key (`unauthorized`).", "unauthorized", "Missing or invalid API key."),
    "403": (
        "The key lacks the scope, the plan is inactive, or the plan does not include the service "
        "(`forbidden`, `no_active_plan`, `service_disabled_on_plan`).",
        "forbidden",
        "This key lacks the extractions:read scope.",
    ),
    "429": (
        "Too many requests for your plan (`rate_limited`): wait `Retry-After` seconds.",
        "rate_limited",
        "Rate limit exceeded: 600 requests per minute.",
    ),
}

ENVELOPE_ERROR = {
    "type": "object",
    "required": ["status", "code", "error"],
    "properties": {
        "status": {"type": "string", "enum": ["error"]},
        "code": {"type": "string"},
        "error": {
            "type": "object",
            "required": ["requestId"],
            "properties": {
                "message": {"type": "string"},
                "requestId": {"type": "string"},
                "details": {
                    "type": "array",
                    "items": {
                        "type": "object",
                        "properties": {
                            "path": {"type": "string"},
                            "code": {"type": "string"},
                            "message": {"type": "string"},
                        },
                    },
                },
            },
        },
    },
}
VALIDATION_ITEM = {
    "type": "object",
    "required": ["loc", "msg", "type"],
    "properties": {
        "loc": {"type": "array", "items": {"anyOf": [{"type": "string"}, {"type": "integer"}]}},
        "msg": {"type": "string"},
        "type": {"type": "string"},
    },
}
HTTP_VALIDATION_ERROR = {
    "type": "object",
    "properties": {"detail": {"type": "array", "items": {"$ref": "#/components/schemas/ValidationError"}}},
}
DETAIL_ERROR = {"type": "object", "required": ["detail"], "properties": {"detail": {"type": "string"}}}


def _json(ref: str, description: str, example: dict | None = None) -> dict:
    content = {"schema": {"$ref": f"#/components/schemas/{ref}"}}
    if example is not None:
        content["example"] = example
    return {"description": description, "content": {"application/json": content}}


def _extractor_error(description: str, code: str, message: str) -> dict:
    return _json(
        "ExtractorError",
        description,
        {"status": "error", "code": code, "error": {"message": message, "requestId": REQUEST_ID, "details": []}},
    )


def _close_objects(schema: dict, components: dict, seen: set) -> None:
    """Both APIs refuse unknown keys and NUL characters in JSON request bodies: say so in every object and string."""
    ref = schema.get("$ref")
    if ref:
        name = ref.rsplit("/", 1)[-1]
        if name not in seen and name in components:
            seen.add(name)
            _close_objects(components[name], components, seen)
        return
    if schema.get("type") == "object" and "properties" in schema:
        schema.setdefault("additionalProperties", False)
    if schema.get("type") == "string" and not {"pattern", "enum", "format"} & set(schema):
        schema["pattern"] = NO_NUL  # the body parser refuses NUL in any string (README "Limits")
    for key in ("properties",):
        for sub in schema.get(key, {}).values():
            _close_objects(sub, components, seen)
    for key in ("items",):
        if isinstance(schema.get(key), dict):
            _close_objects(schema[key], components, seen)
    for key in ("oneOf", "anyOf", "allOf"):
        for sub in schema.get(key, []):
            _close_objects(sub, components, seen)


def add_dialect_errors(result, generator, request, public):
    schemas = result.setdefault("components", {}).setdefault("schemas", {})
    schemas.setdefault("ExtractorError", ENVELOPE_ERROR)
    schemas.setdefault("ValidationError", VALIDATION_ITEM)
    schemas.setdefault("HTTPValidationError", HTTP_VALIDATION_ERROR)
    schemas.setdefault("DetailError", DETAIL_ERROR)
    from extractor.api.schema import JSON_VALUE

    schemas.setdefault("JsonValue", JSON_VALUE)
    for path, operations in result.get("paths", {}).items():
        extractor = path.startswith("/v1/extractor/")
        for operation in operations.values():
            if not isinstance(operation, dict) or "responses" not in operation:
                continue
            responses = operation["responses"]
            if "requestBody" in operation:
                operation["requestBody"]["required"] = True  # every documented body is needed (none is optional)
                json_body = operation["requestBody"].get("content", {}).get("application/json")
                if json_body:  # (multipart forms may carry other fields: they are ignored)
                    _close_objects(json_body.get("schema", {}), schemas, set())
            if extractor:
                for status, (description, code, message) in EXTRACTOR_ERRORS.items():
                    responses.setdefault(status, _extractor_error(description, code, message))
            else:
                errors = {**WORKFLOWS_ERRORS, **(WORKFLOWS_BODY_ERRORS if "requestBody" in operation else {})}
                for status, (description, message) in errors.items():
                    responses.setdefault(status, _json("DetailError", description, {"detail": message}))
                if "{" in path:
                    responses.setdefault(
                        "404", _json("DetailError", "Not found (or not yours).", {"detail": "Request not found."})
                    )
            responses["429"].setdefault("headers", RETRY_AFTER)
            _document_headers(path, operation)
    return result


def _document_headers(path: str, operation: dict) -> None:
    """The headers of each answer: X-Request-Id on all; the rate-limit budget on all but 401 (no key to count);
    `Idempotent-Replayed` on the answers of a POST that takes an `Idempotency-Key`; `Location` on a dispatch's 202;
    `Deprecation` / `Sunset` on an extraction create's 200 / 202."""
    idempotent = any(p.get("name") == "Idempotency-Key" for p in operation.get("parameters", []))
    for status, response in operation["responses"].items():
        headers = response.setdefault("headers", {})
        headers.update(REQUEST_ID_HEADER)
        if status != "401":
            headers.update(RATE_LIMIT_HEADERS)
        if idempotent and status not in ("401", "403", "429"):
            headers.update(REPLAYED_HEADER)
        if status == "202" and not path.startswith("/v1/extractor/"):
            headers.update(LOCATION_HEADER)
        if status in ("200", "202") and path == "/v1/extractor/extractions" and "requestBody" in operation:
            headers.update(DEPRECATION_HEADERS)
