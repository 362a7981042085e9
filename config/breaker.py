"""Redis on the request path, bounded: short socket timeouts (settings) and, per process, a circuit breaker.

After one failed or timed-out call to Redis (the broker, the rate-limit counters, the digest memo), calls to it are
skipped for `COOLDOWN_SECONDS`: a broker that accepts connections but never answers costs one request
per process a second or two, and every later one nothing. What is skipped is safe to skip: a job's message is sent
later by the sweeper (its row is in PostgreSQL), rate limits fall back to per-process counting, the digest memo is
recomputed.
"""

from __future__ import annotations

import logging
import threading
import time

from celery import Celery
from django.core.cache.backends.base import DEFAULT_TIMEOUT
from django.core.cache.backends.redis import RedisCache, RedisCacheClient
from kombu.exceptions import OperationalError
from kombu.transport import redis as kombu_redis

log = logging.getLogger(__name__)

COOLDOWN_SECONDS = 15.0


class Breaker:
    def __init__(self, name: str, cooldown: float = COOLDOWN_SECONDS):
        self.name = name
        self.cooldown = cooldown
        self._open_until = 0.0
        self._lock = threading.Lock()

    def allow(self) -> bool:
        return time.monotonic() >= self._open_until

    def failed(self, exc: BaseException | None = None) -> None:
        with self._lock:
            if self.allow():
                log.warning(
                    "%s not answering; skipping it for %.0f s",
                    self.name,
                    self.cooldown,
                    extra={"error": f"{type(exc).__name__}: {exc}" if exc else ""},
                )
            self._open_until = time.monotonic() + self.cooldown

    def succeeded(self) -> None:
        self._open_until = 0.0


# The broker is REDIS_URL's server (settings): one breaker for the broker, the counters and the cache.
REDIS = BROKER = Breaker("redis")


class GuardedCelery(Celery):
    """Publishing skips a broker that just failed (raising OperationalError, which the sender already handles)."""

    def send_task(self, *args, **kwargs):
        if not BROKER.allow():
            raise OperationalError("broker skipped: it did not answer moments ago")
        try:
            result = super().send_task(*args, **kwargs)
        except Exception as exc:
            BROKER.failed(exc)
            raise
        BROKER.succeeded()
        return result


class _ReusedClientChannel(kombu_redis.Channel):
    """kombu's Redis channel builds a new `redis.Redis` (≈ 170 response callbacks set up) for every publish and for
    the worker's bookkeeping of each message (the unacked index when it is received, the ack), over the channel's
    connection pool: ≈ 0.2 ms of CPU each. Here one is built per pool and reused (a new pool, after a fork or a lost
    connection, gets a new one)."""

    _sync_client = None

    def _create_client(self, asynchronous=False):
        if asynchronous:  # BRPOP's and pub/sub's clients: kombu keeps those already
            return super()._create_client(asynchronous=True)
        client = self._sync_client
        if client is None or client.connection_pool is not self.pool:
            client = self._sync_client = super()._create_client()
        return client


class RedisTransport(kombu_redis.Transport):
    """kombu's Redis transport with `_ReusedClientChannel` (settings.CELERY_BROKER_TRANSPORT for redis:// brokers)."""

    Channel = _ReusedClientChannel


class _ReusedClientRedisCacheClient(RedisCacheClient):
    """Django's client builds a new `redis.Redis` (≈ 250 response callbacks set up) on every call, over a shared
    connection pool; here each pool gets one, built once (a `redis.Redis` is safe to share between threads)."""

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self._clients = {}

    def get_client(self, key=None, *, write=False):
        index = self._get_connection_pool_index(write)
        client = self._clients.get(index)
        if client is None:
            client = self._clients[index] = self._client(connection_pool=self._get_connection_pool(write))
        return client


class GuardedRedisCache(RedisCache):
    """Django's Redis cache, skipped (a miss; writes dropped) while Redis is not answering."""

    def __init__(self, server, params):
        super().__init__(server, params)
        self._class = _ReusedClientRedisCacheClient

    @staticmethod
    def _guarded(skipped, call, *args):
        if not REDIS.allow():
            return skipped
        try:
            return call(*args)
        except Exception as exc:
            REDIS.failed(exc)
            raise

    def get(self, key, default=None, version=None):
        return self._guarded(default, super().get, key, default, version)

    def set(self, key, value, timeout=DEFAULT_TIMEOUT, version=None):
        self._guarded(None, super().set, key, value, timeout, version)

    def get_many(self, keys, version=None):
        return self._guarded({}, super().get_many, keys, version)

    def set_many(self, data, timeout=DEFAULT_TIMEOUT, version=None):
        return self._guarded(list(data), super().set_many, data, timeout, version)
