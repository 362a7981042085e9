"""Every limit on what a request may carry, decided once, where input enters (the README's "Limits and failure
behaviour" section lists them with what exceeding each one answers).

JSON bodies of both APIs are parsed by `parse_json` (orjson: strict UTF-8, no lone surrogates, no NaN/Infinity,
bounded nesting), then walked once to refuse NUL characters with the path of the string that holds one.
"""

from __future__ import annotations

import orjson
from django.conf import settings
from rest_framework.exceptions import ParseError

# Nesting of a JSON document (a body, or a `format: json` content string): objects and arrays inside each other.
MAX_JSON_DEPTH = 64
# How many problems one answer lists: bad strings, unknown keys, bad list items (a body full of NULs, of 200,000
# unknown keys or of a 600,000-item list would otherwise be answered with itself many times over).
MAX_REPORTED = 20
# Multipart bodies (Django's own settings, restated here so they are decided in one place).
MAX_MULTIPART_FIELDS = 1000
MAX_MULTIPART_FILES = 100


def ascii_int(value, max_digits: int) -> int | None:
    """`value` (a query or filter string) as an int when it is at most `max_digits` ASCII digits, else None.
    `str.isdigit()` alone also takes "²", which `int()` refuses, and `int()` refuses over 4,300 digits."""
    value = str(value or "")
    return int(value) if value.isascii() and value.isdigit() and len(value) <= max_digits else None


class JsonRejected(ParseError):
    """A JSON document this service does not accept. `reason` is the detail code clients see:
    `malformed_json`, `invalid_unicode`, `too_deep`, `number_out_of_range`; `loc` the place when known."""

    def __init__(self, message: str, *, reason: str = "malformed_json", loc: tuple = ()):
        super().__init__(message)
        self.reason = reason
        self.loc = loc
        self.message = message


class NulInString(Exception):
    """NUL characters in strings of an otherwise valid document; `locs` are the paths of the strings."""

    def __init__(self, locs: list[tuple]):
        self.locs = locs
        super().__init__(f"{len(locs)} string(s) with NUL characters")


def _reason(message: str) -> str:
    lowered = message.lower()
    if "surrogate" in lowered or "utf-8" in lowered or "utf8" in lowered:
        return "invalid_unicode"
    if "depth" in lowered or "recursion" in lowered:
        return "too_deep"
    if "infinity" in lowered or "nan" in lowered:
        return "number_out_of_range"
    return "malformed_json"


_MESSAGES = {
    "invalid_unicode": "The JSON text is not valid Unicode (UTF-8 without lone UTF-16 surrogates such as \\ud800)",
    "too_deep": f"The JSON document is nested deeper than {MAX_JSON_DEPTH} levels",
    "number_out_of_range": "A number is out of range (it does not fit a 64-bit float)",
}


def parse_json(raw: bytes | str, *, loc: tuple = ()):
    """The parsed document, or JsonRejected / NulInString. Never recurses in Python (no RecursionError)."""
    try:
        value = orjson.loads(raw)
    except orjson.JSONDecodeError as exc:
        reason = _reason(str(exc))
        detail = str(exc)
        message = f"{_MESSAGES[reason]}: {detail}" if reason in _MESSAGES else detail
        raise JsonRejected(message, reason=reason, loc=loc) from None
    except (TypeError, UnicodeError) as exc:  # a str holding lone surrogates cannot even be encoded
        raise JsonRejected(f"{_MESSAGES['invalid_unicode']}: {exc}", reason="invalid_unicode", loc=loc) from None
    # A NUL can only come from the escape \u0000 (orjson refuses a raw control character in a string).
    check_document(value, loc=loc, nul_possible=("\\u0000" if isinstance(raw, str) else b"\\u0000") in raw)
    return value


def check_document(value, *, loc: tuple = (), nul_possible: bool = True) -> None:
    """Depth ≤ MAX_JSON_DEPTH and no NUL in any key or string, walked iteratively. Only containers are kept on the
    walk's stack (a 60 MB array of numbers pushed one entry per number: 5 GB), and paths are built for containers
    and bad strings only."""
    if isinstance(value, str):
        if nul_possible and "\x00" in value:
            raise NulInString([loc])
        return
    if not isinstance(value, (dict, list)):
        return
    nul_locs: list[tuple] = []
    stack = [(value, loc, 0)]
    while stack:
        item, where, depth = stack.pop()
        if depth >= MAX_JSON_DEPTH:
            raise JsonRejected(_MESSAGES["too_deep"], reason="too_deep", loc=loc)
        is_dict = isinstance(item, dict)
        for key, child in item.items() if is_dict else enumerate(item):
            if nul_possible:
                if is_dict and "\x00" in key and len(nul_locs) < MAX_REPORTED:
                    nul_locs.append(where + (key.replace("\x00", "\\u0000"),))
                if isinstance(child, str) and "\x00" in child and len(nul_locs) < MAX_REPORTED:
                    nul_locs.append(where + (key,))
            if isinstance(child, (dict, list)):
                stack.append((child, where + (key,), depth + 1))
    if nul_locs:
        raise NulInString(sorted(nul_locs, key=lambda path: [str(part) for part in path]))


def discard_body(request) -> None:
    """Read (and drop) what is left of a request body up to MAX_REQUEST_BYTES, so that a client still sending it
    (Python's urllib, for one) reads our answer instead of a broken pipe. A declared length above the cap is not
    read: that client is answered and the connection closed."""
    django_request = getattr(request, "_request", request)
    try:
        length = int(django_request.META.get("CONTENT_LENGTH") or 0)
    except ValueError:
        return
    if length <= 0 or length > settings.DATA_UPLOAD_MAX_MEMORY_SIZE:
        return
    stream = getattr(django_request, "_stream", None)
    if stream is None:
        return
    try:
        while stream.read(64 * 1024):
            pass
    except Exception:  # noqa: BLE001 - the client went away: nothing left to be polite to
        return
