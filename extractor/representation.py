"""The extraction as the API (and its webhooks) show it: camelCase, every field of the spec."""

from __future__ import annotations

from datetime import datetime

from config.serializers import in_order
from extractor.models import Extraction
from extractor.pipeline import (
    ARTICLE_FIELDS,
    LIBRARIES,
    LLM_METADATA_FIELDS,
    METADATA_FIELDS,
    PRODUCT_FIELDS,
    TIMING_FIELDS,
)


def iso(value: datetime | None) -> str | None:
    return value.isoformat().replace("+00:00", "Z") if value else None


def result_data(extraction: Extraction):
    """The result's fields in the pipeline's order (`ARTICLE_FIELDS` / `PRODUCT_FIELDS`): the column is jsonb, which
    gives keys back in its own order (`url`, `sku`, `name`, … by length)."""
    return in_order(extraction.data, ARTICLE_FIELDS if extraction.type == "article" else PRODUCT_FIELDS)


def result_metadata(extraction: Extraction):
    """`metadata` in the order the pipeline writes it (`METADATA_FIELDS`), each object in it too: `sources` in the
    type's field order, `libraries`, `timings`, `llm` (jsonb gave `llm`, `sources`, `timings`, … shortest first)."""
    metadata = in_order(extraction.metadata, METADATA_FIELDS)
    if not isinstance(metadata, dict):
        return metadata
    nested = {
        "sources": ARTICLE_FIELDS if extraction.type == "article" else PRODUCT_FIELDS,
        "libraries": tuple(LIBRARIES),
        "timings": TIMING_FIELDS,
        "llm": LLM_METADATA_FIELDS,
    }
    for key, names in nested.items():
        if key in metadata:
            metadata[key] = in_order(metadata[key], names)
    return metadata


def extraction_json(extraction: Extraction) -> dict:
    return {
        "id": extraction.id,
        "type": extraction.type,
        "status": extraction.status,
        "url": extraction.url,
        "domainId": extraction.domain_id,
        "tenantId": str(extraction.tenant_id),
        "inputFormat": extraction.input_format,
        "data": result_data(extraction),
        "metadata": result_metadata(extraction),
        "errorMessage": extraction.error_message,
        "errorClass": extraction.error_class,
        "attempts": extraction.attempts,
        "cacheHits": extraction.cache_hits,
        "recycleCount": extraction.recycle_count,
        "createdAt": iso(extraction.created_at),
        "finishedAt": iso(extraction.finished_at),
    }
