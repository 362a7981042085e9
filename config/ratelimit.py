"""Per-key rate limiting: a fixed one-minute window counted atomically in Redis (one Lua script),
with an in-process fallback when no Redis is configured."""
from __future__ import annotations

import math
import threading
import time
from dataclasses import dataclass
from functools import lru_cache

from django.conf import settings

WINDOW_SECONDS = 60

# INCR the window's counter and set its expiry in one atomic step; returns (count, ttl).
_LUA = """
local count = redis.call('INCR', KEYS[1])
if count == 1 then redis.call('EXPIRE', KEYS[1], ARGV[1]) end
local ttl = redis.call('TTL', KEYS[1])
return {count, ttl}
"""


@dataclass(frozen=True)
class Decision:
    allowed: bool
    limit: int
    remaining: int
    reset: int  # seconds until the window resets

    def headers(self) -> dict[str, str]:
        return {
            "RateLimit-Policy": f'"per-key";q={self.limit};w={WINDOW_SECONDS}',
            "RateLimit": f'"per-key";r={self.remaining};t={self.reset}',
        }


@lru_cache(maxsize=1)
def _redis_script():
    import redis

    client = redis.Redis.from_url(settings.REDIS_URL, socket_timeout=1, socket_connect_timeout=1)
    return client.register_script(_LUA)


_local_lock = threading.Lock()
_local_counts: dict[str, tuple[int, float]] = {}


def _hit_local(key: str, now: float) -> int:
    with _local_lock:
        if key not in _local_counts:  # a new window: forget the ones that are over
            for stale in [k for k, (_, expires) in _local_counts.items() if expires <= now]:
                del _local_counts[stale]
        count, expires = _local_counts.get(key, (0, now + WINDOW_SECONDS))
        _local_counts[key] = (count + 1, expires)
        return count + 1


def _window_key(bucket: str, now: float) -> tuple[str, int]:
    """The counter key of the clock-aligned window `now` falls in, and the seconds left in that window."""
    window = int(now // WINDOW_SECONDS)
    return f"rl:{bucket}:{window}", max(1, math.ceil((window + 1) * WINDOW_SECONDS - now))


def hit(*, bucket: str, limit: int) -> Decision:
    """Count one request against `bucket`; a Redis outage fails open (logged by the caller's metrics)."""
    now = time.time()
    key, reset = _window_key(bucket, now)
    if settings.REDIS_URL:
        try:
            count, _ttl = _redis_script()(keys=[key], args=[WINDOW_SECONDS + 1])  # the TTL only cleans up
        except Exception:  # noqa: BLE001 - an unavailable counter must not take the API down
            count = _hit_local(key, now)
    else:
        count = _hit_local(key, now)
    count = int(count)
    return Decision(allowed=count <= limit, limit=limit, remaining=max(0, limit - count), reset=reset)


def peek(*, bucket: str, limit: int) -> Decision:
    """The budget left without spending any: for answers given before the request was counted (403s)."""
    key, reset = _window_key(bucket, time.time())
    count = 0
    if settings.REDIS_URL:
        try:
            count = int(_redis_script().registered_client.get(key) or 0)
        except Exception:  # noqa: BLE001 - headers are advisory; never fail the answer for them
            count = 0
    else:
        with _local_lock:
            count = _local_counts.get(key, (0, 0.0))[0]
    return Decision(allowed=count < limit, limit=limit, remaining=max(0, limit - count), reset=reset)
