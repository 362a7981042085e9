"""Studio settings (defined, with their environment variables, in `config/settings.py`)."""

from __future__ import annotations

from django.conf import settings


def studio_setting(name: str):
    return getattr(settings, name)


def studio_int(name: str) -> int:
    return int(studio_setting(name))
