""":func:`refine`: the LLM pass over a deterministic extraction result (fill-missing / correct)."""

from __future__ import annotations

import secrets
from decimal import Decimal, InvalidOperation
from typing import Any

from ..product import gtin_type
from .client import ChatResult, LlmClient, _settings
from .errors import LlmInvalidOutput, LlmUnavailable
from .fields import LLM_FIELDS, MODES, TYPES, build_schema
from .prompts import (
    _MAX_BAD_OUTPUT_IN_REPAIR,
    DEFAULT_MAX_CONTENT_CHARS,
    _build_messages,
    _describe,
    _evaluate,
    _repair_message,
)


def _is_empty(value: Any) -> bool:
    return value is None or value == "" or value == [] or value == {}


def _same(name: str, old: Any, new: Any) -> bool:
    if name in ("price", "regularPrice"):
        try:
            return Decimal(str(old)) == Decimal(str(new))
        except (InvalidOperation, ValueError):
            return False
    if isinstance(old, str) and isinstance(new, str):
        return old.strip() == new.strip()
    return old == new


def refine(
    *,
    type: str,
    data: dict,
    content: str,
    mode: str = "fill-missing",
    model: str | None = None,
    prompt_override: str | None = None,
) -> tuple[dict, dict]:
    """Run the LLM pass over a deterministic extraction result.

    ``type`` is ``"article"`` or ``"product"``; ``data`` is the deterministic
    result (camelCase keys); ``content`` the page text/markdown given to the
    model (truncated to ``LLM_MAX_CONTENT_CHARS``).

    * ``fill-missing``: only the empty LLM-settable fields are requested; filled
      fields are never overwritten.
    * ``correct``: the model may revise every LLM-settable field. A model answer
      of null / [] never clears an existing value.

    Returns ``(new_data, llm_metadata)``: ``new_data`` is a copy of ``data``
    with the validated LLM values merged in; ``llm_metadata`` is
    ``{"model", "mode", "promptTokens", "completionTokens", "totalTokens",
    "llmMs", "changedFields", "filledFields", "rejectedFields"}`` where
    ``filledFields`` were empty and now have a value, ``changedFields`` had a
    value that the model replaced (``correct`` mode only; always [] in
    ``fill-missing``) and ``rejectedFields`` is kept for compatibility and is
    always [] (an invalid answer is repaired once, then rejected as a whole
    with ``llm_validation``). The caller marks the source of ``filledFields`` +
    ``changedFields`` as "llm".

    Prices (``price``, ``regularPrice``) are normalised to the deterministic
    pipeline's format. In ``correct`` mode a new ``mainImage`` is prepended to
    ``images`` when it is not already there.

    Raises :class:`LlmError` (see its docstring). At most: one request, one
    repair request, plus up to two ``response_format`` fallbacks (remembered
    per base URL + model, so paid once per process).
    """
    _check_arguments(type, mode, data)
    client = LlmClient.from_settings()
    s = _settings()
    model = model or getattr(s, "LLM_DEFAULT_MODEL", None)
    if not model:
        raise LlmUnavailable("No LLM model is configured (LLM_DEFAULT_MODEL is not set).")
    max_content_chars = int(getattr(s, "LLM_MAX_CONTENT_CHARS", DEFAULT_MAX_CONTENT_CHARS) or DEFAULT_MAX_CONTENT_CHARS)
    metadata: dict[str, Any] = {
        "model": model,
        "mode": mode,
        "promptTokens": 0,
        "completionTokens": 0,
        "totalTokens": 0,
        "llmMs": 0,
        "changedFields": [],
        "filledFields": [],
        "rejectedFields": [],
    }
    specs = LLM_FIELDS[type]
    requested = [name for name in specs if _is_empty(data.get(name))] if mode == "fill-missing" else list(specs)
    if not requested:
        return dict(data), metadata
    schema = build_schema(type, requested)
    messages = _build_messages(
        type=type,
        data=data,
        content=content,
        mode=mode,
        requested=requested,
        schema=schema,
        prompt_override=prompt_override,
        max_content_chars=max_content_chars,
        nonce=secrets.token_hex(8),
    )
    clean = _validated_answer(client, type, model, schema, messages, requested, metadata)
    new_data = _merge(data, clean, requested, mode, metadata)
    if type == "product" and new_data.get("gtin") != data.get("gtin"):
        new_data["gtinType"] = gtin_type(new_data["gtin"]) if new_data.get("gtin") else None
    if mode == "correct":
        _keep_main_image_in_images(type, data, new_data, metadata)
    return new_data, metadata


def _check_arguments(type: str, mode: str, data: Any) -> None:
    if type not in TYPES:
        raise ValueError(f"type must be one of {TYPES}, not {type!r}")
    if mode not in MODES:
        raise ValueError(f"mode must be one of {MODES}, not {mode!r}")
    if not isinstance(data, dict):
        raise TypeError("data must be a dict")


def _validated_answer(
    client: LlmClient, type: str, model: str, schema: dict, messages: list[dict], requested: list[str], metadata: dict
) -> dict:
    """The model's answer, validated; one repair request when it is invalid, then ``llm_validation``."""

    def call(msgs: list[dict]) -> ChatResult:
        result = client.chat(msgs, model=model, schema=schema, schema_name=f"{type}_fields")
        metadata["promptTokens"] += result.prompt_tokens
        metadata["completionTokens"] += result.completion_tokens
        metadata["totalTokens"] += result.total_tokens
        metadata["llmMs"] += result.elapsed_ms
        return result

    first = call(messages)
    clean, errors = _evaluate(type, first.content, requested)
    if errors:
        repair = messages + [
            {"role": "assistant", "content": first.content[:_MAX_BAD_OUTPUT_IN_REPAIR]},
            {"role": "user", "content": _repair_message(errors, requested)},
        ]
        second = call(repair)
        clean, errors = _evaluate(type, second.content, requested)
        if errors:
            raise LlmInvalidOutput(
                f"The LLM output is not valid JSON for the {type} schema after a repair attempt: {_describe(errors)}",
            )
    assert clean is not None
    return clean


def _merge(data: dict, clean: dict, requested: list[str], mode: str, metadata: dict) -> dict:
    """``data`` with the model's values: empty fields filled; in ``correct`` mode changed values replaced."""
    new_data = dict(data)
    for name in requested:
        value = clean.get(name)
        if _is_empty(value):
            continue
        if name in _PRICE_FIELDS:
            value = _pipeline_price(value)
            if value is None:
                continue
        old = data.get(name)
        if _is_empty(old):
            new_data[name] = value
            metadata["filledFields"].append(name)
        elif mode == "correct" and not _same(name, old, value):
            new_data[name] = value
            metadata["changedFields"].append(name)
    return new_data


_PRICE_FIELDS = ("price", "regularPrice")


def _pipeline_price(value: str) -> str | None:
    """The LLM's decimal string in the deterministic pipeline's price format."""
    from extractor.pipeline.product import (
        norm_price,  # lazy: keeps this module loadable on its own
    )

    return norm_price(value)


def _keep_main_image_in_images(type: str, old_data: dict, new_data: dict, metadata: dict) -> None:
    """A changed/filled ``mainImage`` must appear in ``images`` (prepended)."""
    main = new_data.get("mainImage")
    if _is_empty(main) or main == old_data.get("mainImage"):
        return
    images = list(new_data.get("images") or [])
    if type == "article":
        if any(isinstance(img, dict) and img.get("url") == main for img in images):
            return
        images.insert(0, {"url": main, "alt": None})
    else:
        if main in images:
            return
        images.insert(0, main)
    images = images[:100]
    old_images = old_data.get("images")
    new_data["images"] = images
    if _is_empty(old_images):
        if "images" not in metadata["filledFields"]:
            metadata["filledFields"].append("images")
    elif "images" not in metadata["changedFields"] and "images" not in metadata["filledFields"]:
        metadata["changedFields"].append("images")
