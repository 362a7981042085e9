"""The JSON parser of both APIs: every limit of `config.limits` applied where the body enters, after the body's
content coding (gzip, deflate) is undone within the same byte limit."""

from __future__ import annotations

import io
import zlib

from django.conf import settings
from django.core.exceptions import RequestDataTooBig
from rest_framework.exceptions import ParseError
from rest_framework.parsers import BaseParser, MultiPartParser
from rest_framework.renderers import JSONRenderer

from config import errors
from config.limits import JsonRejected, parse_json

# The content codings a request body may arrive in (RFC 9110 8.4.1; `x-gzip` is gzip's old name), as zlib's window
# bits. One coding at most: layers would multiply the work by their number. Brotli and zstd are not installed.
_WBITS = {"gzip": 16 + zlib.MAX_WBITS, "x-gzip": 16 + zlib.MAX_WBITS, "deflate": zlib.MAX_WBITS}
ACCEPTED_CODINGS = "gzip, deflate"  # the 415's Accept-Encoding (RFC 7694)
# Concatenated gzip members (`cat a.gz b.gz`) are one body, as gzip reads them; each member copies what follows it.
MAX_GZIP_MEMBERS = 16


def declared_length(parser_context: dict | None) -> int:
    """The request's Content-Length (gunicorn admits only digits there), 0 when there is none."""
    request = (parser_context or {}).get("request")
    value = request.META.get("CONTENT_LENGTH") if request is not None else None
    return int(value) if value and value.isdigit() else 0


def content_codings(header: str) -> list[str]:
    """The codings a `Content-Encoding` header names, in order, without `identity` (a no-op)."""
    return [c for c in (part.strip().lower() for part in header.split(",")) if c and c != "identity"]


def decode_content(request, limit: int) -> None:
    """Undo the content coding of a request body (`request` is Django's, its length already checked against
    `limit`), in place: the parser, the idempotency fingerprint and `request.body` all see the decoded bytes.
    A body that decodes to more than `limit` bytes is 413 after at most `limit` + 1 bytes of output (a
    decompression bomb costs what an honest body of the limit does), an unknown or layered coding 415, corrupt or
    truncated data 400. An empty body has nothing to decode."""
    codings = content_codings(request.META.get("HTTP_CONTENT_ENCODING", ""))
    if not codings or not request.body:
        return
    if len(codings) > 1 or codings[0] not in _WBITS:
        named = ", ".join(codings)
        raise errors.UnsupportedMediaType(
            f"Content-Encoding {named[:100]!r} is not supported: send the body as is, or in one of {ACCEPTED_CODINGS}.",
            headers={"Accept-Encoding": ACCEPTED_CODINGS},
        )
    request._body = inflate(request.body, codings[0], limit)
    request._stream = io.BytesIO(request._body)


def inflate(data: bytes, coding: str, limit: int) -> bytes:
    """`data` decoded from `coding` (a key of _WBITS), at most `limit` bytes of it. `deflate` is the zlib format
    (RFC 1950) as the RFC says, or raw deflate as some clients send it."""
    wbits = _WBITS[coding]
    zlib_header = len(data) >= 2 and data[0] & 0x0F == 8 and (data[0] << 8 | data[1]) % 31 == 0
    if coding == "deflate" and not zlib_header:
        wbits = -zlib.MAX_WBITS
    out: list[bytes] = []
    room = limit
    for _ in range(MAX_GZIP_MEMBERS):
        decoder = zlib.decompressobj(wbits)
        try:
            piece = decoder.decompress(data, room + 1)  # never more than one byte past the limit
        except zlib.error as exc:
            raise errors.MalformedRequest(f"The request body is not valid {coding} data ({exc}).") from None
        if len(piece) > room:
            raise errors.PayloadTooLarge(f"The body decompresses to more than the {limit} bytes the plan allows.")
        if not decoder.eof:
            raise errors.MalformedRequest(f"The request body is not valid {coding} data (it is cut short).")
        out.append(piece)
        room -= len(piece)
        data = decoder.unused_data
        if not data:
            return b"".join(out)
        if coding == "deflate" or not data.startswith(b"\x1f\x8b"):  # not a next gzip member
            raise errors.MalformedRequest(f"The request body is not valid {coding} data (bytes follow its end).")
    raise errors.MalformedRequest(f"The request body has more than {MAX_GZIP_MEMBERS} gzip members.")


class JSONBodyParser(BaseParser):
    """orjson instead of the standard library: strict UTF-8 (no lone surrogates), no NaN / Infinity, numbers that
    fit a float, nesting bounded without Python recursion, and no NUL in any key or string."""

    media_type = "application/json"
    renderer_class = JSONRenderer

    def parse(self, stream, media_type=None, parser_context=None):
        encoding = (parser_context or {}).get("encoding") or settings.DEFAULT_CHARSET
        cap = settings.DATA_UPLOAD_MAX_MEMORY_SIZE
        if declared_length(parser_context) > cap:  # not read at all: the answer goes out at once
            raise RequestDataTooBig("Request body exceeded settings.DATA_UPLOAD_MAX_MEMORY_SIZE.")
        raw = stream.read(cap + 1) if stream is not None else b""
        if len(raw) > cap:  # the absolute cap (MAX_REQUEST_BYTES), whatever the stream
            raise RequestDataTooBig("Request body exceeded settings.DATA_UPLOAD_MAX_MEMORY_SIZE.")
        if encoding.lower().replace("-", "") not in ("utf8", "ascii", "usascii"):
            try:  # undecodable bytes become lone surrogates, which the parser refuses
                raw = raw.decode(encoding, errors="surrogateescape")
            except LookupError:
                raise JsonRejected(f"Unknown charset {encoding!r}.", reason="invalid_unicode") from None
            except UnicodeError:  # a codec that fails whatever the handler (utf-32 on other bytes, idna, undefined)
                raise JsonRejected(
                    f"The body is not valid text in charset {encoding!r}.", reason="invalid_unicode"
                ) from None
        return parse_json(raw)


class MultiPartBodyParser(MultiPartParser):
    """DRF's multipart parser, refusing a charset Django's parser cannot decode with (it decodes field names and
    values with `errors="replace"`, which codecs such as idna or punycode do not support: a UnicodeError, a 500)."""

    def parse(self, stream, media_type=None, parser_context=None):
        encoding = (parser_context or {}).get("encoding") or settings.DEFAULT_CHARSET
        request = (parser_context or {}).get("request")
        if request is not None and content_codings(request.META.get("HTTP_CONTENT_ENCODING", "")):
            raise errors.UnsupportedMediaType(  # a photo is compressed already: nothing to gain, one more bomb
                "An upload is read as sent: send it without a Content-Encoding.",
                headers={"Accept-Encoding": "identity"},
            )
        try:
            b"\xff".decode(encoding, errors="replace")
        except (LookupError, UnicodeError):
            raise ParseError(f"Multipart form parse error - Unsupported charset {encoding!r}.") from None
        return super().parse(stream, media_type, parser_context)
