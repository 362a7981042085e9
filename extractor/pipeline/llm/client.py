"""An OpenAI-compatible ``/chat/completions`` client (requests), with the ``response_format`` fallback remembered per server and model."""

from __future__ import annotations

import json
import socket
import threading
import time
from dataclasses import dataclass
from typing import Any

import requests
import urllib3.exceptions

from .errors import LlmError

DEFAULT_TIMEOUT_SECONDS = 30.0
_MAX_RESPONSE_BYTES = 8 * 1024 * 1024


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
        session: requests.Session | None = None,
    ) -> None:
        base = base_url.rstrip("/")
        self.url = base if base.endswith("/chat/completions") else base + "/chat/completions"
        self.api_key = api_key
        self.timeout = float(timeout)
        self.temperature = temperature
        self.max_tokens = max_tokens
        self.session = session or requests.Session()

    @classmethod
    def from_settings(cls) -> LlmClient:
        s = _settings()
        base_url = getattr(s, "LLM_BASE_URL", None)
        if not base_url:
            raise LlmError("llm_unavailable", "No LLM is configured (LLM_BASE_URL is not set).")
        return cls(
            base_url,
            api_key=getattr(s, "LLM_API_KEY", None) or None,
            timeout=float(getattr(s, "LLM_TIMEOUT_SECONDS", DEFAULT_TIMEOUT_SECONDS) or DEFAULT_TIMEOUT_SECONDS),
            temperature=getattr(s, "LLM_TEMPERATURE", 0),
            max_tokens=getattr(s, "LLM_MAX_TOKENS", None),
        )

    def close(self) -> None:
        self.session.close()

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
                    raise LlmError("llm_request", str(exc), status_code=400) from None
                format_level += 1
                _remember_format_level(self.url, model, format_level)

    def _post(self, body: dict, level: str) -> ChatResult:
        headers = {"Content-Type": "application/json", "Accept": "application/json"}
        if self.api_key:
            headers["Authorization"] = f"Bearer {self.api_key}"
        started = time.monotonic()
        try:
            response = self.session.post(
                self.url,
                data=json.dumps(body, ensure_ascii=False).encode("utf-8"),
                headers=headers,
                timeout=(self.timeout, self.timeout),
                stream=True,
                allow_redirects=False,
            )
            try:
                raw = _read_limited(response, _MAX_RESPONSE_BYTES, deadline=time.monotonic() + self.timeout)
            finally:
                response.close()
        except requests.exceptions.Timeout:
            raise LlmError("llm_timeout", f"The LLM did not answer within {self.timeout:g}s.") from None
        except requests.exceptions.RequestException as exc:
            raise LlmError("llm_unavailable", f"Could not reach the LLM service ({type(exc).__name__}).") from None
        elapsed_ms = int((time.monotonic() - started) * 1000)
        status = response.status_code
        if status >= 300:
            excerpt = _error_excerpt(raw)
            if status in (400, 422) and level != "none" and _mentions_response_format(raw):
                raise _ResponseFormatRejected(excerpt)
            if status == 408:
                raise LlmError("llm_timeout", f"LLM service timed out (HTTP 408): {excerpt}", status_code=status)
            if status == 429 or status >= 500:
                raise LlmError(
                    "llm_unavailable", f"LLM service unavailable (HTTP {status}): {excerpt}", status_code=status
                )
            raise LlmError(
                "llm_request", f"LLM service rejected the request (HTTP {status}): {excerpt}", status_code=status
            )
        try:
            payload = json.loads(raw)
            choice = payload["choices"][0]
            message = choice.get("message") or {}
        except (ValueError, KeyError, IndexError, TypeError, AttributeError):
            raise LlmError(
                "llm_unavailable", "The LLM service returned a malformed response.", status_code=status
            ) from None
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


def _read_limited(response: requests.Response, limit: int, *, deadline: float | None = None) -> bytes:
    """Read the body (at most ``limit`` bytes).

    A stall while reading the body raises ``requests.exceptions.ReadTimeout``:
    requests wraps a read timeout inside ``iter_content`` as a
    ``ConnectionError``, which would otherwise be reported as "unavailable".
    ``deadline`` (``time.monotonic()`` value) also bounds a server that
    trickles the body byte by byte, each read staying under the socket timeout.
    """
    chunks: list[bytes] = []
    total = 0
    try:
        for chunk in response.iter_content(64 * 1024):
            total += len(chunk)
            if total > limit:
                raise requests.exceptions.ContentDecodingError("LLM response too large")
            chunks.append(chunk)
            if deadline is not None and time.monotonic() > deadline:
                raise requests.exceptions.ReadTimeout("LLM response body not received in time")
    except requests.exceptions.ConnectionError as exc:
        if _is_read_timeout(exc):
            raise requests.exceptions.ReadTimeout(str(exc)) from exc
        raise
    return b"".join(chunks)


def _is_read_timeout(exc: BaseException) -> bool:
    seen: set[int] = set()
    todo: list[Any] = [exc]
    while todo:
        current = todo.pop()
        if current is None or id(current) in seen:
            continue
        seen.add(id(current))
        if isinstance(current, (urllib3.exceptions.ReadTimeoutError, socket.timeout, TimeoutError)):
            return True
        if isinstance(current, BaseException):
            todo.extend(a for a in current.args if isinstance(a, BaseException))
            todo.extend((current.__cause__, current.__context__))
    return False


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
