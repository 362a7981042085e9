"""The page's own JSON-LD node where the page describes other articles or pages too, through the API (POST, run,
GET) (extractor/pipeline/article/html.py ``_this_page_node``): of several Article nodes (in separate scripts, one
list or one ``@graph``) the first is taken unless it does not name this page and a later one does — by its ``url``,
``@id`` or ``mainEntityOfPage`` (scheme, "www.", query, fragment and a closing "/" aside) or by a headline that is
one of the page's titles; the same for the WebPage node whose ``datePublished`` dates the page. Before, a related
story's ``NewsArticle`` placed first gave its writer and its date. schema.org's other kinds of Article
(``SatiricalArticle``, ``AdvertiserContentArticle`` …) are articles too (article/common.py ``ARTICLE_TYPES``)."""

from __future__ import annotations

import json

import pytest

from tests.helpers import extract_through_api

pytestmark = pytest.mark.django_db

URL = "https://www.example.com/news/budget-talks?utm_source=feed"
TEXT = "".join(
    f"<p>Paragraph {i} of the article explains how the city council reads its budget, which lines grew this year and "
    "what the vote next month will decide for the schools and the roads.</p>"
    for i in range(1, 6)
)


def _ld(*objects) -> str:
    return "".join(f'<script type="application/ld+json">{json.dumps(o)}</script>' for o in objects)


def _article(headline: str, author: str, date: str, **more) -> dict:
    return {
        "@context": "https://schema.org",
        "@type": more.pop("type", "NewsArticle"),
        "headline": headline,
        "author": {"@type": "Person", "name": author},
        "datePublished": date,
        **more,
    }


def extract(xkey, head: str, shown: str = "") -> dict:
    html = (
        f"<html><head><title>Budget talks resume | City Times</title>{head}</head><body><article>"
        f"<h1>Budget talks resume</h1>{shown}{TEXT}</article></body></html>"
    )
    return extract_through_api(xkey, {"type": "article", "content": html, "url": URL})["data"]


OTHER = _article("Schools reopen after the storm", "John Roe", "2024-01-02", url="https://example.com/news/schools")


@pytest.mark.parametrize(
    "head",
    [
        # separate scripts: a related story first, the page's own (by its url) after
        _ld(
            OTHER,
            _article("Budget talks resume", "Jane Doe", "2025-03-04", url="https://example.com/news/budget-talks/"),
        ),
        # one list; the page's own named by mainEntityOfPage's @id only
        _ld(
            [
                OTHER,
                _article(
                    "Budget talks: a new round",
                    "Jane Doe",
                    "2025-03-04",
                    mainEntityOfPage={"@type": "WebPage", "@id": "http://example.com/news/budget-talks#main"},
                ),
            ]
        ),
        # no urls: the page's own is the one whose headline is the page's title
        _ld(
            _article("Schools reopen after the storm", "John Roe", "2024-01-02"),
            _article("Budget talks resume", "Jane Doe", "2025-03-04"),
        ),
        # one @graph
        _ld(
            {
                "@context": "https://schema.org",
                "@graph": [OTHER, _article("Budget talks resume", "Jane Doe", "2025-03-04")],
            }
        ),
    ],
)
def test_the_pages_own_article_node_over_another_articles(xkey, head):
    data = extract(xkey, head)
    assert data["authors"] == ["Jane Doe"]
    assert data["publishedAt"].startswith("2025-03-04")


def test_the_pages_own_webpage_node_dates_it(xkey):
    graph = {
        "@context": "https://schema.org",
        "@graph": [
            {"@type": "WebPage", "@id": "https://example.com/news/", "name": "News", "datePublished": "2019-01-01"},
            {"@type": "WebPage", "@id": "https://example.com/news/budget-talks", "datePublished": "2025-03-04"},
        ],
    }
    assert extract(xkey, _ld(graph))["publishedAt"].startswith("2025-03-04")


@pytest.mark.parametrize(
    "head",
    [
        # the first node names the page (its url less the fragment): taken, though a later one names it too
        _ld(
            _article(
                "Budget talks resume", "Jane Doe", "2025-03-04", url="https://example.com/news/budget-talks#article"
            ),
            _article("Budget talks resume", "John Roe", "2024-01-02", url="https://example.com/news/budget-talks"),
        ),
        # no node names the page: the first, as before
        _ld(
            _article("A first story", "Jane Doe", "2025-03-04", url="https://example.com/news/first"),
            _article("A second story", "John Roe", "2024-01-02", url="https://example.com/news/second"),
        ),
        # a single node is the page's, whatever it names
        _ld(_article("Another headline", "Jane Doe", "2025-03-04", url="https://example.com/elsewhere")),
    ],
)
def test_otherwise_the_first_node(xkey, head):
    data = extract(xkey, head)
    assert data["authors"] == ["Jane Doe"]
    assert data["publishedAt"].startswith("2025-03-04")


@pytest.mark.parametrize(
    "kind", ["SatiricalArticle", "AdvertiserContentArticle", "MedicalScholarlyArticle", "APIReference"]
)
def test_other_kinds_of_article(xkey, kind):
    data = extract(xkey, _ld(_article("Budget talks resume", "Jane Doe", "2025-03-04", type=kind)))
    assert data["authors"] == ["Jane Doe"]
    assert data["publishedAt"].startswith("2025-03-04")
