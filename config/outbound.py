"""The one outbound HTTP client: webhook receivers, the remote Studio, the LLM endpoint (and any other service we call).

In the shape of healthchecks' transports: every call has an explicit total deadline (connect + headers + body, however
slowly the other side drips bytes), reads a bounded answer, and fails with one error, `OutboundError`, that says whether
retrying the same call can help. Built on the SSRF guard (`config/http_guard.py`): a tenant-supplied URL is vetted and
pinned to a vetted address; an operator-configured service (`trusted=True`: Studio, an LLM endpoint) may live on a
private network, but cloud metadata addresses stay refused for both.
"""

from __future__ import annotations

import requests

from config.http_guard import TotalTimeout, Unresolvable, UnsafeUrl, safe_request

__all__ = ["RETRYABLE_STATUS", "OutboundError", "call", "check_status"]

# Answers worth retrying: the other side is busy or briefly broken.
RETRYABLE_STATUS = frozenset({408, 425, 429, 500, 502, 503, 504})
_ANY_ADDRESS = ["0.0.0.0/0", "::/0"]


class OutboundError(Exception):
    """A call that gave no usable answer. `permanent`: retrying the same call cannot help (a refused URL, a 4xx).
    `reason`: unsafe_url | dns | timeout | network | status. `str()` is the line an attempt log keeps."""

    def __init__(
        self,
        message: str,
        *,
        permanent: bool,
        reason: str,
        status_code: int | None = None,
        response: requests.Response | None = None,
    ):
        super().__init__(message)
        self.permanent, self.reason, self.status_code, self.response = permanent, reason, status_code, response


def call(
    method: str,
    url: str,
    *,
    deadline: float,
    max_bytes: int,
    trusted: bool = False,
    connect_timeout: float | None = None,
    **kwargs,
) -> requests.Response:
    """One request, finished (headers and at most `max_bytes` of body read) within `deadline` seconds, or
    OutboundError. Redirects are never followed; `kwargs` go to requests (`headers`, `data`, `json`, ...)."""
    connect = min(deadline, connect_timeout or deadline)
    try:
        return safe_request(
            method,
            url,
            timeout=(connect, deadline),
            max_seconds=deadline,
            max_bytes=max_bytes,
            allowlist=_ANY_ADDRESS if trusted else None,
            **kwargs,
        )
    except Unresolvable as exc:  # DNS may be down for a moment
        raise OutboundError(f"dns: {exc.reason}", permanent=False, reason="dns") from exc
    except UnsafeUrl as exc:  # the guard's rules will not change between two attempts
        raise OutboundError(f"unsafe_url: {exc.reason}", permanent=True, reason="unsafe_url") from exc
    except (TotalTimeout, requests.exceptions.Timeout) as exc:
        raise OutboundError(f"{type(exc).__name__}: {exc}"[:500], permanent=False, reason="timeout") from exc
    except requests.exceptions.RequestException as exc:
        raise OutboundError(f"{type(exc).__name__}: {exc}"[:500], permanent=False, reason="network") from exc


def check_status(response: requests.Response, *, allow: frozenset[int] | set[int] = frozenset()) -> requests.Response:
    """The response if it is a 2xx (or in `allow`); else OutboundError, permanent unless the status is retryable."""
    code = response.status_code
    if 200 <= code < 300 or code in allow:
        return response
    raise OutboundError(
        f"HTTP {code}", permanent=code not in RETRYABLE_STATUS, reason="status", status_code=code, response=response
    )
