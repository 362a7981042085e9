"""A publication time given as a Unix time (seconds or milliseconds, as some CMSs write it in a ``<meta>``, a
``<time datetime>`` or JSON-LD), through the API (POST, run, GET) (extractor/pipeline/article/dates.py ``iso_date``):
the UTC time it names ("1741082400" is 2025-03-04T10:00:00Z; before, no date). Ten digits opening with 1 (2001-09-09
to 2033-05-18) or thirteen, so that a compact date ("2025030410": 4 March 2025, as before) or another number is not
read as one."""

from __future__ import annotations

import json

import pytest

from tests.helpers import extract_through_api

pytestmark = pytest.mark.django_db

TEXT = "".join(
    f"<p>Paragraph {i} of the article explains when and how to prune roses, which tools to use, and what to do with "
    "the cut stems so that the plant grows back strong in spring.</p>"
    for i in range(1, 6)
)


def published_at(xkey, head: str = "", shown: str = "") -> str | None:
    html = (
        f'<html lang="en"><head><title>Pruning roses</title>{head}</head><body><article><h1>Pruning roses</h1>'
        f"{shown}{TEXT}</article></body></html>"
    )
    body = {"type": "article", "content": html, "url": "https://example.com/roses"}
    return extract_through_api(xkey, body)["data"].get("publishedAt")


def _ld(date) -> str:
    node = {
        "@context": "https://schema.org",
        "@type": "BlogPosting",
        "headline": "Pruning roses",
        "datePublished": date,
    }
    return f'<script type="application/ld+json">{json.dumps(node)}</script>'


@pytest.mark.parametrize(
    ("head", "shown"),
    [
        ('<meta property="article:published_time" content="1741082400">', ""),
        ('<meta name="pubdate" content="1741082400000">', ""),
        (_ld(1741082400), ""),
        (_ld("1741082400"), ""),
        ("", '<p><time datetime="1741082400">Tuesday</time></p>'),
    ],
)
def test_a_unix_time_dates_the_article(xkey, head, shown):
    assert published_at(xkey, head, shown) == "2025-03-04T10:00:00Z"


@pytest.mark.parametrize("value", ["0741082400", "17410824001", "1741082400.5", "12345"])
def test_other_numbers_are_no_date(xkey, value):
    assert published_at(xkey, f'<meta property="article:published_time" content="{value}">') is None


def test_a_compact_date_is_read_as_a_date_not_a_unix_time(xkey):
    assert published_at(xkey, '<meta property="article:published_time" content="2025030410">') == "2025-03-04"


def test_a_json_document_with_a_unix_time(xkey):
    article = {"@type": "Article", "headline": "Roses", "datePublished": 1741082400, "articleBody": "Text."}
    body = {"type": "article", "format": "json", "content": article}
    assert extract_through_api(xkey, body)["data"].get("publishedAt") == "2025-03-04T10:00:00Z"
