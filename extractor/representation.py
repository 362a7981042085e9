"""The extraction as the API (and its webhooks) show it: camelCase, every field of the spec."""

from __future__ import annotations

from datetime import datetime

from extractor.models import Extraction
from extractor.pipeline import ARTICLE_FIELDS, PRODUCT_FIELDS


def iso(value: datetime | None) -> str | None:
    return value.isoformat().replace("+00:00", "Z") if value else None


def result_data(extraction: Extraction):
    """The result's fields in the pipeline's order (`ARTICLE_FIELDS` / `PRODUCT_FIELDS`): the column is jsonb, which
    gives keys back in its own order (`url`, `sku`, `name`, … by length)."""
    data = extraction.data
    if not isinstance(data, dict):
        return data
    fields = ARTICLE_FIELDS if extraction.type == "article" else PRODUCT_FIELDS
    return {**{name: data[name] for name in fields if name in data}, **data}


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
        "metadata": extraction.metadata,
        "errorMessage": extraction.error_message,
        "errorClass": extraction.error_class,
        "attempts": extraction.attempts,
        "cacheHits": extraction.cache_hits,
        "recycleCount": extraction.recycle_count,
        "createdAt": iso(extraction.created_at),
        "finishedAt": iso(extraction.finished_at),
    }
