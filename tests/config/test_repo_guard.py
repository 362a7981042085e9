"""The guard that keeps tests inside the repository (tests/repo_guard.py) is on in this very run."""

from __future__ import annotations

import os

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
