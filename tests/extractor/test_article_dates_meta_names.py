"""A publication time given by one of the other ``<meta>`` names publishers and CMSs use ("og:article:published_time",
"publish_date", "publishdate", "date_published", "published-date", "article:published", "prism.publicationDate",
"dcterms.date" …), through the API (POST, run, GET): it dates a page that neither JSON-LD nor a ``<time>`` dates, before
a date a related article's card shows; it never outranks those sources (an event's "publishdate", a document's
"dcterms.date" may name another day), and "DC.date.created" (the draft's day) is not read
(extractor/pipeline/article/html.py ``_OTHER_PUBLISHED_META``)."""

from __future__ import annotations

import json

import pytest

from tests.helpers import extract_through_api

pytestmark = pytest.mark.django_db

TEXT = "".join(
    f"<p>Paragraph {i} of the article explains how the city council reads its budget, which lines grew this year and "
    "what the vote next month will decide for the schools and the roads.</p>"
    for i in range(1, 6)
)
CARD = '<aside><h3>Read next</h3><a href="/news/roads">Roads plan</a> <span>June 1, 2025</span></aside>'


def published_at(xkey, head: str, byline: str = "", card: str = CARD) -> str | None:
    html = (
        f"<html><head><title>Budget</title>{head}</head><body><article><h1>Budget</h1>{byline}{TEXT}</article>{card}"
        "</body></html>"
    )
    return extract_through_api(xkey, {"type": "article", "content": html, "url": "https://example.com/budget"})[
        "data"
    ].get("publishedAt")


@pytest.mark.parametrize(
    "name",
    [
        "og:article:published_time",
        "article:published",
        "publish_date",
        "publishdate",
        "date_published",
        "published-date",
        "prism.publicationDate",
        "dcterms.date",
    ],
)
def test_another_meta_name_of_the_publication_time_dates_the_page(xkey, name):
    attr = "property" if ":" in name else "name"
    assert (published_at(xkey, f'<meta {attr}="{name}" content="2025-03-04T10:00:00Z">') or "")[:10] == "2025-03-04"


def test_without_it_the_card_time_is_read_as_before(xkey):
    assert (published_at(xkey, "") or "")[:10] == "2025-06-01"


def _ld(published: str) -> str:
    data = {"@context": "https://schema.org", "@type": "NewsArticle", "headline": "Budget", "datePublished": published}
    return f'<script type="application/ld+json">{json.dumps(data)}</script>'


@pytest.mark.parametrize("name", ["publishdate", "dcterms.date", "DC.date.created"])
def test_another_meta_name_does_not_outrank_the_json_ld_date(xkey, name):
    head = f'<meta name="{name}" content="2026-09-10">' + _ld("2025-03-04T10:00:00Z")
    assert (published_at(xkey, head, card="") or "")[:10] == "2025-03-04"


def test_another_meta_name_does_not_outrank_a_time_element(xkey):
    byline = '<p><time datetime="2025-03-04T10:00:00Z">March 4, 2025</time></p>'
    assert (published_at(xkey, '<meta name="dcterms.date" content="2025-06-10">', byline, "") or "")[
        :10
    ] == "2025-03-04"


def test_dc_date_created_is_not_read_before_a_time_element(xkey):
    head = '<meta name="DC.date.created" content="2019-01-10T09:00:00"><meta name="DC.date.effective" content="2019-03-01">'
    byline = '<p><time datetime="2019-03-01">March 1, 2019</time></p>'
    assert (published_at(xkey, head, byline, "") or "")[:10] == "2019-03-01"
