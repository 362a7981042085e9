"""Domain errors: raised by services, rendered by each API in its own wire dialect."""
from __future__ import annotations

from dataclasses import dataclass, field


@dataclass
class ErrorDetail:
    path: str
    code: str
    message: str


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


class Forbidden(DomainError):
    status_code = 403
    code = "forbidden"
    message = "This API key may not do this."


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
