"""A structured publication date written out in the page's language, through the API (POST, run, GET): a JSON-LD
``datePublished`` or ``<meta property="article:published_time">`` of "4 de marzo de 2025", "4. März 2025", "2025.
március 4.", "17 декабря 2025 г." is read as the date it writes (dateutil reads English only; before, such a value was
no date and a later source answered). A value without a day ("März 2025") and a numeric one whose day and month read
either way ("04.03.2025") stay undecided there (extractor/pipeline/article/dates.py ``iso_date``)."""

from __future__ import annotations

import json
import time

import pytest

from extractor.pipeline.article.dates import iso_date
from tests.helpers import extract_through_api

pytestmark = pytest.mark.django_db

TEXT = "".join(
    f"<p>Paragraph {i} of the article explains when and how to prune roses, which tools to use, and what to do with "
    "the cut stems so that the plant grows back strong in spring.</p>"
    for i in range(1, 6)
)


def published_at(xkey, lang: str, head: str, shown: str = "") -> str | None:
    html = (
        f'<html lang="{lang}"><head><title>Roses</title>{head}</head><body>'
        f"<article><h1>Roses</h1>{shown}{TEXT}</article></body></html>"
    )
    return extract_through_api(xkey, {"type": "article", "content": html, "url": "https://example.com/roses"})[
        "data"
    ].get("publishedAt")


def ld(date: str) -> str:
    node = {"@context": "https://schema.org", "@type": "NewsArticle", "headline": "Roses", "datePublished": date}
    return f'<script type="application/ld+json">{json.dumps(node, ensure_ascii=False)}</script>'


def meta(date: str) -> str:
    return f'<meta property="article:published_time" content="{date}">'


@pytest.mark.parametrize(
    ("lang", "head", "expected"),
    [
        ("es", ld("4 de marzo de 2025"), "2025-03-04"),
        ("de", ld("4. März 2025"), "2025-03-04"),
        ("hu", ld("2025. március 4."), "2025-03-04"),
        ("ru", ld("17 декабря 2025 г."), "2025-12-17"),
        ("de", meta("4. März 2025"), "2025-03-04"),
        ("fr", meta("4 mars 2025"), "2025-03-04"),
    ],
)
def test_a_structured_date_in_words_of_the_pages_language(xkey, lang, head, expected):
    assert (published_at(xkey, lang, head) or "")[:10] == expected


def test_a_meta_date_in_words_comes_before_a_date_shown_below(xkey):
    # the <meta> publication time outranks the dates the page shows; a comment's date answered before
    shown = "".join(f"<p>Intro {i}</p>" for i in range(12)) + "<p>9. April 2025</p>"
    assert (published_at(xkey, "de", meta("4. März 2025"), shown) or "")[:10] == "2025-03-04"


@pytest.mark.parametrize("value", ["März 2025", "04.03.2025", "2025", "Heute"])
def test_a_value_without_a_day_or_read_either_way_is_no_date(value):
    assert iso_date(value) is None


def test_a_long_structured_value_is_not_searched():
    started = time.process_time()  # CPU of this process (the request runs in it), not the wall clock
    assert iso_date("x " * 50_000 + "4 de marzo de 2025") is None
    assert time.process_time() - started < 2
