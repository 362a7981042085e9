"""The headless Chromium both the admin tests (`tests/admin/conftest.py`) and `make bench-admin`'s screenshots drive:
Debian's binary (never a downloaded one) under Playwright, with the same flags and viewport."""

from __future__ import annotations

import os
import shutil

CHROMIUM = os.environ.get("CHROMIUM_PATH") or shutil.which("chromium") or "/usr/bin/chromium"
CHROMIUM_ARGS = [
    "--headless",
    "--no-sandbox",
    "--disable-gpu",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--no-first-run",
]
VIEWPORT = {"width": 1400, "height": 900}


def launch(playwright):
    """A browser on Debian's Chromium with the flags above (`playwright` is the object `sync_playwright()` yields)."""
    return playwright.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS)
