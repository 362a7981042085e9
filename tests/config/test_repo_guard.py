"""The guard that keeps tests inside the repository (tests/repo_guard.py) is on in this very run."""

from __future__ import annotations

import os
import subprocess
import sys

import pytest

from tests import repo_guard


@pytest.fixture
def guard(request):
    guard = request.config._repo_guard
    before = list(guard.violations)
    yield guard
    guard.violations[:] = before  # the probes below are deliberate: they must not fail the session


def test_opening_a_file_outside_the_repository_fails(guard):
    assert guard.mode == "fail" or pytest.skip(f"REPO_GUARD={guard.mode}")
    outside = repo_guard.ROOT.parent / "shared" / "data" / "webpages-dev" / "0001.html"
    if guard.allowed(str(outside)):  # a checkout that sits in an allowed folder (e.g. a clone under /tmp)
        outside = "/repo-guard-probe/shared/data/0001.html"
    with pytest.raises(repo_guard.OutsideRepository, match="outside the repository"), open(outside, "rb"):
        pass
    with pytest.raises(repo_guard.OutsideRepository):
        os.open(str(outside), 0)
    assert len(guard.violations) >= 2


def test_the_repository_the_temporary_folder_and_python_are_allowed(guard, tmp_path):
    (tmp_path / "scratch.txt").write_text("ok")
    assert (tmp_path / "scratch.txt").read_text() == "ok"
    with open(repo_guard.ROOT / "pyproject.toml", "rb") as handle:
        assert handle.read(9) == b"[build-sy"
    with open(pytest.__file__, "rb") as handle:
        assert handle.read(1)
    assert guard.allowed(str(repo_guard.ROOT / "tests" / "fixtures")) and not guard.allowed("/repo-guard-probe/x")


def test_a_violation_in_an_xdist_worker_fails_the_whole_run(tmp_path):
    """Under pytest-xdist (`make test` runs two workers) a violation is recorded in the worker; the controller lists
    it and fails the run even when the test swallowed the guard's exception."""
    probe = "/repo-guard-probe/shared/data/0001.html"
    env = {**os.environ, "REPO_GUARD": "fail", "REPO_GUARD_PROBE_PATH": probe}
    env.pop("PYTEST_XDIST_WORKER", None)
    run = subprocess.run(
        [sys.executable, "-m", "pytest", "-n", "1", "-p", "no:cacheprovider", "tests/config/repo_guard_probe.py"],
        cwd=repo_guard.ROOT,
        env=env,
        capture_output=True,
        text=True,
        timeout=120,
    )
    assert "1 passed" in run.stdout, run.stdout[-2000:]
    assert run.returncode == 1, run.stdout[-2000:]
    assert f"opened outside the repository: {probe}" in run.stdout
