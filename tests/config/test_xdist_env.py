"""`tests/xdist_env.py`: under pytest-xdist each worker process has its own Redis database and media folder."""

from __future__ import annotations

import os
import subprocess
import sys

import pytest
from django.conf import settings

from tests.repo_guard import ROOT
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


def test_a_run_that_reports_fewer_tests_than_it_collected_fails():
    """Tests sharing a node id (schemathesis gave its per-operation tests one): xdist runs one of them and says
    nothing; the controller (tests/conftest.py) counts the results and fails the run."""
    probe = "tests/config/xdist_duplicate_ids_probe.py"
    env = {k: v for k, v in os.environ.items() if not k.startswith("PYTEST_XDIST")}
    command = [sys.executable, "-m", "pytest", "-n", "1", "-p", "no:cacheprovider"]
    run = subprocess.run(
        [*command, "-p", "tests.config.xdist_duplicate_ids_probe", probe],
        cwd=ROOT,
        env=env,
        capture_output=True,
        text=True,
        timeout=120,
    )
    assert "collected 3 tests but 1 reported a result" in run.stdout, run.stdout[-2000:]
    assert run.returncode == 1
    whole = subprocess.run([*command, probe], cwd=ROOT, env=env, capture_output=True, text=True, timeout=120)
    assert "3 passed" in whole.stdout and whole.returncode == 0, whole.stdout[-2000:]
