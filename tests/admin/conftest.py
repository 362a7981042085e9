"""A real headless Chromium driving the staff console on a live server (pytest-django's `live_server`).

Chromium comes from Debian (`apt-get install chromium chromium-driver`, what `.ci/run` does); Playwright's Python
package drives it (never `playwright install`: no browser is downloaded). Without either, these tests skip and say why
(CI sets REQUIRE_BROWSER=1: there they fail instead).
`ADMIN_SCREENSHOTS=docs/screenshots` keeps the screenshots the tests take (1400 px wide) in that folder."""

from __future__ import annotations

import os
from pathlib import Path

import pytest
from django.conf import settings
from django.contrib.auth import get_user_model
from django.test import Client

from bench.browser import CHROMIUM, VIEWPORT, launch


def _skip_reason() -> str | None:
    try:
        import playwright.sync_api  # noqa: F401 -- only whether it imports
    except ImportError:
        return "playwright is not installed (pip install -e '.[dev]')"
    if not (os.path.isfile(CHROMIUM) and os.access(CHROMIUM, os.X_OK)):
        return f"no Chromium at {CHROMIUM} (apt-get install -y chromium chromium-driver, or set CHROMIUM_PATH)"
    return None


SKIP_REASON = _skip_reason()


@pytest.fixture(scope="module")
def chromium():
    if SKIP_REASON:
        if os.environ.get("REQUIRE_BROWSER"):
            pytest.fail(f"REQUIRE_BROWSER is set but {SKIP_REASON}")
        pytest.skip(SKIP_REASON)
    from playwright.sync_api import sync_playwright

    # Playwright's sync API keeps an event loop in this thread; Django refuses ORM calls there unless told that the
    # calls are synchronous anyway (they are: the loop only drives the browser). Set for this module's tests only.
    previous = os.environ.get("DJANGO_ALLOW_ASYNC_UNSAFE")
    os.environ["DJANGO_ALLOW_ASYNC_UNSAFE"] = "true"
    try:
        with sync_playwright() as playwright:
            browser = launch(playwright)
            yield browser
            browser.close()
    finally:
        if previous is None:
            os.environ.pop("DJANGO_ALLOW_ASYNC_UNSAFE", None)
        else:
            os.environ["DJANGO_ALLOW_ASYNC_UNSAFE"] = previous


@pytest.fixture
def staff_user(transactional_db):
    return get_user_model().objects.create_superuser("ops", "ops@example.com", "a-long-staff-password")


@pytest.fixture
def admin_page(chromium, live_server, staff_user):
    """A 1400 px page logged in as a superuser (session cookie of a real login through Django's auth)."""
    client = Client()
    client.force_login(staff_user)
    context = chromium.new_context(viewport=VIEWPORT, base_url=live_server.url)
    context.add_cookies(
        [
            {
                "name": settings.SESSION_COOKIE_NAME,
                "value": client.cookies[settings.SESSION_COOKIE_NAME].value,
                "url": live_server.url,
            }
        ]
    )
    context.set_default_timeout(15_000)
    page = context.new_page()
    yield page
    context.close()


@pytest.fixture
def shoot(tmp_path):
    """`shoot(page, "name")` saves a full-page PNG (into $ADMIN_SCREENSHOTS when set) and returns its path."""
    kept = os.environ.get("ADMIN_SCREENSHOTS")
    folder = Path(kept or tmp_path)
    folder.mkdir(parents=True, exist_ok=True)

    def take(page, name: str) -> Path:
        path = folder / f"{name}.png"
        page.screenshot(path=str(path), full_page=True)
        if kept:  # committed ones: 256 colours are plenty for an admin page and a third of the size
            from PIL import Image

            Image.open(path).convert("RGB").quantize(colors=256).save(path, optimize=True)
        return path

    return take
