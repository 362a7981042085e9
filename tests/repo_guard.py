"""Tests belong to the repository: a file opened by the test process outside the repository, the temporary
directory, the Python installation and the system's own folders is a failure.

An audit hook (PEP 578) sees every `open()` / `os.open()` of the pytest process — at import time, during
collection and in tests — so a test that reads the data folder beside the repository (which exists only in one
workspace) fails here, in every checkout, instead of only in a fresh clone elsewhere. The offending open raises
`OutsideRepository` (not an `OSError`, so no `except OSError` hides it) and every violation is listed again at
the end of the run, which then fails even if some code swallowed the exception.

`REPO_GUARD=off` disables it (e.g. to run a benchmark helper from the test tree); `REPO_GUARD=report` only lists.
"""

from __future__ import annotations

import os
import site
import sys
import sysconfig
import tempfile
import threading
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
# The system's own folders: libraries, certificates, locale data, /proc and /dev for process information.
SYSTEM = (
    "/usr",
    "/lib",
    "/lib64",
    "/bin",
    "/sbin",
    "/etc",
    "/proc",
    "/sys",
    "/dev",
    "/run",
    "/var/lib",
    "/opt",
    "/snap",
    "/nix",
)


class OutsideRepository(RuntimeError):
    pass


def _allowed_roots() -> tuple[str, ...]:
    roots = {str(ROOT), os.path.realpath(tempfile.gettempdir()), *SYSTEM}
    for prefix in (sys.prefix, sys.base_prefix, sys.exec_prefix, sys.base_exec_prefix):
        roots.add(os.path.realpath(prefix))
    for path in (*site.getsitepackages(), site.getusersitepackages(), *sysconfig.get_paths().values()):
        if path:
            roots.add(os.path.realpath(path))
    home = Path.home()
    # per-user caches and settings of the tools the suite runs (pip, hypothesis' database is under the repo)
    roots.update(os.path.realpath(home / name) for name in (".cache", ".config", ".local"))
    return tuple(sorted(roots))


class Guard:
    def __init__(self, mode: str):
        self.mode = mode
        self.roots = _allowed_roots()
        self.violations: list[str] = []
        self._local = threading.local()

    def allowed(self, path: str) -> bool:
        real = os.path.realpath(os.path.abspath(path))
        return any(real == root or real.startswith(root.rstrip("/") + "/") for root in self.roots)

    def __call__(self, event: str, args: tuple) -> None:
        if event != "open" or self.mode == "off" or getattr(self._local, "busy", False):
            return
        path = args[0] if args else None
        if isinstance(path, int) or path is None:  # an already open descriptor
            return
        self._local.busy = True
        try:
            path = os.fsdecode(path)
            if self.allowed(path):
                return
            message = f"opened outside the repository: {os.path.realpath(os.path.abspath(path))}"
            self.violations.append(message)
        finally:
            self._local.busy = False
        if self.mode == "fail":
            raise OutsideRepository(
                f"{message} (tests may read only files committed under {ROOT}; see tests/repo_guard.py)"
            )


_guard: Guard | None = None


def install() -> Guard:
    """Install once per process (audit hooks cannot be removed; `mode` can be changed)."""
    global _guard
    if _guard is None:
        _guard = Guard(os.environ.get("REPO_GUARD", "fail").lower())
        sys.addaudithook(_guard)
    return _guard
