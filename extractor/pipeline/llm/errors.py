"""Errors of the LLM pass: one class per error class, each retryable or not. Raise sites name the class
(`LlmTimeout(...)`, never a code string); callers catch `LlmError` and read `error_class` / `retryable`."""

from __future__ import annotations

ERROR_CLASSES = ("llm_timeout", "llm_unavailable", "llm_request", "llm_validation")
_RETRYABLE = {"llm_timeout", "llm_unavailable"}


class LlmError(Exception):
    """A failed LLM call.

    ``error_class`` is one of ``llm_timeout`` (:class:`LlmTimeout`), ``llm_unavailable`` (:class:`LlmUnavailable`:
    connection refused, 5xx, 429, not configured), ``llm_request`` (:class:`LlmRequestRejected`: other 4xx, a refused
    endpoint) and ``llm_validation`` (:class:`LlmInvalidOutput`: output still invalid after the repair attempt).
    ``retryable`` is True for timeout/unavailable. ``status_code`` is the HTTP status when there was one.
    """

    def __init__(self, error_class: str, message: str | None = None, *, status_code: int | None = None):
        if error_class not in ERROR_CLASSES:
            raise ValueError(f"unknown LLM error class {error_class!r}")
        self.error_class = error_class
        self.message = message or _DEFAULT_MESSAGES[error_class]
        self.status_code = status_code
        super().__init__(self.message)

    @property
    def retryable(self) -> bool:
        return self.error_class in _RETRYABLE

    def __repr__(self) -> str:
        return f"{type(self).__name__}({self.error_class!r}, {self.message!r})"


class _Named(LlmError):
    error_class_name = ""

    def __init__(self, message: str | None = None, *, status_code: int | None = None):
        super().__init__(self.error_class_name, message, status_code=status_code)


class LlmTimeout(_Named):
    error_class_name = "llm_timeout"


class LlmUnavailable(_Named):
    error_class_name = "llm_unavailable"


class LlmRequestRejected(_Named):
    error_class_name = "llm_request"


class LlmInvalidOutput(_Named):
    error_class_name = "llm_validation"


_DEFAULT_MESSAGES = {
    "llm_timeout": "The LLM did not answer in time.",
    "llm_unavailable": "The LLM service is unavailable.",
    "llm_request": "The LLM service rejected the request.",
    "llm_validation": "The LLM output did not match the expected schema.",
}
