"""Per-key rate limiting over a sliding 60-second window: a request is allowed when fewer than `limit` requests were
allowed in the 60 seconds before it, so no 60-second span ever lets more than `limit` through (a fixed, clock-aligned
window let 2 × limit through across its boundary). Kept in Redis as one sorted set of accepted request times per key,
updated atomically by one Lua script on Redis' own clock (every web machine agrees); without Redis, or while Redis
is not answering (`config.breaker`), counted per process.

Headers (IETF draft): `RateLimit-Policy: "per-key";q=<limit>;w=60` and `RateLimit: "per-key";r=<remaining>;t=<s>`,
where `t` is the number of seconds until the oldest counted request leaves the window (when one more is allowed
again); `Retry-After` on a 429 is the same number.
"""

from __future__ import annotations

import math
import secrets
import threading
import time
from collections import deque
from dataclasses import dataclass
from functools import lru_cache

from django.conf import settings

from config.breaker import REDIS

WINDOW_SECONDS = 60

# KEYS[1]: the key's sorted set. ARGV: window (ms), limit, member prefix (empty: only look), how many to count.
# Returns {allowed, count, age_ms}: how many were counted (at most the room left), the count after, and how long ago
# the oldest counted request was accepted (-1 when none is counted).
_LUA = """
local t = redis.call('TIME')
local now = tonumber(t[1]) * 1000 + math.floor(tonumber(t[2]) / 1000)
local window = tonumber(ARGV[1])
redis.call('ZREMRANGEBYSCORE', KEYS[1], '-inf', now - window)
local count = redis.call('ZCARD', KEYS[1])
local allowed = 0
if ARGV[3] ~= '' then
  allowed = math.max(0, math.min(tonumber(ARGV[4]), tonumber(ARGV[2]) - count))
  for i = 1, allowed do
    redis.call('ZADD', KEYS[1], now, ARGV[3] .. ':' .. i)
  end
  if allowed > 0 then
    redis.call('PEXPIRE', KEYS[1], window)
    count = count + allowed
  end
end
local oldest = redis.call('ZRANGE', KEYS[1], 0, 0, 'WITHSCORES')
local age = -1
if oldest[2] then age = now - tonumber(oldest[2]) end
return {allowed, count, age}
"""


@dataclass(frozen=True)
class Decision:
    allowed: bool
    limit: int
    remaining: int
    reset: int  # seconds until the oldest counted request leaves the window

    def headers(self) -> dict[str, str]:
        return {
            "RateLimit-Policy": f'"per-key";q={self.limit};w={WINDOW_SECONDS}',
            "RateLimit": f'"per-key";r={self.remaining};t={self.reset}',
        }


def _decision(allowed: bool, limit: int, count: int, oldest_age: float | None) -> Decision:
    if oldest_age is None:  # nothing counted: the budget is whole now, unless there is none (a plan of 0 a minute)
        reset = WINDOW_SECONDS if limit <= 0 else 0
    else:
        reset = max(1, math.ceil(WINDOW_SECONDS - oldest_age))
    return Decision(allowed=allowed, limit=limit, remaining=max(0, limit - count), reset=reset)


@lru_cache(maxsize=1)
def _redis_script():
    import redis

    client = redis.Redis.from_url(
        settings.REDIS_URL,
        socket_timeout=settings.BROKER_READ_TIMEOUT,
        socket_connect_timeout=settings.BROKER_CONNECT_TIMEOUT,
    )
    return client.register_script(_LUA)


_local_lock = threading.Lock()
_local: dict[str, deque] = {}


def _local_count(key: str, limit: int, *, spend: int, window: int) -> tuple[int, int, float | None]:
    now = time.time()
    with _local_lock:
        times = _local.setdefault(key, deque())
        while times and times[0] <= now - window:
            times.popleft()
        allowed = max(0, min(spend, limit - len(times)))
        times.extend([now] * allowed)
        count = len(times)
        oldest = now - times[0] if times else None
        if not times:
            del _local[key]
        return allowed, count, oldest


def _count(bucket: str, limit: int, *, spend: int, window: int = WINDOW_SECONDS) -> tuple[int, int, float | None]:
    """Count up to `spend` requests (as many as the window has room for): (how many were counted, the count after,
    the age of the oldest counted one)."""
    key = f"rl2:{bucket}"
    if settings.REDIS_URL and REDIS.allow():
        member = f"{time.time_ns()}-{secrets.token_hex(4)}" if spend else ""
        try:
            allowed, count, age_ms = _redis_script()(keys=[key], args=[window * 1000, limit, member, spend])
        except Exception as exc:  # noqa: BLE001 - an unavailable counter must not take the API down
            REDIS.failed(exc)
        else:
            REDIS.succeeded()
            return int(allowed), int(count), None if int(age_ms) < 0 else int(age_ms) / 1000
    return _local_count(key, limit, spend=spend, window=window)


def hit(*, bucket: str, limit: int) -> Decision:
    """Count one request against `bucket` when it is allowed (a refused one spends nothing)."""
    return spend(bucket=bucket, limit=limit, n=1)[1]


def spend(*, bucket: str, limit: int, n: int) -> tuple[int, Decision]:
    """Count up to `n` more requests (the items of a bulk request): how many the window had room for, and the budget
    after them (`allowed` false when some were refused)."""
    if n <= 0:
        return 0, peek(bucket=bucket, limit=limit)
    allowed, count, oldest = _count(bucket, limit, spend=n)
    return allowed, _decision(allowed == n, limit, count, oldest)


def peek(*, bucket: str, limit: int) -> Decision:
    """The budget left without spending any: for answers given before the request was counted (403s)."""
    _, count, oldest = _count(bucket, limit, spend=0)
    return _decision(count < limit, limit, count, oldest)


# --- the admin's login form -----------------------------------------------------------------------------------------

LOGIN_FAILURES = 10  # per client address and per user name
LOGIN_WINDOW_SECONDS = 300


class AdminLoginThrottleMiddleware:
    """At most LOGIN_FAILURES failed logins per LOGIN_WINDOW_SECONDS from one address, and for one user name (a
    password guessed from many addresses); beyond that, attempts are answered 429 with `Retry-After` before Django
    checks the password. Successful logins cost nothing."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        if request.method != "POST" or request.path != self.login_path():
            return self.get_response(request)
        from django.http import HttpResponse, UnreadablePostError

        try:
            buckets = self.buckets(request)  # reads the form
        except UnreadablePostError as exc:  # a body that stalled (408) or broke (400): Django would answer 500
            from config.api import timed_out

            status, message = (408, "did not arrive in time") if timed_out(exc) else (400, "could not be read")
            return HttpResponse(
                f"The request body {message}.\n", status=status, content_type="text/plain; charset=utf-8"
            )
        wait = 0
        for bucket in buckets:
            _, count, oldest = _count(bucket, LOGIN_FAILURES, spend=0, window=LOGIN_WINDOW_SECONDS)
            if count >= LOGIN_FAILURES:
                wait = max(wait, max(1, math.ceil(LOGIN_WINDOW_SECONDS - (oldest or 0))))
        if wait:
            response = HttpResponse(
                f"Too many failed logins. Try again in {wait} seconds.\n",
                status=429,
                content_type="text/plain; charset=utf-8",
            )
            response["Retry-After"] = str(wait)
            return response
        response = self.get_response(request)
        if response.status_code == 200:  # the form again, with an error: a failed attempt (success redirects)
            for bucket in buckets:
                _count(bucket, LOGIN_FAILURES, spend=1, window=LOGIN_WINDOW_SECONDS)
        return response

    @staticmethod
    def login_path() -> str:
        from django.urls import reverse

        return reverse("admin:login")

    @staticmethod
    def buckets(request) -> list[str]:
        import hashlib

        username = request.POST.get("username", "")[:150].strip().lower()
        buckets = [f"login-ip:{request.META.get('REMOTE_ADDR', '')}"]
        if username:
            buckets.append("login-user:" + hashlib.sha256(username.encode()).hexdigest()[:24])
        return buckets
