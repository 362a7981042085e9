"""Shown dates in spellings the dev pages do not hold, through the API (POST, run, GET)
(extractor/pipeline/article/dates.py ``dates_in_text`` / ``_numeric_date``): a day, month name and year joined by
hyphens ("04-Mar-2025", "4-March-2025"); a numeric date with a space after each dot, as Czech, Slovak and Hungarian
pages write it ("4. 3. 2025", "04. 03. 2025"). A two-digit year ("4-Mar-25") stays unread: its century is a guess."""

from __future__ import annotations

import pytest

from tests.helpers import extract_through_api

pytestmark = pytest.mark.django_db

TEXT = "".join(
    f"<p>Paragraph {i} of the article explains when and how to prune roses, which tools to use, and what to do with "
    "the cut stems so that the plant grows back strong in spring.</p>"
    for i in range(1, 6)
)


def published_at(xkey, line: str, lang: str = "en") -> str | None:
    html = (
        f'<html lang="{lang}"><head><title>Pruning roses</title></head><body><nav><p>Menu</p></nav>'
        f"<article><h1>Pruning roses</h1>{line}{TEXT}</article></body></html>"
    )
    body = {"type": "article", "content": html, "url": "https://example.com/roses"}
    return extract_through_api(xkey, body)["data"].get("publishedAt")


@pytest.mark.parametrize(
    ("line", "lang"),
    [
        ("<p>04-Mar-2025</p>", "en"),
        ("<p>Posted: 4-March-2025</p>", "en"),
        ("<p>Last updated 04-MAR-2025 10:15 IST</p>", "en-IN"),
        ("<p>4. 3. 2025</p>", "cs"),
        ("<p>Publikováno: 04. 03. 2025</p>", "cs"),
        ("<p>4. 3. 2025 10:15</p>", "sk"),
    ],
)
def test_the_date_is_read(xkey, line, lang):
    assert published_at(xkey, line, lang) == "2025-03-04"


@pytest.mark.parametrize("line", ["<p>4-Mar-25</p>", "<p>Chapter 4. 3. 2025 figures</p>", "<p>Room 4-Mar-2025x</p>"])
def test_no_date_is_guessed(xkey, line):
    assert published_at(xkey, line) is None
