"""The extractor API's wire dialect: `{"status": "error", "code", "error": {"message", "requestId", "details"}}`."""

from __future__ import annotations

from rest_framework.response import Response

from config.api import Dialect, Problem
from config.errors import FieldError, InternalError, MalformedJson, ValidationFailed
from config.request_id import current_request_id

# DRF's error codes → this API's detail codes.
_DETAIL_CODES = {
    "required": "required",
    "extra_forbidden": "unknown_field",
    "null": "invalid_type",
    "invalid": "invalid_type",
    "not_a_dict": "invalid_type",
    "not_a_list": "invalid_type",
    "invalid_choice": "invalid_enum",
    "max_length": "too_long",
    "min_length": "too_short",
    "blank": "too_short",
    "max_value": "too_large",
    "min_value": "too_small",
}


def detail_path(loc: tuple) -> str:
    return ".".join(str(part) for part in loc)


def field_detail(error: FieldError) -> dict:
    return {"path": detail_path(error.loc), "code": _DETAIL_CODES.get(error.code, error.code), "message": error.message}


def envelope_error(
    *, code: str, message: str, details: list[dict] | None = None, request_id: str | None = None
) -> dict:
    return {
        "status": "error",
        "code": code,
        "error": {"message": message, "requestId": request_id or current_request_id(), "details": details or []},
    }


class ExtractorDialect(Dialect):
    api = "extractor"
    authenticate_header = 'ApiKey header="x-api-key"'

    def render(self, problem: Problem, request) -> Response:
        status, code, message = problem.status, problem.code, problem.message
        details = [{"path": d.path, "code": d.code, "message": d.message} for d in problem.details]
        if problem.field_errors:
            status, code = ValidationFailed.status_code, ValidationFailed.code
            details = [field_detail(e) for e in problem.field_errors]
        elif code == MalformedJson.code:  # this dialect reports it as a validation error with a detail code
            status, code = ValidationFailed.status_code, ValidationFailed.code
            details = details or [{"path": "", "code": MalformedJson.code, "message": message}]
            malformed = details[0]["code"] == MalformedJson.code
            message = MalformedJson.message if malformed else "The request body is not accepted."
        if status == InternalError.status_code:
            message = InternalError.message
        return Response(envelope_error(code=code, message=message, details=details), status=status)


DIALECT = ExtractorDialect()
