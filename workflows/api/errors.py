"""The workflows API's wire dialect (FastAPI style): `{"detail": [{"loc", "msg", "type"}]}` for 422,
`{"detail": "message"}` for everything else."""

from __future__ import annotations

from rest_framework.response import Response

from config.api import Dialect, Problem
from config.errors import NO_INPUT, FieldError, IdempotencyKeyReused, InternalError, MalformedJson

# DRF's error codes → pydantic's error types and messages (the ones our fields do not raise themselves).
_PYDANTIC = {
    "required": ("missing", "Field required"),
    "null": ("missing", "Field required"),
    "not_a_dict": ("model_attributes_type", "Input should be a valid dictionary or object to extract fields from"),
    "not_a_list": ("list_type", "Input should be a valid list"),
    "invalid_choice": ("enum", None),
    "max_value": ("less_than_equal", None),
    "min_value": ("greater_than_equal", None),
    "max_length": ("string_too_long", None),
    "min_length": ("string_too_short", None),
    "blank": ("string_too_short", "String should have at least 1 character"),
    "invalid_character": ("value_error", "Value error, NUL (\\u0000) characters are not allowed in strings"),
}


def pydantic_error(error: FieldError) -> dict:
    type_, msg = _PYDANTIC.get(error.code, (error.code, None))
    loc = list(error.loc) if error.loc[:1] in (("query",), ("path",), ("header",)) else ["body", *error.loc]
    item = {"type": type_, "loc": loc, "msg": msg or error.message}
    if error.input is not NO_INPUT:  # pydantic shows the value refused, `null` included
        item["input"] = error.input
    elif type_ == "missing":  # nothing was sent there (no body, no form field): pydantic's input is null
        item["input"] = None
    if error.ctx:
        item["ctx"] = error.ctx
    return item


class WorkflowsDialect(Dialect):
    api = "workflows"
    authenticate_header = "Bearer"

    def render(self, problem: Problem, request) -> Response:
        if problem.code == MalformedJson.code:
            loc = ["body", *problem.loc]
            detail = [
                {"type": "json_invalid", "loc": loc, "msg": "JSON decode error", "ctx": {"error": problem.message}}
            ]
            return Response({"detail": detail}, status=422)
        if problem.code == IdempotencyKeyReused.code:  # a 422 of this API is always a list of located errors
            detail = [{"type": problem.code, "loc": ["header", "Idempotency-Key"], "msg": problem.message}]
            return Response({"detail": detail}, status=422)
        if problem.field_errors:
            return Response({"detail": [pydantic_error(e) for e in problem.field_errors]}, status=422)
        message = problem.message if problem.status != InternalError.status_code else "Internal Server Error"
        return Response({"detail": message}, status=problem.status)


DIALECT = WorkflowsDialect()
