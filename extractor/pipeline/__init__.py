"""Deterministic extraction pipeline (articles and products).

``extract(type=..., format=..., content=..., url=...)`` runs on content that was
sanitised at request time by :mod:`extractor.sanitize`; it re-runs only the cheap
safety checks (binary garbage, JSON depth) so that a bad stash fails cleanly as
``sanitize_fail``.

Formats (see :mod:`.formats`): html is parsed once into an lxml tree shared by
extruct and trafilatura; markdown/text give the title from the first heading/line
and keep paragraphs — their ``html`` output is a minimal escaped ``<p>``/``<h2>``/
``<ul>`` rendering of those paragraphs, never invented markup; json accepts
JSON-LD (object, list or ``@graph``), schema.org Product/Article objects and
plain objects with common keys.

Errors: :class:`PipelineError` with ``error_class`` ``parse_error`` (content not
parseable as the declared format, e.g. a JSON object for ``format="html"``),
``sanitize_fail`` (binary content, JSON nested too deep...) or ``invalid_input``
(unknown type/format, or content that cannot describe the type: an article with
no title and no text, a product with neither name nor price).
"""

from __future__ import annotations

import time
from dataclasses import dataclass, field
from importlib import metadata as _md

from ..sanitize import _CONTROL_RE, SanitizeError, _check_binary, sanitize_json
from . import article as _article
from . import formats as _formats
from . import product as _product
from . import structured as _structured
from .article import common as _article_common
from .justext_linear import install as _install_linear_justext

__all__ = [
    "PIPELINE_VERSION",
    "PipelineError",
    "ExtractionResult",
    "extract",
    "ARTICLE_FIELDS",
    "PRODUCT_FIELDS",
    "METADATA_FIELDS",
    "TIMING_FIELDS",
    "LLM_METADATA_FIELDS",
    "LIBRARIES",
    "TYPES",
    "FORMATS",
    "empty_data",
]

PIPELINE_VERSION = "1.24.0"
TYPES = ("article", "product")
FORMATS = ("html", "markdown", "text", "json")

_install_linear_justext()  # trafilatura's jusText fallback in linear time (same classes; see the module)

ARTICLE_FIELDS = (
    "title",
    "authors",
    "publishedAt",
    "modifiedAt",
    "language",
    "siteName",
    "description",
    "canonicalUrl",
    "mainImage",
    "images",
    "tags",
    "text",
    "markdown",
    "html",
    "wordCount",
    "readingTimeMinutes",
)
PRODUCT_FIELDS = (
    "name",
    "brand",
    "sku",
    "mpn",
    "gtin",
    "gtinType",
    "price",
    "regularPrice",
    "currency",
    "availability",
    "description",
    "mainImage",
    "images",
    "url",
    "breadcrumbs",
    "rating",
    "color",
    "size",
    "features",
    "variants",
    "additionalProperties",
)
# `metadata` in the order `extract` writes it and every read shows it (README "Extractor API"); `sources` follows the
# type's fields, `libraries` LIBRARIES, `llm` the LLM pass's own order (`llm.refine`).
METADATA_FIELDS = ("probability", "sources", "pipelineVersion", "libraries", "timings", "llm")
TIMING_FIELDS = ("parseMs", "extractMs", "llmMs")
LLM_METADATA_FIELDS = (
    "model",
    "mode",
    "promptTokens",
    "completionTokens",
    "totalTokens",
    "llmMs",
    "changedFields",
    "filledFields",
    "rejectedFields",
)
_LIST_FIELDS = {"authors", "images", "tags", "breadcrumbs", "features", "variants", "additionalProperties"}
ERROR_CLASSES = ("parse_error", "sanitize_fail", "invalid_input")


class PipelineError(Exception):
    def __init__(self, error_class: str, message: str):
        assert error_class in ERROR_CLASSES, error_class
        super().__init__(f"{error_class}: {message}")
        self.error_class = error_class
        self.message = message


@dataclass
class ExtractionResult:
    data: dict
    metadata: dict = field(default_factory=dict)


def empty_data(type: str) -> dict:
    if type == "article":
        keys = ARTICLE_FIELDS
    elif type == "product":
        keys = PRODUCT_FIELDS
    else:
        raise PipelineError("invalid_input", f"unknown type {type!r}")
    return {k: ([] if k in _LIST_FIELDS else None) for k in keys}


def _version(name: str) -> str | None:
    try:
        return _md.version(name)
    except _md.PackageNotFoundError:  # pragma: no cover
        return None


LIBRARIES = {name: _version(name) for name in ("trafilatura", "extruct", "htmldate", "price-parser", "lxml", "bleach")}


_URL_FIELDS = ("mainImage", "canonicalUrl", "url")


def _absolute(data: dict, base: str | None) -> None:
    """Every URL field resolved against the request's `url`, whatever the input format gave (unsafe schemes dropped)."""
    for key in _URL_FIELDS:
        if data.get(key):
            data[key] = _structured.as_url(data[key], base)
    images = data.get("images")
    if isinstance(images, list):
        resolved = []
        for image in images:
            if isinstance(image, dict):
                link = _structured.as_url(image.get("url"), base)
                if link:
                    resolved.append({**image, "url": link})
            elif link := _structured.as_url(image, base):
                resolved.append(link)
        data["images"] = resolved


def _finish(type: str, data: dict, sources: dict, url: str | None = None) -> tuple[dict, dict]:
    _absolute(data, url)
    out = empty_data(type)
    for key in out:
        value = data.get(key)
        if value in (None, "", [], {}):
            continue
        out[key] = value
    sources = {k: v for k, v in sources.items() if out.get(k) not in (None, "", [], {})}
    if type == "article":
        if out["text"]:
            wc = len(_article._WORD_RE.findall(out["text"]))
            out["wordCount"] = wc
            out["readingTimeMinutes"] = _article.reading_time(wc)
        else:
            out["wordCount"] = 0
            out["readingTimeMinutes"] = 0
        if not out["title"] and not out["text"]:
            raise PipelineError("invalid_input", "no title and no text: content does not describe an article")
    else:
        if not out["name"] and not out["price"]:
            raise PipelineError("invalid_input", "no name and no price: content does not describe a product")
        if out["price"] is None:
            out["currency"] = out["currency"] if out["regularPrice"] else None
            if out["currency"] is None:
                sources.pop("currency", None)
    return out, sources


def warm_up() -> None:
    """Load what the pipeline would otherwise load on first use, in a process about to fork its workers (the Celery
    worker, before its pool starts): every pool process, and each one that replaces a recycled process, then starts
    with it. trafilatura reads jusText's stop-lists of every language (≈ 110 ms) and jusText turns them into a set
    (≈ 70 ms) the first time its fallback runs in a process."""
    from justext.core import define_stoplist
    from trafilatura.external import jt_stoplist_init

    define_stoplist(jt_stoplist_init())


def _repaired(content: str, type: str) -> str:
    """A page whose UTF-8 was read as Latin-1 decoded again: a product's (``product.repair_mojibake``), an article's
    when it is mostly mojibake, and the marks whose control bytes sanitising removed
    (``article.common.repair_encoding``)."""
    return _article_common.repair_encoding(content) if type == "article" else _product.repair_mojibake(content, type)


def extract(*, type: str, format: str, content: str | dict, url: str | None = None) -> ExtractionResult:
    if type not in TYPES:
        raise PipelineError("invalid_input", f"unknown type {type!r}")
    if format not in FORMATS:
        raise PipelineError("invalid_input", f"unknown format {format!r}")
    if url is not None and not isinstance(url, str):
        raise PipelineError("invalid_input", "url must be a string")
    t0 = time.perf_counter()
    try:
        if format == "json":
            obj = _formats.parse_json(content)
            obj = sanitize_json(obj)
        else:
            if isinstance(content, (dict, list)):
                raise _formats.FormatError(f"json content given for format {format!r}")
            if isinstance(content, bytes):
                try:
                    content = content.decode("utf-8")
                except UnicodeDecodeError as exc:
                    raise _formats.FormatError("content is not valid UTF-8") from exc
            # one scan for control characters (sanitised content has none, most of the time: nothing to count, strip)
            controls = not isinstance(content, str) or _CONTROL_RE.search(content) is not None
            if isinstance(content, str):
                _check_binary(content, controls=controls)
            if format == "html":
                tree = _formats.parse_html(_repaired(content, type), controls=controls)
            else:
                doc = _formats.parse_text(content, markdown=(format == "markdown"))
    except SanitizeError as exc:
        raise PipelineError("sanitize_fail", exc.message) from exc
    except _formats.FormatError as exc:
        raise PipelineError("parse_error", str(exc)) from exc
    t1 = time.perf_counter()

    if format == "html":
        st = _structured.extract_structured(tree, url)
        mod = _article if type == "article" else _product
        data, sources = mod.from_html(tree, url, st)
    elif format == "json":
        mod = _article if type == "article" else _product
        data, sources = mod.from_json(obj, url)
    else:
        if type == "article":
            data, sources = _article.from_text(doc, markdown=(format == "markdown"))
        else:
            data, sources = _product.from_text(doc, url)
    probability = data.pop("_probability", None)
    out, sources = _finish(type, data, sources, url)
    t2 = time.perf_counter()
    extra = {"probability": probability} if type == "product" else {}
    return ExtractionResult(
        data=out,
        metadata={
            **extra,
            "sources": sources,
            "pipelineVersion": PIPELINE_VERSION,
            "libraries": dict(LIBRARIES),
            "timings": {"parseMs": round((t1 - t0) * 1000, 2), "extractMs": round((t2 - t1) * 1000, 2)},
        },
    )
