"""Cache keys of extractions, and the raw-content digest → sanitised-content digest memo that lets an
identical resubmission skip sanitising (the costly step)."""

from __future__ import annotations

import hashlib
import json
from collections.abc import Iterable

from django.core.cache import cache

from extractor.pipeline import PIPELINE_VERSION
from extractor.sanitize import SANITIZER_VERSION, normalize_for_cache_key

MEMO_TTL_SECONDS = 24 * 3600
# Options that change the output; `forceRefresh`, webhooks and `url`-less fields do not.
OUTPUT_OPTIONS = ("useLlm", "llmModel", "llmPromptOverride", "llmMode")


def raw_digest(*, format: str, content) -> str:
    raw = content if isinstance(content, str) else json.dumps(content, sort_keys=True, separators=(",", ":"))
    return hashlib.sha256(f"{format}\0".encode() + raw.encode("utf-8", "surrogatepass")).hexdigest()


def content_digest(*, format: str, sanitized) -> str:
    return hashlib.sha256(normalize_for_cache_key(format, sanitized)).hexdigest()


def _memo_key(raw: str) -> str:
    return f"sanitized:v{SANITIZER_VERSION}:{raw}"


def remembered_content_digest(raw: str) -> str | None:
    try:
        return cache.get(_memo_key(raw))
    except Exception:  # noqa: BLE001 - the memo is an optimisation only
        return None


def remember_content_digest(raw: str, digest: str) -> None:
    try:
        cache.set(_memo_key(raw), digest, MEMO_TTL_SECONDS)
    except Exception:  # noqa: BLE001
        pass


class DigestMemo:
    """The memo for the bodies of one request: read in one round trip (`get_many`) before the first, written in one
    (`set_many`, by `flush`) after the last. A digest learnt from one item serves an identical later item at once."""

    def __init__(self, raws: Iterable[str] = ()):
        keys = {_memo_key(raw): raw for raw in raws}
        self._known: dict[str, str] = {}
        self._new: dict[str, str] = {}
        if keys:
            try:
                found = cache.get_many(list(keys))
            except Exception:  # noqa: BLE001 - the memo is an optimisation only
                found = {}
            self._known = {keys[key]: digest for key, digest in found.items()}

    def get(self, raw: str) -> str | None:
        return self._known.get(raw)

    def put(self, raw: str, digest: str) -> None:
        self._known[raw] = digest
        self._new[_memo_key(raw)] = digest

    def flush(self) -> None:
        new, self._new = self._new, {}
        if new:
            try:
                cache.set_many(new, MEMO_TTL_SECONDS)
            except Exception:  # noqa: BLE001
                pass


def cache_key(
    *, content_digest: str, type: str, format: str, domain: str | None, url: str | None, options: dict
) -> str:
    """Hash of everything that changes the output. `url` is part of it: relative links resolve against it."""
    effective = {name: options.get(name) for name in OUTPUT_OPTIONS if options.get(name) not in (None, "", False)}
    if not effective.get("useLlm"):
        effective = {}
    material = json.dumps(
        {
            "c": content_digest,
            "t": type,
            "f": format,
            "d": domain or "",
            "u": url or "",
            "o": effective,
            "v": PIPELINE_VERSION,
        },
        sort_keys=True,
    )
    return hashlib.sha256(material.encode()).hexdigest()
