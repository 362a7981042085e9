"""Base of every extractor API view: x-api-key, scope, plan, per-key rate limit, payload limit, envelope."""
from __future__ import annotations

from rest_framework.response import Response

from billing.auth import HasScope, HeaderKeyAuthentication, PlanAllowsService
from billing.models import ApiKey, Scope, Service
from config import ratelimit
from config.api import DialectAPIView
from config.errors import PayloadTooLarge, RateLimited
from extractor.api.errors import DIALECT


class ExtractorView(DialectAPIView):
    dialect = DIALECT
    authentication_classes = [HeaderKeyAuthentication]
    permission_classes = [HasScope, PlanAllowsService]
    service = Service.EXTRACTOR
    required_scopes = {"GET": Scope.EXTRACTIONS_READ, "POST": Scope.EXTRACTIONS_WRITE}

    def check_throttles(self, request):
        """Per API key, from the plan; counted atomically in Redis. Runs after authentication and permissions."""
        key = request.auth
        if not isinstance(key, ApiKey):
            return
        decision = ratelimit.hit(bucket=f"key:{key.key_hash[:24]}", limit=key.tenant.plan.requests_per_minute)
        request._ratelimit = decision
        if not decision.allowed:
            raise RateLimited(
                f"Rate limit of {decision.limit} requests per minute exceeded; retry in {decision.reset} s.",
                headers={"Retry-After": str(decision.reset)},
            )

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

    def finalize_response(self, request, response, *args, **kwargs):
        response = super().finalize_response(request, response, *args, **kwargs)
        decision = getattr(request, "_ratelimit", None)
        if decision is not None:
            for name, value in decision.headers().items():
                response[name] = value
        return response


def success(code: str, data, *, status: int = 200, **extra) -> Response:
    body = {"status": "success", "code": code, "data": data}
    body.update({k: v for k, v in extra.items() if v is not None})
    return Response(body, status=status)
