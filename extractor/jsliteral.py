"""Nuxt 2's function-wrapped state read as data: ``window.__NUXT__=(function(a,b,c){return {...}}("x",12.5,!0))``.

Nuxt 2 writes its state as a JS object literal returned by a function whose parameters stand for repeated values
(unquoted keys, ``a`` / ``b`` in place of a value, ``!0`` / ``void 0``): not JSON, so the JSON reader of
``extractor.appstate`` skips it. :func:`nuxt_state` reads that literal and the call's arguments with a tokenizer that
knows only literals (objects, arrays, strings, numbers, ``true`` / ``false`` / ``null``, ``!0`` / ``!1`` /
``void 0``) and parameter names, and puts each argument where its parameter stands. It never evaluates anything: any
other construct (a call, ``new Date(...)``, an operator) makes it give up on the whole state (None). Statements before
``return`` (``a.b=c;``) are not read.
"""

from __future__ import annotations

import re
from typing import Any

MAX_CHARS = 2_000_000
MAX_DEPTH = 200

# Possessive throughout: `\s*=\s*\(?\s*function` backtracked over every split of the blanks after "=" when no
# "function" followed (`__NUXT__=` and 40,000 spaces: 5.7 s of a page's sanitising at submission). It matches the same.
_HEAD_RE = re.compile(r"__NUXT__\s*+=\s*+\(?+\s*+function\s*+\(([\w$,\s]*+)\)\s*+\{")
_TOKEN_RE = re.compile(
    r"""\s*(?:(?P<punc>[{}\[\]:,();])|(?P<str>"(?:[^"\\]|\\.)*"|'(?:[^'\\]|\\.)*')|"""
    r"""(?P<num>-?(?:\d+\.?\d*|\.\d+)(?:[eE][+-]?\d+)?)|(?P<bang>!\s*[01])|(?P<id>[A-Za-z_$][\w$]*))""",
    re.S,
)
_ESCAPE_RE = re.compile(r"\\(u\{[0-9a-fA-F]+\}|u[0-9a-fA-F]{4}|x[0-9a-fA-F]{2}|.)", re.S)
_ESCAPES = {"n": "\n", "t": "\t", "r": "\r", "b": "\b", "f": "\f", "v": "\v", "0": "\0"}
_WORDS = {"true": True, "false": False, "null": None, "undefined": None}


class _Unsupported(ValueError):
    """A construct other than a literal or a parameter name."""


class _Param(str):
    """A parameter name where a value stands (resolved once the call's arguments are read)."""


def _unescape(match: re.Match) -> str:
    esc = match.group(1)
    if esc[0] in "ux" and len(esc) > 1:
        code = int(esc.strip("ux{}"), 16)
        return chr(code) if code <= 0x10FFFF else "\ufffd"
    return _ESCAPES.get(esc, esc)


def _string(token: str) -> str:
    """A quoted JS string's value: escapes read, an escaped surrogate pair joined, a lone surrogate (escaped or raw)
    replaced by U+FFFD, since the state is written out as UTF-8."""
    text = _ESCAPE_RE.sub(_unescape, token[1:-1])
    return text.encode("utf-16", "surrogatepass").decode("utf-16", "replace")


class _Reader:
    def __init__(self, text: str, pos: int):
        self.text, self.pos = text, pos

    def token(self) -> tuple[str, str]:
        m = _TOKEN_RE.match(self.text, self.pos)
        if not m:
            raise _Unsupported(self.pos)
        self.pos = m.end()
        kind = m.lastgroup
        return kind, m.group(kind)

    def expect(self, punc: str) -> None:
        if self.token() != ("punc", punc):
            raise _Unsupported(self.pos)

    def value(self, depth: int = 0) -> Any:
        if depth > MAX_DEPTH:
            raise _Unsupported(self.pos)
        kind, tok = self.token()
        if kind == "str":
            return _string(tok)
        if kind == "num":
            return float(tok) if any(c in tok for c in ".eE") else int(tok)
        if kind == "bang":
            return tok[-1] == "0"
        if kind == "id":
            return self._word(tok)
        if tok == "{":
            return self._object(depth)
        if tok == "[":
            return self.items("]", depth)
        raise _Unsupported(self.pos)

    def _word(self, word: str) -> Any:
        if word in _WORDS:
            return _WORDS[word]
        if word == "void":
            self.value()  # "void 0"
            return None
        if word in ("new", "function"):
            raise _Unsupported(self.pos)
        return _Param(word)

    def _object(self, depth: int) -> dict:
        out: dict = {}
        while True:
            kind, key = self.token()
            if (kind, key) == ("punc", "}"):
                return out
            if kind == "str":
                key = _string(key)
            elif kind not in ("id", "num"):
                raise _Unsupported(self.pos)
            self.expect(":")
            out[str(key)] = self.value(depth + 1)
            kind, tok = self.token()
            if tok == "}":
                return out
            if tok != ",":
                raise _Unsupported(self.pos)

    def items(self, close: str, depth: int) -> list:
        out: list = []
        if self.peek(close):
            return out
        while True:
            out.append(self.value(depth + 1))
            kind, tok = self.token()
            if tok == close:
                return out
            if tok != ",":
                raise _Unsupported(self.pos)

    def peek(self, punc: str) -> bool:
        m = _TOKEN_RE.match(self.text, self.pos)
        if m and m.group("punc") == punc:
            self.pos = m.end()
            return True
        return False


def _resolve(value: Any, bound: dict, depth: int = 0) -> Any:
    if isinstance(value, _Param):
        return bound.get(value)
    if depth > MAX_DEPTH:
        return None
    if isinstance(value, dict):
        return {k: _resolve(v, bound, depth + 1) for k, v in value.items()}
    if isinstance(value, list):
        return [_resolve(v, bound, depth + 1) for v in value]
    return value


def nuxt_state(text: str) -> Any | None:
    """The state a ``__NUXT__=(function(params){return {...}}(args))`` script builds, each parameter replaced by its
    argument; None when the script has no such state or writes anything but literals in it."""
    m = _HEAD_RE.search(text) if len(text) <= MAX_CHARS else None
    if not m:
        return None
    params = [p.strip() for p in m.group(1).split(",") if p.strip()]
    start = text.find("return", m.end())
    if start == -1:
        return None
    reader = _Reader(text, start + len("return"))
    try:
        state = reader.value()
        reader.peek(";")
        reader.expect("}")
        reader.peek(")")  # "(function(){...})(args)" as well as "(function(){...}(args))"
        reader.expect("(")
        args = reader.items(")", 0)
    except (ValueError, RecursionError):  # _Unsupported, or int() refusing a number of over 4,300 digits
        return None
    return _resolve(state, dict(zip(params, args, strict=False)))  # unpassed: undefined
