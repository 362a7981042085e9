"""OpenAPI descriptions of the extractor API (names, enums and shapes exactly as the spec documents)."""

from __future__ import annotations

from drf_spectacular.types import OpenApiTypes
from drf_spectacular.utils import OpenApiExample, OpenApiParameter, OpenApiResponse
from rest_framework import serializers

from config.errors import (
    IdempotencyInProgress,
    IdempotencyKeyReused,
    InvalidBulkBody,
    InvalidIdempotencyKey,
    ServiceDisabledOnPlan,
)
from extractor.api.serializers import LLM_MODES
from extractor.models import ErrorClass, ExtractionType, InputFormat, Status, WebhookEvent

# --- request bodies: raw JSON Schema, so every rule the server enforces is stated -------------------------------

NO_NUL = r"^[^\x00]*$"
NOT_BLANK = r"^[^\x00]*[^\s\x00][^\x00]*$"  # what a trimmed, non-blank string without NUL is
# An absolute http(s) URL with a DNS host name (IP literals are accepted too, when public: see `unsafe_url`).
PORT = r"([1-9][0-9]{0,3}|[1-5][0-9]{4}|6[0-4][0-9]{3}|65[0-4][0-9]{2}|655[0-2][0-9]|6553[0-5])"  # 1 to 65535
HTTP_URL = rf"^[Hh][Tt][Tt][Pp][Ss]?://([A-Za-z0-9]([A-Za-z0-9-]{{0,61}}[A-Za-z0-9])?\.)+[A-Za-z]{{2,63}}(:{PORT})?([/?#][!-~]*)?$"


def _url(description: str) -> dict:
    # `format: uri` as the spec says (RFC 3986: the server refuses other characters), within an http(s) pattern
    return {"type": "string", "format": "uri", "maxLength": 2048, "pattern": HTTP_URL, "description": description}


OPTIONS = {
    "type": "object",
    "additionalProperties": False,
    "description": "LLM post-processing. `useLlm` needs the `llm` service on your plan.",
    "properties": {
        "useLlm": {"type": "boolean", "description": "Run the LLM pass after the deterministic extractor."},
        "llmModel": {
            "type": "string",
            "maxLength": 200,
            "pattern": NOT_BLANK,
            "description": "One of your plan's models (default: the deployment's default model).",
        },
        "llmPromptOverride": {
            "type": "string",
            "maxLength": 8000,
            "pattern": NO_NUL,
            "description": "Extra instructions for the LLM pass.",
        },
        "llmMode": {
            "type": "string",
            "enum": list(LLM_MODES),
            "description": "`fill-missing` fills empty fields only; `correct` may revise every field.",
        },
    },
}
COMMON_PROPERTIES = {
    "type": {"type": "string", "enum": ExtractionType.values},
    "url": _url("Where the content comes from: relative links are resolved against it. Never fetched."),
    "domain": {
        "type": "string",
        "maxLength": 253,
        "pattern": NOT_BLANK,
        "description": "Groups extractions by site (default: the host of `url`).",
    },
    "webhookUrl": _url(
        "Receives a signed Standard Webhooks POST for each event; must not point at a private, "
        "loopback or link-local address (422 `unsafe_url`)."
    ),
    "webhookEventTypes": {
        "type": "array",
        "maxItems": 3,
        "items": {"type": "string", "enum": WebhookEvent.values},
        "description": "Events sent to `webhookUrl` (default: all).",
    },
    "forceRefresh": {"type": "boolean", "description": "Extract again even when a cached result exists."},
    "options": OPTIONS,
}
TEXT_BODY = {
    "title": "Text content",
    "type": "object",
    "additionalProperties": False,
    "required": ["type", "content"],
    "properties": {
        **COMMON_PROPERTIES,
        "format": {"type": "string", "enum": ["html", "markdown", "text"], "default": "html"},
        "content": {
            "type": "string",
            "pattern": NOT_BLANK,
            "description": "The page: not empty, not only whitespace, no NUL character.",
        },
    },
}
JSON_BODY = {
    "title": "JSON content",
    "type": "object",
    "additionalProperties": False,
    "required": ["type", "format", "content"],
    "properties": {
        **COMMON_PROPERTIES,
        "format": {"type": "string", "enum": ["json"]},
        "content": {
            "description": "A non-empty JSON object or array (a string holding one is accepted too); at most 64 levels "
            "deep, no NUL character in any key or string.",
            "oneOf": [
                {
                    "type": "object",
                    "minProperties": 1,
                    "additionalProperties": {"$ref": "#/components/schemas/JsonValue"},
                },
                {"type": "array", "minItems": 1, "items": {"$ref": "#/components/schemas/JsonValue"}},
            ],
        },
    },
}
CREATE_REQUEST = {"oneOf": [TEXT_BODY, JSON_BODY]}
# Any JSON value whose strings hold no NUL (keys neither: OpenAPI 3.0 cannot say so, the description does).
JSON_VALUE = {
    "description": "Any JSON value; no string (nor key) may contain NUL; at most 64 levels of nesting.",
    "nullable": True,
    "oneOf": [
        {"type": "boolean"},
        {"type": "number"},
        {"type": "string", "pattern": NO_NUL},
        {"type": "array", "items": {"$ref": "#/components/schemas/JsonValue"}},
        {"type": "object", "additionalProperties": {"$ref": "#/components/schemas/JsonValue"}},
    ],
}
BULK_REQUEST = {
    "type": "object",
    "additionalProperties": False,
    "required": ["items"],
    "properties": {
        "items": {
            "type": "array",
            "minItems": 1,
            "maxItems": 100,
            # Any item is accepted here: an item that is not a valid create body gets its own 400 result in the 200.
            "items": {"description": "A create body, as `POST /v1/extractor/extractions` takes it."},
            "description": "1 to 100 create bodies; each gets its own result, so one bad item does not fail the others.",
        }
    },
}
# From the spec document's example, with content that the format accepts.
CREATE_EXAMPLES = [
    OpenApiExample(
        "article",
        request_only=True,
        value={
            "type": "article",
            "format": "html",
            "content": "<html><head><title>Example</title></head><body><article><h1>Example</h1><p>Some text.</p></article></body></html>",
            "url": "https://example.com",
            "domain": "example",
            "webhookUrl": "https://example.com",
            "webhookEventTypes": ["done"],
            "forceRefresh": True,
            "options": {
                "useLlm": True,
                "llmModel": "example",
                "llmPromptOverride": "example",
                "llmMode": "fill-missing",
            },
        },
    ),
    OpenApiExample(
        "product (json)",
        request_only=True,
        value={
            "type": "product",
            "format": "json",
            "content": {"name": "Trail shoe", "price": "59.00", "currency": "EUR"},
            "url": "https://shop.example.com/p/1",
        },
    ),
]


class ExtractionSchema(serializers.Serializer):
    id = serializers.CharField()
    type = serializers.ChoiceField(choices=ExtractionType.values)
    status = serializers.ChoiceField(choices=Status.values)
    url = serializers.CharField(allow_null=True)
    domainId = serializers.CharField(allow_null=True)
    tenantId = serializers.CharField()
    inputFormat = serializers.ChoiceField(choices=InputFormat.values)
    data = serializers.JSONField(allow_null=True)
    metadata = serializers.JSONField(allow_null=True)
    errorMessage = serializers.CharField(allow_null=True, required=False)
    errorClass = serializers.ChoiceField(choices=ErrorClass.values, allow_null=True, required=False)
    attempts = serializers.IntegerField(required=False)
    cacheHits = serializers.IntegerField(required=False)
    recycleCount = serializers.IntegerField(required=False)
    createdAt = serializers.DateTimeField()
    finishedAt = serializers.DateTimeField(allow_null=True)


class CacheSchema(serializers.Serializer):
    hit = serializers.BooleanField()
    key = serializers.CharField(required=False)
    ageSeconds = serializers.IntegerField(required=False)
    expiresAt = serializers.DateTimeField(required=False)


class TimingSchema(serializers.Serializer):
    totalMs = serializers.IntegerField()
    dbMs = serializers.IntegerField(required=False)
    externalMs = serializers.IntegerField(required=False)


class DeprecationSchema(serializers.Serializer):
    sunset = serializers.DateTimeField()
    successor = serializers.CharField(required=False)
    note = serializers.CharField(required=False)


class ExtractionEnvelope(serializers.Serializer):
    status = serializers.ChoiceField(choices=["success"])
    code = serializers.CharField()
    data = ExtractionSchema()
    cache = CacheSchema(required=False)
    timing = TimingSchema(required=False)
    deprecation = DeprecationSchema(required=False)


class ExtractionListEnvelope(serializers.Serializer):
    status = serializers.ChoiceField(choices=["success"])
    code = serializers.CharField()
    data = ExtractionSchema(many=True)
    nextCursor = serializers.CharField(allow_null=True)
    timing = TimingSchema(required=False)


class BulkItemSchema(serializers.Serializer):
    index = serializers.IntegerField()
    status = serializers.IntegerField()
    code = serializers.CharField()
    data = ExtractionSchema(required=False)
    cache = CacheSchema(required=False)
    deprecation = DeprecationSchema(required=False)
    error = serializers.JSONField(required=False)


class BulkEnvelope(serializers.Serializer):
    status = serializers.ChoiceField(choices=["success"])
    code = serializers.CharField()
    data = BulkItemSchema(many=True)
    timing = TimingSchema(required=False)


class ErrorDetailSchema(serializers.Serializer):
    path = serializers.CharField(required=False)
    code = serializers.CharField(required=False)
    message = serializers.CharField(required=False)


class ErrorBodySchema(serializers.Serializer):
    message = serializers.CharField(required=False)
    requestId = serializers.CharField()
    details = ErrorDetailSchema(many=True, required=False)


class ErrorEnvelope(serializers.Serializer):
    status = serializers.ChoiceField(choices=["error"])
    code = serializers.CharField()
    error = ErrorBodySchema()


REQUEST_ID = "01J9Z3K4Q8V6W2X5Y7A1B3C5D7"
ERROR_MESSAGES = {
    "validation_error": (
        "The request is not valid.",
        [{"path": "type", "code": "invalid_choice", "message": '"page" is not a valid choice.'}],
    ),
    "invalid_idempotency_key": (InvalidIdempotencyKey.message, []),
    "invalid_filter": (
        "limit must be an integer from 1 to 100.",
        [{"path": "limit", "code": "invalid_filter", "message": "limit must be an integer from 1 to 100."}],
    ),
    "invalid_sort_field": ("sort must be one of createdAt, -createdAt, finishedAt, -finishedAt.", []),
    "unauthorized": ("Missing or invalid API key.", []),
    "forbidden": ("This key lacks the extractions:write scope.", []),
    "no_active_plan": ("Your plan is not active.", []),
    "service_disabled_on_plan": (ServiceDisabledOnPlan(service="extractor", plan="basic").message, []),
    "not_found": ("Extraction not found.", []),
    "conflict": ("The extraction is already finished.", []),
    "idempotency_in_progress": (IdempotencyInProgress.message, []),
    "payload_too_large": ("The body is 6291456 bytes; the plan allows 5242880.", []),
    "unsupported_media_type": ('Unsupported media type "text/plain" in request.', []),
    "unsafe_url": (
        "webhookUrl resolves to a loopback address.",
        [{"path": "webhookUrl", "code": "unsafe_url", "message": "resolves to a loopback address"}],
    ),
    "idempotency_key_reused": (IdempotencyKeyReused.message, []),
    "invalid_bulk_body": (InvalidBulkBody.message, []),
    "rate_limited": ("Rate limit exceeded: 600 requests per minute.", []),
}


def _error(description: str, *codes: str, headers: list | None = None) -> OpenApiResponse:
    examples = []
    for code in codes:
        message, details = ERROR_MESSAGES[code]
        examples.append(
            OpenApiExample(
                code,
                value={
                    "status": "error",
                    "code": code,
                    "error": {"message": message, "requestId": REQUEST_ID, "details": details},
                },
                response_only=True,
            )
        )
    return OpenApiResponse(ErrorEnvelope, description=description, examples=examples or None)


DATA = {
    "id": "01J9Z3K4Q8V6W2X5Y7A1B3C5D7",
    "type": "article",
    "status": "queued",
    "url": "https://example.com",
    "domainId": "7",
    "tenantId": "3",
    "inputFormat": "html",
    "data": None,
    "metadata": None,
    "errorMessage": None,
    "errorClass": None,
    "attempts": 0,
    "cacheHits": 0,
    "recycleCount": 0,
    "createdAt": "2026-11-25T10:00:00.000Z",
    "finishedAt": None,
}
DONE = {
    **DATA,
    "status": "done",
    "data": {"title": "Example", "authors": [], "text": "Some text."},
    "metadata": {"sources": {"title": "html"}},
    "finishedAt": "2026-11-25T10:00:01.200Z",
    "cacheHits": 1,
}
QUEUED_EXAMPLE = OpenApiExample(
    "queued",
    response_only=True,
    status_codes=["202"],
    value={
        "status": "success",
        "code": "queued",
        "data": DATA,
        "cache": {"hit": False, "key": "3f1c…"},
        "timing": {"totalMs": 12},
    },
)
HIT_EXAMPLE = OpenApiExample(
    "cache_hit",
    response_only=True,
    status_codes=["200"],
    value={
        "status": "success",
        "code": "cache_hit",
        "data": DONE,
        "cache": {"hit": True, "key": "3f1c…", "ageSeconds": 42, "expiresAt": "2026-11-26T10:00:01.200Z"},
        "timing": {"totalMs": 4},
    },
)

UNAUTHORIZED = _error("Missing, unknown or revoked API key (`unauthorized`).", "unauthorized")
FORBIDDEN = _error(
    "The key lacks the scope, the plan is inactive, or the plan does not include the service "
    "(`forbidden`, `no_active_plan`, `service_disabled_on_plan`).",
    "forbidden",
    "no_active_plan",
    "service_disabled_on_plan",
)
RATE_LIMITED = _error("Too many requests for your plan (`rate_limited`); wait `Retry-After` seconds.", "rate_limited")
COMMON_ERRORS = {401: UNAUTHORIZED, 403: FORBIDDEN, 429: RATE_LIMITED}
POST_ERRORS = {
    409: _error(
        "A request with this Idempotency-Key is still running (`idempotency_in_progress`).", "idempotency_in_progress"
    ),
    413: _error("The body is larger than your plan allows (`payload_too_large`).", "payload_too_large"),
    415: _error(
        "The body is not JSON, or its `Content-Encoding` is not `gzip` / `deflate` (`unsupported_media_type`).",
        "unsupported_media_type",
    ),
}
CREATE_RESPONSES = {
    200: OpenApiResponse(
        ExtractionEnvelope,
        description="Cache hit: a finished result of the same input (`cache_hit`, "
        "`cache.hit` true). Not charged again.",
        examples=[HIT_EXAMPLE],
    ),
    202: OpenApiResponse(
        ExtractionEnvelope,
        description="Queued (`queued`); poll `GET /v1/extractor/extractions/{id}` or "
        "wait for the webhook. An identical job still running is returned instead of a new one.",
        examples=[QUEUED_EXAMPLE],
    ),
    400: _error(
        "The body or a header is not valid (`validation_error` with one detail per problem, "
        "`invalid_idempotency_key`).",
        "validation_error",
        "invalid_idempotency_key",
    ),
    **POST_ERRORS,
    422: _error(
        "`url` or `webhookUrl` points at an address this service will not call (`unsafe_url`), or the "
        "Idempotency-Key was used with another body (`idempotency_key_reused`).",
        "unsafe_url",
        "idempotency_key_reused",
    ),
    **COMMON_ERRORS,
}
BULK_RESPONSES = {
    200: OpenApiResponse(
        BulkEnvelope,
        description="One result per item, in order: each item has the status and code "
        "(or error) the single create would have answered.",
    ),
    400: _error("The Idempotency-Key header is not valid (`invalid_idempotency_key`).", "invalid_idempotency_key"),
    **POST_ERRORS,
    422: _error(
        'The body is not `{"items": [...]}` with 1 to 100 items (`invalid_bulk_body`), or the Idempotency-Key '
        "was used with another body (`idempotency_key_reused`).",
        "invalid_bulk_body",
        "idempotency_key_reused",
    ),
    **COMMON_ERRORS,
}
GET_RESPONSES = {
    200: OpenApiResponse(ExtractionEnvelope, description="The extraction (`ok`): `data` and `metadata` once `done`."),
    404: _error("No such extraction among yours (`not_found`).", "not_found"),
    **COMMON_ERRORS,
}
CANCEL_RESPONSES = {
    200: OpenApiResponse(ExtractionEnvelope, description="Cancelled (`cancelled`)."),
    400: _error("The Idempotency-Key header is not valid (`invalid_idempotency_key`).", "invalid_idempotency_key"),
    404: _error("No such extraction among yours (`not_found`).", "not_found"),
    409: _error(
        "Already finished (`conflict`), or a request with this Idempotency-Key is still running "
        "(`idempotency_in_progress`).",
        "conflict",
        "idempotency_in_progress",
    ),
    422: _error(
        "The Idempotency-Key was used with another request (`idempotency_key_reused`).", "idempotency_key_reused"
    ),
    **COMMON_ERRORS,
}
LIST_RESPONSES = {
    200: ExtractionListEnvelope,
    400: _error(
        "A query parameter is unknown or not valid (`invalid_filter`, `invalid_sort_field`).",
        "invalid_filter",
        "invalid_sort_field",
    ),
    **COMMON_ERRORS,
}
LIST_PARAMETERS = [
    OpenApiParameter("status", OpenApiTypes.STR, enum=Status.values, description="Only extractions in this state."),
    OpenApiParameter("type", OpenApiTypes.STR, enum=ExtractionType.values),
    OpenApiParameter("domain", OpenApiTypes.STR, pattern=NO_NUL, description="Only this site (host name, any case)."),
    OpenApiParameter("createdAfter", OpenApiTypes.DATETIME, description="ISO 8601; without an offset, UTC."),
    OpenApiParameter("createdBefore", OpenApiTypes.DATETIME, description="ISO 8601; without an offset, UTC."),
    OpenApiParameter(
        "sort",
        OpenApiTypes.STR,
        enum=["createdAt", "-createdAt", "finishedAt", "-finishedAt"],
        description="Default `-createdAt` (newest first); unfinished ones sort last by `finishedAt`.",
    ),
    OpenApiParameter(
        "limit",
        {"type": "integer", "minimum": 1, "maximum": 100, "default": 20},
        description="Page size, 1 to 100 (default 20).",
    ),
    OpenApiParameter(
        "cursor",
        OpenApiTypes.STR,
        description="`nextCursor` of the previous page, with the same `sort`; any other value is 400 `invalid_filter`.",
    ),
]
