"""Studio settings: Django settings first (tests override them), else the environment, else a default.

(`config/settings.py` is shared; these stay here until they are moved there.)
"""
from __future__ import annotations

from django.conf import settings

from config.env import env_str

_DEFAULTS: dict[str, object] = {
    "STUDIO_BACKEND": ("str", "local"),
    "STUDIO_URL": ("str", ""),
    "STUDIO_TOKEN": ("str", ""),
    "STUDIO_CONNECT_TIMEOUT": ("float", 3.0),
    "STUDIO_READ_TIMEOUT": ("float", 10.0),
    "STUDIO_RETRIES": ("int", 2),  # extra attempts per call on connection errors / 5xx
    "STUDIO_RETRY_BACKOFF": ("float", 0.5),
    "STUDIO_POLL_INTERVAL": ("int", 5),
    "STUDIO_MAX_POLL_FAILURES": ("int", 10),
    "STUDIO_DEFAULT_TIMEOUT": ("int", 600),
}


def studio_setting(name: str):
    kind, default = _DEFAULTS[name]
    if hasattr(settings, name):
        return getattr(settings, name)
    raw = env_str(name, "")
    if raw == "":
        return default
    return {"str": str, "int": int, "float": float}[kind](raw)


def studio_int(name: str) -> int:
    return int(studio_setting(name))

