"""Errors of the LLM pass: one class, four error classes, each retryable or not."""

from __future__ import annotations

ERROR_CLASSES = ("llm_timeout", "llm_unavailable", "llm_request", "llm_validation")
_RETRYABLE = {"llm_timeout", "llm_unavailable"}


class LlmError(Exception):
    """A failed LLM call.

    ``error_class`` is one of ``llm_timeout``, ``llm_unavailable`` (connection
    refused, 5xx, 429, not configured), ``llm_request`` (other 4xx) and
    ``llm_validation`` (output still invalid after the repair attempt).
    ``retryable`` is True for timeout/unavailable. ``status_code`` is the HTTP
    status when there was one.
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
        return f"LlmError({self.error_class!r}, {self.message!r})"


_DEFAULT_MESSAGES = {
    "llm_timeout": "The LLM did not answer in time.",
    "llm_unavailable": "The LLM service is unavailable.",
    "llm_request": "The LLM service rejected the request.",
    "llm_validation": "The LLM output did not match the expected schema.",
}
