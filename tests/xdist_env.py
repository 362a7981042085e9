"""Loaded first (`-p tests.xdist_env` in pyproject's addopts), before Django reads its settings: under pytest-xdist
each worker process gets its own Redis database and media folder, so two workers never consume each other's Celery
messages, rate-limit counters or cached results, and never write the same stored file. (pytest-django already gives
each worker its own PostgreSQL test database, `test_<name>_gw0`, `_gw1`, ….) Without xdist nothing changes.

The Redis database of worker `gwN` is REDIS_URL's database + N, modulo the 16 a default Redis server has."""

from __future__ import annotations

import os
import re
from pathlib import Path

_WORKER = os.environ.get("PYTEST_XDIST_WORKER", "")
BASE_REDIS_URL = os.environ.get("REDIS_URL", "")  # as the run was given it, before a worker's own is set


def worker_index(worker: str) -> int | None:
    """`gw3` -> 3; None when not an xdist worker."""
    found = re.fullmatch(r"gw(\d+)", worker)
    return int(found.group(1)) if found else None


def redis_url_for(url: str, index: int) -> str:
    """REDIS_URL with its database number moved on by ``index`` (``redis://h:6379/14`` -> ``.../15``, then ``/0``)."""
    found = re.fullmatch(r"(rediss?://[^/?#]+)(?:/(\d*))?(.*)", url)
    if not found or not index:
        return url
    base = int(found.group(2) or 0)
    return f"{found.group(1)}/{(base + index) % 16}{found.group(3)}"


def _isolate(index: int) -> None:
    if os.environ.get("REDIS_URL"):
        os.environ["REDIS_URL"] = redis_url_for(os.environ["REDIS_URL"], index)
    var_dir = Path(os.environ.get("VAR_DIR") or Path(__file__).resolve().parent.parent / "var")
    os.environ.setdefault("MEDIA_ROOT", str(var_dir / f"media-gw{index}"))


if worker_index(_WORKER) is not None:
    _isolate(worker_index(_WORKER))
