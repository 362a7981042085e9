"""The extraction as the API (and its webhooks) show it: camelCase, every field of the spec."""

from __future__ import annotations

from datetime import datetime

from extractor.models import Extraction


def iso(value: datetime | None) -> str | None:
    return value.isoformat().replace("+00:00", "Z") if value else None


def extraction_json(extraction: Extraction) -> dict:
    return {
        "id": extraction.id,
        "type": extraction.type,
        "status": extraction.status,
        "url": extraction.url,
        "domainId": extraction.domain_id,
        "tenantId": str(extraction.tenant_id),
        "inputFormat": extraction.input_format,
        "data": extraction.data,
        "metadata": extraction.metadata,
        "errorMessage": extraction.error_message,
        "errorClass": extraction.error_class,
        "attempts": extraction.attempts,
        "cacheHits": extraction.cache_hits,
        "recycleCount": extraction.recycle_count,
        "createdAt": iso(extraction.created_at),
        "finishedAt": iso(extraction.finished_at),
    }
