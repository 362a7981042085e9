"""drf-spectacular post-processing: every operation documents the errors its API's dialect can answer
(authentication, scope/plan, rate limit, validation), so each view lists only its own."""
from __future__ import annotations

WORKFLOWS_ERRORS = {
    "401": "Missing, malformed, unknown or revoked API key.",
    "403": "The key lacks the scope, or the plan is inactive / lacks the service.",
    "422": "Validation Error",
}
EXTRACTOR_ERRORS = {
    "400": "Requête mal formée (validation_error, invalid_idempotency_key, invalid_sort_field, invalid_filter).",
    "401": "Authentification manquante ou invalide.",
    "403": "Scope insuffisant (forbidden, no_active_plan, service_disabled_on_plan).",
    "429": "Rate-limit dépassé. Header Retry-After retourné.",
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
                "details": {"type": "array", "items": {"type": "object", "properties": {
                    "path": {"type": "string"}, "code": {"type": "string"}, "message": {"type": "string"}}}},
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
HTTP_VALIDATION_ERROR = {"type": "object", "properties": {"detail": {"type": "array", "items": {"$ref": "#/components/schemas/ValidationError"}}}}
DETAIL_ERROR = {"type": "object", "required": ["detail"], "properties": {"detail": {"type": "string"}}}


def _json(ref: str, description: str) -> dict:
    return {"description": description, "content": {"application/json": {"schema": {"$ref": f"#/components/schemas/{ref}"}}}}


def add_dialect_errors(result, generator, request, public):
    schemas = result.setdefault("components", {}).setdefault("schemas", {})
    schemas.setdefault("ExtractorError", ENVELOPE_ERROR)
    schemas.setdefault("ValidationError", VALIDATION_ITEM)
    schemas.setdefault("HTTPValidationError", HTTP_VALIDATION_ERROR)
    schemas.setdefault("DetailError", DETAIL_ERROR)
    for path, operations in result.get("paths", {}).items():
        extractor = path.startswith("/v1/extractor/")
        for method, operation in operations.items():
            if not isinstance(operation, dict) or "responses" not in operation:
                continue
            responses = operation["responses"]
            if extractor:
                for status, description in EXTRACTOR_ERRORS.items():
                    responses.setdefault(status, _json("ExtractorError", description))
                if path.endswith("}") or path.endswith("/cancel"):
                    responses.setdefault("404", _json("ExtractorError", "Not found (or another tenant's)."))
                if method == "post":  # Idempotency-Key outcomes
                    responses.setdefault("409", _json("ExtractorError", "idempotency_in_progress (or conflict)."))
                    responses.setdefault("422", _json("ExtractorError", "idempotency_key_reused (or unsafe_url, invalid_bulk_body)."))
            else:
                for status, description in WORKFLOWS_ERRORS.items():
                    ref = "HTTPValidationError" if status == "422" else "DetailError"
                    responses.setdefault(status, _json(ref, description))
                if "{" in path:
                    responses.setdefault("404", _json("DetailError", "Not found (or another tenant's)."))
    return result
