"""A publication time given by one of the other ``<meta>`` names publishers and CMSs use ("og:article:published_time",
"publish_date", "publishdate", "date_published", "published-date", "article:published", "prism.publicationDate",
"DC.date.created", "dcterms.date" …), through the API (POST, run, GET): it dates the page as ``article:published_time``
does, before a ``<time>`` of a related article's card (extractor/pipeline/article/html.py ``_PUBLISHED_META``)."""

from __future__ import annotations

import pytest

from tests.helpers import extract_through_api

pytestmark = pytest.mark.django_db

TEXT = "".join(
    f"<p>Paragraph {i} of the article explains how the city council reads its budget, which lines grew this year and "
    "what the vote next month will decide for the schools and the roads.</p>"
    for i in range(1, 6)
)
CARD = '<aside><h3>Read next</h3><a href="/news/roads">Roads plan</a> <time datetime="2025-06-01T10:00:00Z">June 1</time></aside>'


def published_at(xkey, head: str) -> str | None:
    html = (
        f"<html><head><title>Budget</title>{head}</head><body><article><h1>Budget</h1>{TEXT}</article>{CARD}"
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
        "DC.date.created",
        "dcterms.date",
    ],
)
def test_another_meta_name_of_the_publication_time_dates_the_page(xkey, name):
    attr = "property" if ":" in name else "name"
    assert (published_at(xkey, f'<meta {attr}="{name}" content="2025-03-04T10:00:00Z">') or "")[:10] == "2025-03-04"


def test_without_it_the_card_time_is_read_as_before(xkey):
    assert (published_at(xkey, "") or "")[:10] == "2025-06-01"
