"""LLM pass of the extraction pipeline.

An OpenAI-compatible chat-completions client on the shared outbound client ``config/outbound.py`` (works with
OpenAI, vLLM, Ollama, llama.cpp server, LiteLLM ...) and :func:`refine`, which
asks the model to fill in (``fill-missing``) or revise (``correct``) the fields
of a deterministic extraction result.

Settings (``config/settings.py``, from the environment):

* ``LLM_BASE_URL`` – e.g. ``https://api.openai.com/v1`` or
  ``http://vllm:8000/v1`` (``/chat/completions`` is appended). ``None`` = not
  configured: every call raises ``LlmUnavailable`` (``llm_unavailable``).
* ``LLM_API_KEY`` – sent as ``Authorization: Bearer <key>`` when set.
* ``LLM_DEFAULT_MODEL`` – model used when ``refine(model=None)``.
* ``LLM_TIMEOUT_SECONDS`` – total deadline of one HTTP request: connect, headers and body together (30).
* ``LLM_MAX_CONTENT_CHARS`` – page content sent to the model is truncated to
  this many characters (24000).
* ``LLM_TEMPERATURE`` – sampling temperature (0; ``None`` = not sent).
* ``LLM_MAX_TOKENS`` – ``max_tokens`` sent with each request (``None`` = not sent).

The model's output never reaches the result unvalidated: the answer must be a
JSON object with exactly the requested keys, and every value is checked
(types, enums, ISO 4217 currency, decimal price strings, dates, URLs, GTIN
checksums ...). An invalid answer gets ONE repair request that tells the model
what was wrong; a repaired answer that is still invalid raises
``LlmInvalidOutput`` (``llm_validation``). ``null`` is always accepted for a value the
model could not determine.

Prices from the model are normalised with the deterministic pipeline's
``extractor.pipeline.product.norm_price`` (imported lazily, on first use, so
this module still loads on its own).

The ``response_format`` level a server accepts (json_schema → json_object →
none) is remembered per base URL + model for the life of the process.
"""

from __future__ import annotations

from .client import ChatResult, LlmClient, clear_format_cache
from .errors import LlmError, LlmInvalidOutput, LlmRequestRejected, LlmTimeout, LlmUnavailable
from .fields import (
    AVAILABILITY_VALUES,
    ISO_4217_CURRENCIES,
    LLM_FIELDS,
    MODES,
    TYPES,
    build_schema,
    validate_fields,
)
from .refine import refine

__all__ = [
    "AVAILABILITY_VALUES",
    "ISO_4217_CURRENCIES",
    "LLM_FIELDS",
    "MODES",
    "TYPES",
    "ChatResult",
    "LlmClient",
    "LlmError",
    "LlmInvalidOutput",
    "LlmRequestRejected",
    "LlmTimeout",
    "LlmUnavailable",
    "build_schema",
    "clear_format_cache",
    "refine",
    "validate_fields",
]
