"""Writes one RequestLog row per API request (id = the request's ULID)."""

from __future__ import annotations

import time

from billing.models import Api, ApiKey
from billing.services import request_log_write

UNLOGGED_PREFIXES = ("/v1/schema", "/v1/docs")
BYTES_MAX = 2**31 - 1  # the columns' range (PositiveIntegerField)


def api_for_path(path: str) -> str | None:
    if path.startswith("/v1/extractor/") or path == "/v1/extractor":
        return Api.EXTRACTOR
    if path.startswith("/v1/") and not path.startswith(UNLOGGED_PREFIXES):
        return Api.WORKFLOWS
    return None


def client_ip(request) -> str | None:
    return request.META.get("REMOTE_ADDR") or None


class RequestLogMiddleware:
    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        response = self.get_response(request)
        api = api_for_path(request.path)
        if api is not None:
            key = getattr(request, "auth", None)
            key = key if isinstance(key, ApiKey) else None
            started = getattr(request, "started_at", None)
            request_log_write(
                id=request.request_id,
                tenant_id=key.tenant_id if key else None,
                key_prefix=key.prefix if key else "",
                api=api,
                method=request.method[:10],
                path=request.path[:500],
                status_code=response.status_code,
                error_code=getattr(response, "error_code", "") or "",
                duration_ms=int((time.perf_counter() - started) * 1000) if started else 0,
                client_ip=client_ip(request),
                user_agent=request.META.get("HTTP_USER_AGENT", "")[:300],
                bytes_in=min(int(request.META.get("CONTENT_LENGTH") or 0), BYTES_MAX),  # any declared length
                bytes_out=0 if response.streaming else len(response.content),
            )
        return response
