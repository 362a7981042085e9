"""Which Studio backend runs a job: `local` (in the worker) or `http` (a remote GPU service).

The contract lives in `base.py` and knows no backend; each backend imports the contract; only this module knows them
all (no import cycle)."""

from __future__ import annotations

from workflows.studio.base import StudioBackend
from workflows.studio.http import HttpStudio
from workflows.studio.local import LocalStudio
from workflows.studio.settings import studio_setting


def get_backend(name: str | None = None) -> StudioBackend:
    """The backend named `name`, or the configured one (`STUDIO_BACKEND`: local | http)."""
    name = name or studio_setting("STUDIO_BACKEND")
    if name == "local":
        return LocalStudio()
    if name == "http":
        return HttpStudio.from_settings()
    raise ValueError(f"STUDIO_BACKEND must be 'local' or 'http', not {name!r}")
