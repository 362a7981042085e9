"""Base of every extractor API view: x-api-key, scope, plan, per-key rate limit, payload limit, envelope."""

from __future__ import annotations

from rest_framework.response import Response

from billing.auth import HasScope, HeaderKeyAuthentication, PlanAllowsService, PlanRateLimited
from billing.models import ApiKey, Scope, Service
from config.api import DialectAPIView
from config.errors import PayloadTooLarge
from extractor.api.errors import DIALECT


class ExtractorView(PlanRateLimited, DialectAPIView):
    dialect = DIALECT
    authentication_classes = [HeaderKeyAuthentication]
    permission_classes = [HasScope, PlanAllowsService]
    service = Service.EXTRACTOR
    required_scopes = {"GET": Scope.EXTRACTIONS_READ, "POST": Scope.EXTRACTIONS_WRITE}

    def initial(self, request, *args, **kwargs):
        super().initial(request, *args, **kwargs)
        if request.method in ("POST", "PUT", "PATCH") and isinstance(request.auth, ApiKey):
            self.check_body_size(request)

    def check_body_size(self, request):
        """413 from Content-Length before the body is read; while reading when there is none."""
        limit = request.auth.tenant.plan.max_body_bytes
        length = request.META.get("CONTENT_LENGTH")
        if length not in (None, ""):
            try:
                too_big = int(length) > limit
            except ValueError:
                too_big = False
            if too_big:
                raise PayloadTooLarge(f"The body is {int(length)} bytes; the plan allows {limit}.")
            return
        body = request._request.read(limit + 1) if hasattr(request._request, "read") else b""
        if len(body) > limit:
            raise PayloadTooLarge(f"The body is larger than the {limit} bytes the plan allows.")
        request._request._body = body


def success(code: str, data, *, status: int = 200, **extra) -> Response:
    body = {"status": "success", "code": code, "data": data}
    body.update({k: v for k, v in extra.items() if v is not None})
    return Response(body, status=status)
