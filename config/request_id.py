"""Request ids: a ULID per request, exposed as `X-Request-Id` and kept in a context variable."""

from __future__ import annotations

import contextvars
import re
import time

from ulid import ULID

_request_id: contextvars.ContextVar[str | None] = contextvars.ContextVar("request_id", default=None)


def new_request_id() -> str:
    return str(ULID())


_ULID = re.compile(r"[0-9A-HJKMNP-TV-Z]{26}")


def is_ulid(value: object) -> bool:
    """Ids of jobs and extractions are ULIDs; anything else (NULs included) can never name a row."""
    return isinstance(value, str) and _ULID.fullmatch(value) is not None


def current_request_id() -> str | None:
    return _request_id.get()


def bind_request_id(value: str | None) -> contextvars.Token:
    return _request_id.set(value)


def reset_request_id(token: contextvars.Token) -> None:
    _request_id.reset(token)


class RequestIdMiddleware:
    """Gives every request a fresh ULID; the API layer writes the request log row at the end."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        request.request_id = new_request_id()
        request.started_at = time.perf_counter()
        token = bind_request_id(request.request_id)
        try:
            response = self.get_response(request)
        finally:
            reset_request_id(token)
        response["X-Request-Id"] = request.request_id
        return response
