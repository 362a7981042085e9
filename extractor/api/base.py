"""Base of every extractor API view: x-api-key, scope, plan, per-key rate limit, payload limit, envelope."""

from __future__ import annotations

from rest_framework.response import Response

from billing.auth import HasScope, HeaderKeyAuthentication, PlanAllowsService, PlanBodyLimited, PlanRateLimited
from billing.models import Scope, Service
from config.api import DialectAPIView
from extractor.api.errors import DIALECT


class ExtractorView(PlanRateLimited, PlanBodyLimited, DialectAPIView):
    dialect = DIALECT
    authentication_classes = [HeaderKeyAuthentication]
    permission_classes = [HasScope, PlanAllowsService]
    service = Service.EXTRACTOR
    required_scopes = {"GET": Scope.EXTRACTIONS_READ, "POST": Scope.EXTRACTIONS_WRITE}


def success(code: str, data, *, status: int = 200, **extra) -> Response:
    body = {"status": "success", "code": code, "data": data}
    body.update({k: v for k, v in extra.items() if v is not None})
    return Response(body, status=status)
