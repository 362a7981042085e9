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
from kombu.exceptions import BatchPublishError, OperationalError
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

    def create_publish_batch(self, max_size):
        return _PerMessagePublishBatch(self, max_size)


class _PerMessagePublishBatch(kombu_redis.PublishBatch):
    """kombu's publish batch (the messages' commands in one pipeline: one round trip) that tells each message's fate.

    kombu's own raises for the whole batch when any reply is an error ("delivery is uncertain"). Here the pipeline
    runs without raising on a command's error reply, and `taken` says, per message in publish order, whether Redis
    took every command of it. A failure of the pipeline itself (connection lost, timeout) still raises: nothing of
    that flush is known to have been taken."""

    def __init__(self, channel, max_size):
        super().__init__(channel, max_size)
        self.taken: list[bool] = []
        self._owners: list[int] = []  # per command added, in pipeline order: the index of its message
        self._executed = 0  # commands run by earlier flushes

    def publish(self, message, **kwargs):
        self.taken.append(False)
        return super().publish(message, **kwargs)

    def add(self, name, *args):
        super().add(name, *args)
        self._owners.append(len(self.taken) - 1)

    def flush(self):
        self._check_usable()
        if not self._buffered:
            return
        try:
            replies = self.pipeline.execute(raise_on_error=False)
        except BaseException as exc:
            self._failed = exc
            self._buffered = 0
            self.pipeline.reset()
            if isinstance(exc, Exception):
                raise BatchPublishError("Redis publish batch failed; delivery is uncertain") from exc
            raise
        self._buffered = 0
        owners = self._owners[self._executed : self._executed + len(replies)]
        self._executed += len(replies)
        taken: dict[int, bool] = {}
        for owner, reply in zip(owners, replies, strict=True):
            taken[owner] = taken.get(owner, True) and not isinstance(reply, Exception)
        for owner, ok in taken.items():
            self.taken[owner] = ok


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
