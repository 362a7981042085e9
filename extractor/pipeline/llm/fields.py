"""The fields the LLM may set, their JSON schema and the validation of every value the model returns."""

from __future__ import annotations

import datetime
import re
from collections.abc import Callable
from dataclasses import dataclass
from decimal import Decimal, InvalidOperation
from typing import Any
from urllib.parse import urlsplit

from ..extras import gs1_check_digit_ok
from ..product import ISO_4217_CURRENCIES

MODES = ("fill-missing", "correct")
TYPES = ("article", "product")
AVAILABILITY_VALUES = ("InStock", "OutOfStock", "PreOrder", "BackOrder", "Discontinued")


_NULL_STR = {"type": ["string", "null"]}


def _s(description: str) -> dict:
    return {**_NULL_STR, "description": description}


def _str_list(description: str) -> dict:
    return {"type": "array", "items": {"type": "string"}, "description": description}


@dataclass(frozen=True)
class _Field:
    schema: dict
    validate: Callable[[Any], Any]  # returns the clean value (None = no value) or raises ValueError


class _Invalid(ValueError):
    pass


def _clean_text(max_len: int) -> Callable[[Any], str | None]:
    def check(value: Any) -> str | None:
        if value is None:
            return None
        if not isinstance(value, str):
            raise _Invalid("must be a string or null")
        value = value.strip()
        if not value:
            return None
        if len(value) > max_len:
            raise _Invalid(f"longer than {max_len} characters")
        if "\x00" in value:
            raise _Invalid("contains NUL characters")
        return value

    return check


def _clean_url(value: Any) -> str | None:
    value = _clean_text(2048)(value)
    if value is None:
        return None
    if re.search(r"\s", value):
        raise _Invalid("URL contains whitespace")
    parts = urlsplit(value)
    if parts.scheme.lower() not in ("http", "https") or not parts.netloc:
        raise _Invalid("must be an absolute http(s) URL")
    return value


def _clean_datetime(value: Any) -> str | None:
    value = _clean_text(64)(value)
    if value is None:
        return None
    candidate = value[:-1] + "+00:00" if value.endswith(("Z", "z")) else value
    try:
        if re.fullmatch(r"\d{4}-\d{2}-\d{2}", candidate):
            parsed: datetime.date = datetime.date.fromisoformat(candidate)
        elif re.fullmatch(r"\d{4}-\d{2}-\d{2}[T ]\d{2}:\d{2}.*", candidate):
            parsed = datetime.datetime.fromisoformat(candidate)
        else:
            raise ValueError
    except ValueError:
        raise _Invalid("must be an ISO 8601 date or date-time") from None
    if not 1900 <= parsed.year <= 2200:
        raise _Invalid("date out of range")
    return value


def _clean_language(value: Any) -> str | None:
    value = _clean_text(35)(value)
    if value is None:
        return None
    if not re.fullmatch(r"[A-Za-z]{2,3}(-[A-Za-z0-9]{1,8})*", value):
        raise _Invalid("must be a BCP 47 language tag such as 'en' or 'pt-BR'")
    return value


def _clean_decimal(value: Any) -> str | None:
    if value is None:
        return None
    if isinstance(value, bool):
        raise _Invalid("must be a decimal string")
    if isinstance(value, (int, float)):
        value = str(value)
    if not isinstance(value, str):
        raise _Invalid("must be a decimal string")
    value = value.strip()
    if not value:
        return None
    if not re.fullmatch(r"\d{1,12}(\.\d{1,6})?", value):
        raise _Invalid("must be a decimal string like '1299.00' (no currency symbol or separators)")
    try:
        Decimal(value)
    except InvalidOperation:  # pragma: no cover - the regex already guarantees it
        raise _Invalid("must be a decimal string") from None
    return value


def _clean_currency(value: Any) -> str | None:
    value = _clean_text(8)(value)
    if value is None:
        return None
    if value not in ISO_4217_CURRENCIES:
        raise _Invalid("must be an ISO 4217 currency code such as 'EUR'")
    return value


def _clean_availability(value: Any) -> str | None:
    value = _clean_text(32)(value)
    if value is None:
        return None
    if value not in AVAILABILITY_VALUES:
        raise _Invalid(f"must be one of {', '.join(AVAILABILITY_VALUES)}")
    return value


def _clean_gtin(value: Any) -> str | None:
    if isinstance(value, int) and not isinstance(value, bool):
        value = str(value)
    value = _clean_text(32)(value)
    if value is None:
        return None
    digits = re.sub(r"[\s-]", "", value)
    if not re.fullmatch(r"\d{8}|\d{12}|\d{13}|\d{14}", digits):
        raise _Invalid("must be a GTIN of 8, 12, 13 or 14 digits")
    if not gs1_check_digit_ok(digits):
        raise _Invalid("GTIN check digit is wrong")
    return digits


def _clean_str_list(max_items: int, max_len: int) -> Callable[[Any], list[str] | None]:
    item = _clean_text(max_len)

    def check(value: Any) -> list[str] | None:
        if value is None:
            return None
        if not isinstance(value, list):
            raise _Invalid("must be an array of strings")
        out: list[str] = []
        for entry in value:
            cleaned = item(entry)
            if cleaned is not None and cleaned not in out:
                out.append(cleaned)
        return out[:max_items] or None

    return check


def _clean_url_list(value: Any) -> list[str] | None:
    if value is None:
        return None
    if not isinstance(value, list):
        raise _Invalid("must be an array of URLs")
    out: list[str] = []
    for entry in value:
        cleaned = _clean_url(entry)
        if cleaned is not None and cleaned not in out:
            out.append(cleaned)
    return out[:100] or None


def _clean_article_images(value: Any) -> list[dict] | None:
    if value is None:
        return None
    if not isinstance(value, list):
        raise _Invalid("must be an array of {url, alt} objects")
    out: list[dict] = []
    seen: set[str] = set()
    alt_check = _clean_text(1000)
    for entry in value:
        if not isinstance(entry, dict):
            raise _Invalid("must be an array of {url, alt} objects")
        url = _clean_url(entry.get("url"))
        if url is None:
            raise _Invalid("every image needs a url")
        if url in seen:
            continue
        seen.add(url)
        out.append({"url": url, "alt": alt_check(entry.get("alt"))})
    return out[:100] or None


def _clean_rating(value: Any) -> dict | None:
    if value is None:
        return None
    if not isinstance(value, dict):
        raise _Invalid("must be an object {value, count} or null")
    rating = value.get("value")
    count = value.get("count")
    if isinstance(rating, str):
        try:
            rating = float(rating)
        except ValueError:
            raise _Invalid("rating value must be a number") from None
    if isinstance(rating, bool) or not isinstance(rating, (int, float)):
        raise _Invalid("rating value must be a number")
    if not 0 <= rating <= 100 or rating != rating:  # noqa: PLR0124 - rating != rating is the NaN test
        raise _Invalid("rating value out of range")
    if count is not None:
        if isinstance(count, float) and count.is_integer():
            count = int(count)
        if isinstance(count, bool) or not isinstance(count, int) or count < 0:
            raise _Invalid("rating count must be a non-negative integer or null")
    return {"value": rating, "count": count}


def _clean_properties(value: Any) -> list[dict] | None:
    if value is None:
        return None
    if not isinstance(value, list):
        raise _Invalid("must be an array of {name, value} objects")
    name_check, value_check = _clean_text(200), _clean_text(1000)
    out: list[dict] = []
    for entry in value:
        if not isinstance(entry, dict):
            raise _Invalid("must be an array of {name, value} objects")
        if isinstance(entry.get("value"), (int, float)) and not isinstance(entry.get("value"), bool):
            entry = {**entry, "value": str(entry["value"])}
        name, val = name_check(entry.get("name")), value_check(entry.get("value"))
        if name is None or val is None:
            raise _Invalid("every property needs a non-empty name and value")
        out.append({"name": name, "value": val})
    return out[:100] or None


_IMAGE_OBJ = {
    "type": "object",
    "properties": {"url": {"type": "string"}, "alt": {"type": ["string", "null"]}},
    "required": ["url", "alt"],
    "additionalProperties": False,
}
_RATING = {
    "anyOf": [
        {
            "type": "object",
            "properties": {"value": {"type": "number"}, "count": {"type": ["integer", "null"]}},
            "required": ["value", "count"],
            "additionalProperties": False,
        },
        {"type": "null"},
    ],
    "description": 'Aggregate rating shown on the page, e.g. {"value": 4.5, "count": 120}',
}
_PROPERTY_OBJ = {
    "type": "object",
    "properties": {"name": {"type": "string"}, "value": {"type": "string"}},
    "required": ["name", "value"],
    "additionalProperties": False,
}

# Fields the LLM may set. Article body fields (text, markdown, html) and the
# values derived from them (wordCount, readingTimeMinutes) are deterministic
# only; so are product variants.
LLM_FIELDS: dict[str, dict[str, _Field]] = {
    "article": {
        "title": _Field(_s("Headline of the article"), _clean_text(1000)),
        "authors": _Field(_str_list("Author names"), _clean_str_list(50, 300)),
        "publishedAt": _Field(_s("Publication date, ISO 8601"), _clean_datetime),
        "modifiedAt": _Field(_s("Last modification date, ISO 8601"), _clean_datetime),
        "language": _Field(_s("Language of the article, BCP 47 tag such as 'en'"), _clean_language),
        "siteName": _Field(_s("Name of the publication / website"), _clean_text(300)),
        "description": _Field(_s("One or two sentence summary / standfirst"), _clean_text(5000)),
        "canonicalUrl": _Field(_s("Canonical absolute URL of the article"), _clean_url),
        "mainImage": _Field(_s("Absolute URL of the lead image"), _clean_url),
        "images": _Field(
            {"type": "array", "items": _IMAGE_OBJ, "description": "Images in the article"},
            _clean_article_images,
        ),
        "tags": _Field(_str_list("Topics / keywords / tags"), _clean_str_list(50, 200)),
    },
    "product": {
        "name": _Field(_s("Product name"), _clean_text(1000)),
        "brand": _Field(_s("Brand or manufacturer"), _clean_text(300)),
        "sku": _Field(_s("Seller's SKU"), _clean_text(128)),
        "mpn": _Field(_s("Manufacturer part number"), _clean_text(128)),
        "gtin": _Field(_s("GTIN / EAN / UPC, digits only"), _clean_gtin),
        "price": _Field(_s("Current selling price as a decimal string, e.g. '1299.00'"), _clean_decimal),
        "regularPrice": _Field(_s("Regular (non-sale) price as a decimal string"), _clean_decimal),
        "currency": _Field(_s("ISO 4217 currency code, e.g. 'EUR'"), _clean_currency),
        "availability": _Field(
            {"type": ["string", "null"], "enum": [*AVAILABILITY_VALUES, None], "description": "Stock status"},
            _clean_availability,
        ),
        "description": _Field(_s("Product description"), _clean_text(10000)),
        "mainImage": _Field(_s("Absolute URL of the main product image"), _clean_url),
        "images": _Field(_str_list("Absolute URLs of product images"), _clean_url_list),
        "url": _Field(_s("Canonical absolute URL of the product page"), _clean_url),
        "breadcrumbs": _Field(_str_list("Category breadcrumb trail, top level first"), _clean_str_list(20, 300)),
        "rating": _Field(_RATING, _clean_rating),
        "additionalProperties": _Field(
            {"type": "array", "items": _PROPERTY_OBJ, "description": "Specifications as name/value pairs"},
            _clean_properties,
        ),
    },
}


def build_schema(type: str, fields: list[str] | None = None) -> dict:
    """JSON schema (OpenAI strict-mode compatible) of the LLM-settable fields."""
    specs = LLM_FIELDS[type]
    names = list(specs) if fields is None else [f for f in specs if f in fields]
    return {
        "type": "object",
        "properties": {name: specs[name].schema for name in names},
        "required": names,
        "additionalProperties": False,
    }


def validate_fields(type: str, obj: Any, fields: list[str] | None = None) -> tuple[dict, dict]:
    """Validate model output. Returns ``(clean, errors)``.

    ``clean`` maps each valid requested field to its cleaned value (``None``
    meaning "no value"); ``errors`` maps each invalid field to a message.
    Missing fields count as null; unknown keys are ignored.
    """
    specs = LLM_FIELDS[type]
    names = list(specs) if fields is None else [f for f in specs if f in fields]
    if not isinstance(obj, dict):
        return {}, {"$": "the answer must be a JSON object"}
    clean: dict = {}
    errors: dict = {}
    for name in names:
        try:
            clean[name] = specs[name].validate(obj.get(name))
        except ValueError as exc:
            errors[name] = str(exc) or "invalid value"
    return clean, errors
