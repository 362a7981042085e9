"""Every error a client (or staff) can act on, as a named class with its code, HTTP status and message: raised by
services, auth and views by name (never a string code made up at the raise site), rendered by each API in its own
wire dialect (`config/api.py`, `*/api/errors.py`)."""

from __future__ import annotations

from dataclasses import dataclass, field


@dataclass
class ErrorDetail:
    path: str
    code: str
    message: str


class _NoInput:
    """The `input` of a FieldError that has none to show (`None` is the JSON `null` a client sent)."""

    def __repr__(self) -> str:
        return "NO_INPUT"


NO_INPUT = _NoInput()


@dataclass
class FieldError:
    """One invalid input: where (`loc`, from the body root), DRF's code, a message, and the value refused (`input`,
    `None` when the client sent `null`; NO_INPUT when there is none to show)."""

    loc: tuple
    code: str
    message: str
    input: object = NO_INPUT
    ctx: dict = field(default_factory=dict)


class RequestInvalid(Exception):
    """Every invalid input at once (raised by services and views); each dialect renders its own shape: workflows a
    422 list of located errors, the extractor a 400 `validation_error` with details."""

    def __init__(self, errors: list[FieldError]):
        self.errors = errors
        super().__init__(f"{len(errors)} invalid field(s)")


class DomainError(Exception):
    """An error a client can act on: a stable `code`, an HTTP status and optional details."""

    status_code = 400
    code = "bad_request"
    message = "Bad request."

    def __init__(
        self,
        message: str | None = None,
        *,
        code: str | None = None,
        status_code: int | None = None,
        details: list[ErrorDetail] | None = None,
        headers: dict[str, str] | None = None,
    ):
        self.message = message or self.message
        self.code = code or self.code
        self.status_code = status_code or self.status_code
        self.details: list[ErrorDetail] = details or []
        self.headers: dict[str, str] = headers or {}
        super().__init__(self.message)


class ValidationFailed(DomainError):
    status_code = 400
    code = "validation_error"
    message = "The request is not valid."


class NotFound(DomainError):
    status_code = 404
    code = "not_found"
    message = "Not found."


class Conflict(DomainError):
    status_code = 409
    code = "conflict"
    message = "The resource is not in a state that allows this."


class InsufficientCredits(DomainError):
    status_code = 402
    code = "insufficient_credits"
    message = "Not enough credits."


class MalformedRequest(DomainError):
    """Django's SuspiciousOperation: a request it refused to read."""

    status_code = 400
    code = "bad_request"
    message = "The request is malformed."


class MalformedJson(DomainError):
    """The body is not JSON, or JSON the limits refuse (too deep, bad unicode); each dialect words it its own way."""

    status_code = 400
    code = "malformed_json"
    message = "The request body is not valid JSON."


class Unauthorized(DomainError):
    status_code = 401
    code = "unauthorized"
    message = "Missing or invalid API key."


class Forbidden(DomainError):
    status_code = 403
    code = "forbidden"
    message = "Forbidden."


class KeyNotPermitted(Forbidden):
    message = "This API key may not do this."


class ScopeMissing(KeyNotPermitted):
    def __init__(self, scope: str):
        super().__init__(f"This API key lacks the '{scope}' scope.")


class NoActivePlan(DomainError):
    status_code = 403
    code = "no_active_plan"
    message = "The tenant has no active plan."


class ServiceDisabledOnPlan(DomainError):
    status_code = 403
    code = "service_disabled_on_plan"

    def __init__(self, *, service: str, plan: str):
        super().__init__(f"The '{service}' service is not enabled on plan '{plan}'.")


class InvalidPlan(DomainError):
    code = "invalid_plan"
    message = "The plan is not valid."


class InvalidScope(DomainError):
    code = "invalid_scope"
    message = "Unknown scope."


class InvalidAmount(DomainError):
    code = "invalid_amount"
    message = "The amount is not valid."


class AlreadyRecorded(DomainError):
    status_code = 409
    code = "already_recorded"
    message = "This change was recorded already."


class RotationInGrace(DomainError):
    status_code = 409
    code = "rotation_in_grace"
    message = "The previous webhook secret rotation is still in its grace period."


class InvalidBulkBody(DomainError):
    status_code = 422
    code = "invalid_bulk_body"
    message = 'The body must be {"items": [...]} with 1 to 100 items.'


class InvalidFilter(DomainError):
    status_code = 400
    code = "invalid_filter"
    message = "A list parameter is not valid."


class InvalidSortField(InvalidFilter):
    code = "invalid_sort_field"


class InvalidIdempotencyKey(DomainError):
    status_code = 400
    code = "invalid_idempotency_key"
    message = "Idempotency-Key must be 1 to 255 printable ASCII characters."


class IdempotencyKeyReused(DomainError):
    status_code = 422
    code = "idempotency_key_reused"
    message = "This Idempotency-Key was used with a different request."


class IdempotencyInProgress(Conflict):
    code = "idempotency_in_progress"
    message = "A request with this Idempotency-Key is still being processed."


class RateLimited(DomainError):
    status_code = 429
    code = "rate_limited"
    message = "Rate limit exceeded."


class PayloadTooLarge(DomainError):
    status_code = 413
    code = "payload_too_large"
    message = "The request body is larger than the plan allows."


class UnsafeUrlError(DomainError):
    status_code = 422
    code = "unsafe_url"
    message = "The URL points to an address this service will not call."


class MethodNotAllowed(DomainError):
    status_code = 405
    code = "method_not_allowed"
    message = "Method not allowed."


class NotAcceptable(DomainError):
    status_code = 406
    code = "not_acceptable"
    message = "Could not satisfy the request Accept header."


class RequestTimeout(DomainError):
    status_code = 408
    code = "request_timeout"
    message = "The request body did not arrive in time."


class UnsupportedMediaType(DomainError):
    status_code = 415
    code = "unsupported_media_type"
    message = "Unsupported media type."


class RequestLineTooLong(DomainError):
    """gunicorn's `limit_request_line` (config/gunicorn.py)."""

    status_code = 414
    code = "uri_too_long"
    message = "The request line is longer than this server reads."


class ExpectationFailed(DomainError):
    status_code = 417
    code = "expectation_failed"
    message = "The only Expect this server meets is 100-continue."


class HeaderFieldsTooLarge(DomainError):
    """gunicorn's `limit_request_fields` / `limit_request_field_size` (config/gunicorn.py)."""

    status_code = 431
    code = "header_fields_too_large"
    message = "The request has too many header fields, or one too large."


class NotImplementedByServer(DomainError):
    status_code = 501
    code = "not_implemented"
    message = "The request uses a transfer coding this server does not implement."


class InternalError(DomainError):
    status_code = 500
    code = "internal_error"
    message = "Internal server error."
