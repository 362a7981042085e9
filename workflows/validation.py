"""A small, strict schema checker that reports errors the way pydantic v2 (FastAPI) does.

Strings must be JSON strings (no coercion), integers accept ints, booleans, integral floats and integer strings
(pydantic's lax mode, in which FastAPI validates a JSON body: `true` / `false` are 1 / 0 — its conversion table's int
from bool, Python & JSON — and `"3"`, `" 3 "`, `"3_0"`, `"3.0"` are 3; `"true"` is `int_parsing`), objects refuse
unknown keys (`extra_forbidden`). An error shows the value as it was sent (`input: false`, not 0), as pydantic's do.
Every error of the document is collected, then raised at once as `RequestInvalid`.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

from config.errors import FieldError, RequestInvalid
from config.limits import MAX_REPORTED

MISSING: Any = object()
# An integer string as pydantic reads one: ASCII digits, single underscores between them, zero decimals ("3.00").
_INT_STRING = re.compile(r"^\s*([+-]?[0-9]+(?:_[0-9]+)*)(?:\.0+)?\s*$")
_MAX_INT_DIGITS = 4300  # an integer string longer than this (spaces around it aside) is refused, as by pydantic
_I64_BOUND = float(2**63)  # an integral float at or past it in size is refused, as by pydantic-core's float_as_int
_TOO_BIG = "Unable to parse input string as an integer, exceeded maximum size"


@dataclass
class Str:
    required: bool = False
    default: Any = None
    max_length: int | None = None
    nullable: bool = False
    description: str = ""

    def check(self, value, loc: tuple, errors: list[FieldError]):
        if value is None and self.nullable:
            return self.default
        if not isinstance(value, str):
            errors.append(FieldError(loc, "string_type", "Input should be a valid string", input=value))
            return MISSING
        if self.max_length is not None and len(value) > self.max_length:
            errors.append(
                FieldError(
                    loc,
                    "string_too_long",
                    f"String should have at most {self.max_length} characters",
                    input=value,
                    ctx={"max_length": self.max_length},
                )
            )
            return MISSING
        return value


@dataclass
class Int:
    required: bool = False
    default: Any = None
    ge: int | None = None
    le: int | None = None
    description: str = ""

    def check(self, value, loc: tuple, errors: list[FieldError]):
        number = self._coerce(value, loc, errors)
        if number is MISSING:
            return MISSING
        if self.ge is not None and number < self.ge:
            errors.append(
                FieldError(
                    loc,
                    "greater_than_equal",
                    f"Input should be greater than or equal to {self.ge}",
                    input=value,
                    ctx={"ge": self.ge},
                )
            )
            return MISSING
        if self.le is not None and number > self.le:
            errors.append(
                FieldError(
                    loc,
                    "less_than_equal",
                    f"Input should be less than or equal to {self.le}",
                    input=value,
                    ctx={"le": self.le},
                )
            )
            return MISSING
        return number

    @staticmethod
    def _coerce(value, loc, errors):
        if isinstance(value, int):  # bool included: pydantic's lax mode reads true / false as 1 / 0
            return int(value)
        if isinstance(value, float):
            if not value.is_integer():
                errors.append(
                    FieldError(
                        loc,
                        "int_from_float",
                        "Input should be a valid integer, got a number with a fractional part",
                        input=value,
                    )
                )
            elif -_I64_BOUND < value < _I64_BOUND:
                return int(value)
            else:  # pydantic turns an integral float into an int only within a signed 64-bit one
                errors.append(FieldError(loc, "int_parsing_size", _TOO_BIG, input=value))
            return MISSING
        if isinstance(value, str):
            if len(value.strip()) > _MAX_INT_DIGITS:  # pydantic's guard against quadratic str -> int conversion
                errors.append(FieldError(loc, "int_parsing_size", _TOO_BIG, input=value))
                return MISSING
            match = _INT_STRING.match(value)
            if match:
                return int(match.group(1))
            errors.append(
                FieldError(
                    loc,
                    "int_parsing",
                    "Input should be a valid integer, unable to parse string as an integer",
                    input=value,
                )
            )
            return MISSING
        errors.append(FieldError(loc, "int_type", "Input should be a valid integer", input=value))
        return MISSING


@dataclass
class Obj:
    fields: dict[str, Any]
    required: bool = False
    default: Callable[[], Any] | None = dict
    description: str = ""

    def check(self, value, loc: tuple, errors: list[FieldError]):
        if not isinstance(value, dict):
            errors.append(
                FieldError(
                    loc,
                    "model_attributes_type",
                    "Input should be a valid dictionary or object to extract fields from",
                    input=value,
                )
            )
            return MISSING
        cleaned: dict[str, Any] = {}
        failed = False
        for name, spec in self.fields.items():
            if name not in value:
                if spec.required:
                    errors.append(FieldError(loc + (name,), "missing", "Field required", input=value))
                    failed = True
                else:
                    default = spec.default() if callable(spec.default) else spec.default
                    if isinstance(spec, Obj) and isinstance(default, dict):
                        default = spec.check(default, loc + (name,), errors)
                    if default is not None:  # no default: the key stays absent
                        cleaned[name] = default
                continue
            result = spec.check(value[name], loc + (name,), errors)
            if result is MISSING:
                failed = True
            else:
                cleaned[name] = result
        for name, extra in value.items():
            if name not in self.fields:
                failed = True
                if len(errors) >= MAX_REPORTED:  # 200,000 unknown keys: the answer lists the first ones
                    break
                errors.append(
                    FieldError(loc + (str(name),), "extra_forbidden", "Extra inputs are not permitted", input=extra)
                )
        return MISSING if failed else cleaned


def validate(schema: Obj, data, *, extra_checks: Callable[[dict, list[FieldError]], None] | None = None) -> dict:
    """The cleaned document, or RequestInvalid listing every error (schema first, then `extra_checks`,
    which runs on the fields that passed the schema — pass it `partial` to know which)."""
    errors: list[FieldError] = []
    cleaned = schema.check(data, (), errors)
    if extra_checks is not None:
        partial = _partial(schema, data, errors)
        extra_checks(partial, errors)
    if errors:
        raise RequestInvalid(errors)
    return cleaned


def _partial(schema: Obj, data, errors: list[FieldError]) -> dict:
    """The top-level fields that passed the schema (for checks that need the store, e.g. an object exists)."""
    if not isinstance(data, dict):
        return {}
    bad = {e.loc[0] for e in errors if e.loc}
    out = {}
    for name in schema.fields:
        if name in data and name not in bad:
            out[name] = data[name]
    return out
