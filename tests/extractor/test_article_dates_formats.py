"""Shown dates in spellings the dev pages do not hold, through the API (POST, run, GET)
(extractor/pipeline/article/dates.py ``dates_in_text`` / ``_numeric_date``): a day, month name and year joined by
hyphens ("04-Mar-2025", "4-March-2025"); a numeric date with a space after each dot, as Czech and Slovak pages write
it ("4. 3. 2025", "04. 03. 2025"), read on those pages only. A two-digit year ("4-Mar-25") stays unread: its century is a guess."""

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


def test_a_hyphen_date_inside_a_code_is_no_date(xkey):
    """After review: "LOT-12-Jan-2024-B" is a batch code; the dateline after it dates the article."""
    assert published_at(xkey, "<p>Batch code LOT-12-Jan-2024-B</p><p>May 5, 2025</p>") == "2025-05-05"


def test_spaced_dots_are_read_on_czech_and_slovak_pages_only(xkey):
    """After review: "1. 2. 2025" alone on an English page (a score, a list) is no date."""
    assert published_at(xkey, "<p>Final score</p><p>1. 2. 2025</p>") is None


def test_a_hyphen_date_in_the_body_does_not_replace_the_articles_date(xkey):
    """After review: a deadline written "15-Apr-2025" below the text is not taken over the JSON-LD datePublished."""
    ld = '{"@type": "NewsArticle", "headline": "Pruning roses", "datePublished": "2025-06-01T10:00:00Z"}'
    html = (
        f'<html lang="en"><head><title>Pruning roses</title><script type="application/ld+json">{ld}</script></head>'
        f"<body><article><h1>Pruning roses</h1>{TEXT}<p>Deadline for entries: 15-Apr-2025.</p></article></body></html>"
    )
    body = {"type": "article", "content": html, "url": "https://example.com/roses"}
    assert extract_through_api(xkey, body)["data"].get("publishedAt") == "2025-06-01T10:00:00Z"
