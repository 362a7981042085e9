"""`tests/xdist_env.py`: under pytest-xdist each worker process has its own Redis database and media folder."""

from __future__ import annotations

import os

import pytest
from django.conf import settings

from tests.xdist_env import BASE_REDIS_URL, redis_url_for, worker_index


@pytest.mark.parametrize(
    ("url", "index", "expected"),
    [
        ("redis://127.0.0.1:6379/14", 0, "redis://127.0.0.1:6379/14"),
        ("redis://127.0.0.1:6379/14", 1, "redis://127.0.0.1:6379/15"),
        ("redis://127.0.0.1:6379/15", 1, "redis://127.0.0.1:6379/0"),  # a default server has 16 databases
        ("redis://127.0.0.1:6379", 2, "redis://127.0.0.1:6379/2"),
        (
            "redis://:secret@cache.internal:6380/3?socket_timeout=5",
            1,
            "redis://:secret@cache.internal:6380/4?socket_timeout=5",
        ),
        ("rediss://cache.internal/7", 1, "rediss://cache.internal/8"),
        ("memory://", 1, "memory://"),  # not Redis: left alone
    ],
)
def test_each_worker_gets_the_next_redis_database(url, index, expected):
    assert redis_url_for(url, index) == expected


def test_worker_names():
    assert worker_index("gw0") == 0 and worker_index("gw12") == 12
    assert worker_index("") is None and worker_index("master") is None


def test_this_process_uses_its_workers_database_and_media():
    index = worker_index(os.environ.get("PYTEST_XDIST_WORKER", ""))
    if index is None:
        pytest.skip("not running under pytest-xdist")
    assert settings.MEDIA_ROOT.endswith(f"media-gw{index}")
    assert redis_url_for(BASE_REDIS_URL, index) == settings.REDIS_URL
