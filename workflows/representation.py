"""A workflow request as the API shows it (`GET /v1/requests/{id}`) and as its webhook events carry it: one function,
so the two can never differ."""

from __future__ import annotations

from rest_framework import serializers

from config.serializers import in_order
from workflows.selectors import credits_refunded
from workflows.storage import file_url

# A cut-out's fields in the documented order (the stored result is jsonb, which gives keys back in its own order).
ITEM_FIELDS = ("label", "score", "bbox", "image_key", "mask_key")
BBOX_FIELDS = ("x", "y", "width", "height")


def _item(item: dict, request) -> dict:
    out = in_order(item, ITEM_FIELDS)
    if "bbox" in out:
        out["bbox"] = in_order(out["bbox"], BBOX_FIELDS)
    return {**out, "image_url": file_url(item["image_key"], request=request)}


def request_body(job, *, request=None) -> dict:
    result = None
    if job.result is not None:
        items = [_item(item, request) for item in (job.result.get("items") or [])]
        result = {**job.result, "items": items}
    field = serializers.DateTimeField()
    return {
        "request_id": job.pk,
        "workflow": job.workflow,
        "status": job.status,
        "credits_cost": job.credits_cost,
        "credits_refunded": credits_refunded(job_id=job.pk),
        "created_at": field.to_representation(job.created_at),
        "started_at": field.to_representation(job.started_at) if job.started_at else None,
        "finished_at": field.to_representation(job.finished_at) if job.finished_at else None,
        "result": result,
        "error": in_order(job.error, ("type", "message")),
    }
