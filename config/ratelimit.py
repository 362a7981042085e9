"""Per-key rate limiting: a fixed one-minute window counted atomically in Redis (one Lua script),
with an in-process fallback when no Redis is configured."""
from __future__ import annotations

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


def _hit_local(key: str) -> tuple[int, int]:
    now = time.time()
    with _local_lock:
        count, expires = _local_counts.get(key, (0, now + WINDOW_SECONDS))
        if expires <= now:
            count, expires = 0, now + WINDOW_SECONDS
        count += 1
        _local_counts[key] = (count, expires)
        return count, max(1, int(expires - now))


def hit(*, bucket: str, limit: int) -> Decision:
    """Count one request against `bucket`; a Redis outage fails open (logged by the caller's metrics)."""
    window = int(time.time() // WINDOW_SECONDS)
    key = f"rl:{bucket}:{window}"
    if settings.REDIS_URL:
        try:
            count, ttl = _redis_script()(keys=[key], args=[WINDOW_SECONDS + 1])
            ttl = max(1, int(ttl))
        except Exception:  # noqa: BLE001 - an unavailable counter must not take the API down
            count, ttl = _hit_local(key)
    else:
        count, ttl = _hit_local(key)
    count = int(count)
    return Decision(allowed=count <= limit, limit=limit, remaining=max(0, limit - count), reset=ttl)
