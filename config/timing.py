"""Per-request timing: database time (a query wrapper) and external time (storage, broker, network)."""

from __future__ import annotations

import contextvars
import time
from contextlib import contextmanager
from dataclasses import dataclass

from django.db import connections


@dataclass
class Timing:
    started: float
    db: float = 0.0
    external: float = 0.0
    queries: int = 0

    def as_dict(self) -> dict:
        return {
            "totalMs": int((time.perf_counter() - self.started) * 1000),
            "dbMs": int(self.db * 1000),
            "externalMs": int(self.external * 1000),
        }


_current: contextvars.ContextVar[Timing | None] = contextvars.ContextVar("timing", default=None)


def _db_wrapper(execute, sql, params, many, context):
    timing = _current.get()
    start = time.perf_counter()
    try:
        return execute(sql, params, many, context)
    finally:
        if timing is not None:
            timing.db += time.perf_counter() - start
            timing.queries += 1


@contextmanager
def measure(started: float | None = None):
    """Measure the block: every query on the default connection and every `external()` step."""
    timing = Timing(started=started or time.perf_counter())
    token = _current.set(timing)
    try:
        with connections["default"].execute_wrapper(_db_wrapper):
            yield timing
    finally:
        _current.reset(token)


@contextmanager
def external():
    """Mark a call to storage, the broker or the network."""
    timing = _current.get()
    start = time.perf_counter()
    try:
        yield
    finally:
        if timing is not None:
            timing.external += time.perf_counter() - start
