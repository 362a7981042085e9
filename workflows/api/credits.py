"""`GET /v1/credits`: the caller's balance and ledger, newest first."""

from __future__ import annotations

from drf_spectacular.utils import OpenApiParameter, extend_schema
from rest_framework import serializers
from rest_framework.response import Response

from billing.selectors import ledger_for_tenant
from config.errors import FieldError, RequestInvalid
from workflows.api.base import WorkflowsView
from workflows.api.views import VALIDATION
from workflows.validation import Int


class CreditEntrySerializer(serializers.Serializer):
    id = serializers.IntegerField()
    kind = serializers.CharField()
    amount = serializers.IntegerField()
    balance_after = serializers.IntegerField()
    request_id = serializers.CharField(allow_blank=True)
    reason = serializers.CharField(allow_blank=True)
    created_at = serializers.DateTimeField()


class CreditsResponseSerializer(serializers.Serializer):
    balance = serializers.IntegerField()
    entries = CreditEntrySerializer(many=True)
    next_before = serializers.IntegerField(allow_null=True, help_text="Pass as `before` for the next page.")


def _int_param(request, name: str, default: int | None, low: int, high: int) -> int | None:
    """A query parameter as FastAPI's `Query(ge=low, le=high)` reads it: pydantic's lax integer, its errors."""
    raw = request.query_params.get(name)
    if raw is None:
        return default
    errors: list[FieldError] = []
    value = Int(ge=low, le=high).check(raw, ("query", name), errors)
    if errors:
        raise RequestInvalid(errors)
    return value


class CreditsView(WorkflowsView):
    @extend_schema(
        operation_id="get_credits",
        summary="Your credit balance and ledger",
        description="Your balance and the ledger entries behind it, newest first: grants, a charge per dispatch and a "
        "refund for every request that did not complete. Page with `before` = `next_before`.",
        parameters=[
            OpenApiParameter(
                "limit",
                {"type": "integer", "minimum": 1, "maximum": 200, "default": 50},
                description="Page size, 1 to 200 (default 50).",
            ),
            OpenApiParameter(
                "before",
                {"type": "integer", "minimum": 1, "maximum": 2**62},
                description="Only entries older than this id (`next_before` of the previous page).",
            ),
        ],
        responses={200: CreditsResponseSerializer, 422: VALIDATION},
        tags=["workflows"],
    )
    def get(self, request):
        limit = _int_param(request, "limit", 50, 1, 200)
        before = _int_param(request, "before", None, 1, 2**62)
        entries = ledger_for_tenant(tenant_id=request.user.pk)
        if before:
            entries = entries.filter(pk__lt=before)
        page = list(entries[: limit + 1])
        more = len(page) > limit
        page = page[:limit]
        body = {
            "balance": request.user.credit_balance,
            "entries": CreditEntrySerializer(page, many=True).data,
            "next_before": page[-1].pk if more else None,
        }
        return Response(body)
