"""Not collected by the suite (no `test_` prefix): `test_repo_guard.py` runs it in a pytest of its own, under
pytest-xdist, to check that a worker's violation reaches the controller and fails the run."""

from __future__ import annotations

import os


def test_swallows_an_open_outside_the_repository():
    try:
        with open(os.environ["REPO_GUARD_PROBE_PATH"], "rb"):
            pass
    except BaseException:  # noqa: BLE001, S110 - code that hides the guard's exception; the run must fail anyway
        pass
