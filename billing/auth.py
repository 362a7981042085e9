"""API-key authentication (one key, two header styles) and the scope / plan permissions."""

from __future__ import annotations

import hashlib
from datetime import timedelta

from django.utils import timezone
from rest_framework import exceptions
from rest_framework.authentication import BaseAuthentication
from rest_framework.permissions import BasePermission

from billing.models import ApiKey
from config import ratelimit
from config.errors import NoActivePlan, PayloadTooLarge, RateLimited, ScopeMissing, ServiceDisabledOnPlan
from config.parsers import decode_content

LAST_USED_RESOLUTION = timedelta(minutes=1)


def hash_key(raw_key: str) -> str:
    return hashlib.sha256(raw_key.encode("utf-8")).hexdigest()


def key_from_raw(raw_key: str) -> ApiKey:
    """The active key matching `raw_key`, with its tenant and plan, in one query."""
    if not raw_key or len(raw_key) > 200 or not raw_key.isascii():
        raise exceptions.AuthenticationFailed("Invalid API key.")
    try:
        key = ApiKey.objects.select_related("tenant__plan").get(key_hash=hash_key(raw_key))
    except ApiKey.DoesNotExist:
        raise exceptions.AuthenticationFailed("Invalid API key.") from None
    if key.revoked_at is not None:
        raise exceptions.AuthenticationFailed("This API key has been revoked.")
    if not key.tenant.active:
        raise exceptions.AuthenticationFailed("This tenant is disabled.")
    now = timezone.now()
    if key.last_used_at is None or now - key.last_used_at > LAST_USED_RESOLUTION:
        # At most one write a minute per key: keeps the hot path at one query.
        ApiKey.objects.filter(pk=key.pk).update(last_used_at=now)
        key.last_used_at = now
    return key


class BearerKeyAuthentication(BaseAuthentication):
    """`Authorization: Bearer <key>` (workflows API)."""

    def authenticate(self, request):
        header = request.META.get("HTTP_AUTHORIZATION", "")
        if not header:
            return None
        scheme, _, token = header.partition(" ")
        if scheme.lower() != "bearer" or not token.strip() or " " in token.strip():
            raise exceptions.AuthenticationFailed("Invalid Authorization header: expected 'Bearer <key>'.")
        key = key_from_raw(token.strip())
        return key.tenant, key

    def authenticate_header(self, request):
        return "Bearer"


class HeaderKeyAuthentication(BaseAuthentication):
    """`x-api-key: <key>` (extractor API)."""

    def authenticate(self, request):
        raw = request.META.get("HTTP_X_API_KEY")
        if raw is None:
            return None
        key = key_from_raw(raw.strip())
        return key.tenant, key

    def authenticate_header(self, request):
        return 'ApiKey header="x-api-key"'


class HasScope(BasePermission):
    """The key carries the scope the view names for this method (`view.required_scopes`)."""

    def has_permission(self, request, view):
        key = request.auth
        if not isinstance(key, ApiKey):
            return False
        scope = view.required_scopes.get(request.method)
        if scope and not key.has_scope(scope):
            raise ScopeMissing(scope)
        return True


class PlanAllowsService(BasePermission):
    """The tenant's plan is active and has the view's service (`view.service`) enabled."""

    def has_permission(self, request, view):
        key = request.auth
        if not isinstance(key, ApiKey):
            return False
        plan = key.tenant.plan
        if not plan.active:
            raise NoActivePlan()
        if not plan.has_service(view.service):
            raise ServiceDisabledOnPlan(service=view.service, plan=plan.name)
        return True


class PlanBodyLimited:
    """View mixin: a POST / PUT / PATCH body above the plan's `max_body_bytes` is 413, from Content-Length before the
    body is read (or while reading it when there is none), in both APIs; so is one that decodes to more
    (`Content-Encoding`). A method the view has no handler for is left to its 405, unread. A view with its own limit
    (uploads) sets `plan_body_limit = False`."""

    plan_body_limit = True

    def initial(self, request, *args, **kwargs):
        super().initial(request, *args, **kwargs)
        if (
            self.plan_body_limit
            and request.method in ("POST", "PUT", "PATCH")
            and hasattr(self, request.method.lower())
            and isinstance(request.auth, ApiKey)
        ):
            self.check_body_size(request)

    def check_body_size(self, request):
        limit = request.auth.tenant.plan.max_body_bytes
        length = request.META.get("CONTENT_LENGTH")
        if length not in (None, ""):
            try:
                too_big = int(length) > limit
            except ValueError:
                too_big = False
            if too_big:
                raise PayloadTooLarge(f"The body is {int(length)} bytes; the plan allows {limit}.")
        else:
            body = request._request.read(limit + 1) if hasattr(request._request, "read") else b""
            if len(body) > limit:
                raise PayloadTooLarge(f"The body is larger than the {limit} bytes the plan allows.")
            request._request._body = body
        decode_content(request._request, limit)  # a gzip or deflate body: decoded within the same limit


class PlanRateLimited:
    """View mixin: the plan's requests per minute per API key (one budget for both APIs), counted
    atomically in Redis after authentication and permissions; `RateLimit-Policy` / `RateLimit` headers
    on every authenticated response, 429 with `Retry-After` when over."""

    @staticmethod
    def _bucket(key: ApiKey) -> str:
        return f"key:{key.key_hash[:24]}"

    def check_throttles(self, request):
        key = request.auth
        if not isinstance(key, ApiKey):
            return
        decision = ratelimit.hit(bucket=self._bucket(key), limit=key.tenant.plan.requests_per_minute)
        request._ratelimit = decision
        if not decision.allowed:
            raise RateLimited(
                f"Rate limit of {decision.limit} requests per minute exceeded; retry in {decision.reset} s.",
                headers={"Retry-After": str(decision.reset)},
            )

    def spend_more(self, request, n: int) -> int:
        """Count `n` more requests of this one (the further items of a bulk request): how many the budget had room
        for. The answer's `RateLimit` header shows the budget after them."""
        key = request.auth
        allowed, decision = ratelimit.spend(bucket=self._bucket(key), limit=key.tenant.plan.requests_per_minute, n=n)
        request._ratelimit = decision
        return allowed

    def finalize_response(self, request, response, *args, **kwargs):
        response = super().finalize_response(request, response, *args, **kwargs)
        decision = getattr(request, "_ratelimit", None)
        key = getattr(
            request, "_auth", None
        )  # what authentication stored; never start it here (outside error handling)
        if decision is None and isinstance(key, ApiKey):  # refused before it was counted (403): report, don't spend
            decision = ratelimit.peek(bucket=self._bucket(key), limit=key.tenant.plan.requests_per_minute)
        if decision is not None:
            for name, value in decision.headers().items():
                response[name] = value
        return response
