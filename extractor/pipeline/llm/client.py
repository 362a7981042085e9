"""An OpenAI-compatible ``/chat/completions`` client on the shared outbound client (``config/outbound.py``: a total
deadline of ``LLM_TIMEOUT_SECONDS`` for connect + headers + body, a bounded answer, one error vocabulary), with the
``response_format`` fallback remembered per server and model."""

from __future__ import annotations

import json
import threading
import time
from dataclasses import dataclass
from typing import Any

from config import outbound

from .errors import LlmError, LlmRequestRejected, LlmTimeout, LlmUnavailable

DEFAULT_TIMEOUT_SECONDS = 30.0
MAX_RESPONSE_BYTES = 8 * 1024 * 1024


@dataclass
class ChatResult:
    content: str
    prompt_tokens: int
    completion_tokens: int
    total_tokens: int
    elapsed_ms: int
    response_format: str  # "json_schema" | "json_object" | "none"
    model: str | None = None  # as reported by the server
    finish_reason: str | None = None


class _ResponseFormatRejected(Exception):
    pass


_FORMAT_LEVELS = ("json_schema", "json_object", "none")

# Process-level memory of the response_format level that works, per
# (chat-completions URL, model): a server without json_schema support costs the
# fallback requests once, not on every job. Entries expire so that a server
# upgraded later gets probed again.
_FORMAT_CACHE_TTL_SECONDS = 3600.0
_FORMAT_CACHE: dict[tuple[str, str], tuple[int, float]] = {}
_FORMAT_CACHE_LOCK = threading.Lock()


def _cached_format_level(url: str, model: str) -> int:
    with _FORMAT_CACHE_LOCK:
        entry = _FORMAT_CACHE.get((url, model))
        if entry is None:
            return 0
        level, stored_at = entry
        if time.monotonic() - stored_at > _FORMAT_CACHE_TTL_SECONDS:
            del _FORMAT_CACHE[(url, model)]
            return 0
        return level


def _remember_format_level(url: str, model: str, level: int) -> None:
    with _FORMAT_CACHE_LOCK:
        entry = _FORMAT_CACHE.get((url, model))
        # concurrent callers may both fall back: never move back up
        if entry is None or level >= entry[0]:
            _FORMAT_CACHE[(url, model)] = (level, time.monotonic())


def clear_format_cache() -> None:
    """Forget every remembered ``response_format`` level (tests, config changes)."""
    with _FORMAT_CACHE_LOCK:
        _FORMAT_CACHE.clear()


def _settings():
    from django.conf import settings

    return settings


class LlmClient:
    """Minimal OpenAI-compatible ``/chat/completions`` client.

    Each HTTP request goes through ``config.outbound.call`` (trusted: the endpoint is the operator's; cloud
    metadata addresses stay refused), finished within ``timeout`` seconds in total and reading at most
    ``MAX_RESPONSE_BYTES``; the outbound error is mapped once, in :meth:`_error`, onto the LLM's error classes
    (``OutboundError.permanent`` decides retryable or not).

    No retries: one HTTP request per :meth:`chat` call, except the
    ``response_format`` fallback (json_schema → json_object → none) when the
    server answers 400 about ``response_format``; the level that worked is
    remembered per URL + model in a process-level cache shared by all
    instances (see :func:`clear_format_cache`).
    """

    def __init__(
        self,
        base_url: str,
        *,
        api_key: str | None = None,
        timeout: float = DEFAULT_TIMEOUT_SECONDS,
        temperature: float | None = 0,
        max_tokens: int | None = None,
    ) -> None:
        base = base_url.rstrip("/")
        self.url = base if base.endswith("/chat/completions") else base + "/chat/completions"
        self.api_key = api_key
        self.timeout = float(timeout)
        self.temperature = temperature
        self.max_tokens = max_tokens

    @classmethod
    def from_settings(cls) -> LlmClient:
        s = _settings()
        base_url = getattr(s, "LLM_BASE_URL", None)
        if not base_url:
            raise LlmUnavailable("No LLM is configured (LLM_BASE_URL is not set).")
        return cls(
            base_url,
            api_key=getattr(s, "LLM_API_KEY", None) or None,
            timeout=float(getattr(s, "LLM_TIMEOUT_SECONDS", DEFAULT_TIMEOUT_SECONDS) or DEFAULT_TIMEOUT_SECONDS),
            temperature=getattr(s, "LLM_TEMPERATURE", 0),
            max_tokens=getattr(s, "LLM_MAX_TOKENS", None),
        )

    def chat(
        self,
        messages: list[dict],
        *,
        model: str,
        schema: dict | None = None,
        schema_name: str = "result",
    ) -> ChatResult:
        """Send one chat completion; with ``schema`` ask for JSON output."""
        format_level = _cached_format_level(self.url, model) if schema is not None else len(_FORMAT_LEVELS) - 1
        while True:
            level = _FORMAT_LEVELS[format_level]
            body: dict[str, Any] = {"model": model, "messages": messages}
            if self.temperature is not None:
                body["temperature"] = self.temperature
            if self.max_tokens:
                body["max_tokens"] = int(self.max_tokens)
            if level == "json_schema":
                body["response_format"] = {
                    "type": "json_schema",
                    "json_schema": {"name": schema_name, "strict": True, "schema": schema},
                }
            elif level == "json_object":
                body["response_format"] = {"type": "json_object"}
            try:
                return self._post(body, level)
            except _ResponseFormatRejected as exc:
                if format_level + 1 >= len(_FORMAT_LEVELS):  # pragma: no cover - defensive
                    raise LlmRequestRejected(str(exc), status_code=400) from None
                format_level += 1
                _remember_format_level(self.url, model, format_level)

    def _post(self, body: dict, level: str) -> ChatResult:
        headers = {"Content-Type": "application/json", "Accept": "application/json"}
        if self.api_key:
            headers["Authorization"] = f"Bearer {self.api_key}"
        started = time.monotonic()
        try:  # the endpoint is the operator's (it may live on a private network): trusted
            response = outbound.call(
                "POST",
                self.url,
                data=json.dumps(body, ensure_ascii=False).encode("utf-8"),
                headers=headers,
                deadline=self.timeout,
                max_bytes=MAX_RESPONSE_BYTES,
                trusted=True,
            )
        except outbound.OutboundError as exc:
            raise self._error(exc) from None
        elapsed_ms = int((time.monotonic() - started) * 1000)
        raw = response.content
        if getattr(response, "truncated", False):
            raise LlmUnavailable(f"The LLM answer is larger than {MAX_RESPONSE_BYTES} bytes.")
        status = response.status_code
        if status in (400, 422) and level != "none" and _mentions_response_format(raw):
            raise _ResponseFormatRejected(_error_excerpt(raw))
        try:
            outbound.check_status(response)
        except outbound.OutboundError as exc:
            raise self._error(exc, excerpt=_error_excerpt(raw)) from None
        return _chat_result(raw, status=status, elapsed_ms=elapsed_ms, level=level)

    def _error(self, exc: outbound.OutboundError, *, excerpt: str = "") -> LlmError:
        """The outbound client's error in the LLM's vocabulary: a timeout (or 408) is `llm_timeout`, anything else
        retrying may cure (network, DNS, 429, 5xx) `llm_unavailable`, a permanent failure (a refused URL, another
        status) `llm_request`."""
        status = exc.status_code
        if exc.reason == "timeout":
            return LlmTimeout(f"The LLM did not answer within {self.timeout:g}s.")
        if status == 408:
            return LlmTimeout(f"LLM service timed out (HTTP 408): {excerpt}", status_code=status)
        if status is None:
            if exc.permanent:
                return LlmRequestRejected(f"The LLM endpoint is refused: {exc}")
            return LlmUnavailable(f"Could not reach the LLM service ({exc.reason}).")
        if not exc.permanent:
            return LlmUnavailable(f"LLM service unavailable (HTTP {status}): {excerpt}", status_code=status)
        return LlmRequestRejected(f"LLM service rejected the request (HTTP {status}): {excerpt}", status_code=status)


def _chat_result(raw: bytes, *, status: int, elapsed_ms: int, level: str) -> ChatResult:
    """A 2xx answer's body as a ChatResult; anything that is not a chat completion is `llm_unavailable`."""
    try:
        payload = json.loads(raw)
        choice = payload["choices"][0]
        message = choice.get("message") or {}
    except (ValueError, KeyError, IndexError, TypeError, AttributeError):
        raise LlmUnavailable("The LLM service returned a malformed response.", status_code=status) from None
    content = message.get("content")
    if isinstance(content, list):  # content parts
        content = "".join(p.get("text", "") for p in content if isinstance(p, dict))
    if not isinstance(content, str):
        content = ""
    usage = payload.get("usage") if isinstance(payload.get("usage"), dict) else {}
    prompt_tokens = _int(usage.get("prompt_tokens"))
    completion_tokens = _int(usage.get("completion_tokens"))
    total_tokens = _int(usage.get("total_tokens")) or prompt_tokens + completion_tokens
    return ChatResult(
        content=content,
        prompt_tokens=prompt_tokens,
        completion_tokens=completion_tokens,
        total_tokens=total_tokens,
        elapsed_ms=elapsed_ms,
        response_format=level,
        model=payload.get("model") if isinstance(payload.get("model"), str) else None,
        finish_reason=choice.get("finish_reason") if isinstance(choice, dict) else None,
    )


def _int(value: Any) -> int:
    return value if isinstance(value, int) and not isinstance(value, bool) and value >= 0 else 0


def _error_excerpt(raw: bytes) -> str:
    text = raw.decode("utf-8", "replace")
    try:
        payload = json.loads(text)
        error = payload.get("error") if isinstance(payload, dict) else None
        if isinstance(error, dict) and error.get("message"):
            text = str(error["message"])
        elif isinstance(error, str):
            text = error
        elif isinstance(payload, dict) and payload.get("detail"):
            text = str(payload["detail"])
    except ValueError:
        pass
    text = " ".join(text.split())
    return text[:300] or "(empty body)"


def _mentions_response_format(raw: bytes) -> bool:
    text = raw.decode("utf-8", "replace").lower()
    return any(k in text for k in ("response_format", "response format", "json_schema", "json_object"))
