"""The JSON parser of both APIs: every limit of `config.limits` applied where the body enters."""

from __future__ import annotations

from django.conf import settings
from django.core.exceptions import RequestDataTooBig
from rest_framework.exceptions import ParseError
from rest_framework.parsers import BaseParser, MultiPartParser
from rest_framework.renderers import JSONRenderer

from config.limits import JsonRejected, parse_json


def declared_length(parser_context: dict | None) -> int:
    """The request's Content-Length (gunicorn admits only digits there), 0 when there is none."""
    request = (parser_context or {}).get("request")
    value = request.META.get("CONTENT_LENGTH") if request is not None else None
    return int(value) if value and value.isdigit() else 0


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
        try:
            b"\xff".decode(encoding, errors="replace")
        except (LookupError, UnicodeError):
            raise ParseError(f"Multipart form parse error - Unsupported charset {encoding!r}.") from None
        return super().parse(stream, media_type, parser_context)
