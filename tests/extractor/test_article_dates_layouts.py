"""Two date layouts of other sites, through the API (POST, run, GET):

- an update-first dateline whose publication stands in brackets ("Updated: May 1, 2025 (originally published March
  4, 2025)") is dated by the publication, as with "|" or "," before it (extractor/pipeline/article/dates.py
  ``_PUBLISHED_AFTER_RE``; before, the update);
- a date badge whose day, month and year are elements of their own (``<div class="post-date"><span>04</span>
  <span>Mar</span><span>2025</span></div>``) dates a page that nothing else dates, htmldate included (article/html.py
  ``_date_badge``; before, no date). Read last: alone, it names the label's day on 56 of the 91 labelled dev pages
  that have such a badge, so it never outranks another source; in the pipeline it fires on no dev page.
"""

from __future__ import annotations

import pytest

from tests.helpers import extract_through_api

pytestmark = pytest.mark.django_db

TEXT = "".join(
    f"<p>Paragraph {i} of the article explains when and how to prune roses, which tools to use, and what to do with "
    "the cut stems so that the plant grows back strong in spring.</p>"
    for i in range(1, 6)
)


def published_at(xkey, line: str, head: str = "") -> str | None:
    html = (
        f'<html lang="en"><head><title>Pruning roses</title>{head}</head><body><article><h1>Pruning roses</h1>'
        f"{line}{TEXT}</article></body></html>"
    )
    body = {"type": "article", "content": html, "url": "https://example.com/roses"}
    return extract_through_api(xkey, body)["data"].get("publishedAt")


@pytest.mark.parametrize(
    "line",
    [
        "<p>Updated: May 1, 2025 (Originally published March 4, 2025)</p>",
        "<p>Updated May 1, 2025 [first published March 4, 2025]</p>",
    ],
)
def test_a_bracketed_publication_after_the_update(xkey, line):
    assert published_at(xkey, line) == "2025-03-04"


def test_a_bracketed_aside_after_the_update_is_no_publication(xkey):
    assert published_at(xkey, "<p>Updated May 1, 2025 (published studies from 2019 added)</p>") == "2025-05-01"


@pytest.mark.parametrize(
    "badge",
    [
        '<div class="post-date"><span class="day">04</span><span class="month">Mar</span><span class="year">2025</span></div>',
        '<div class="entry-date"><span>March</span> <span>4</span>, <span>2025</span></div>',
        '<p class="date-badge"><b>4</b><br>Mar 2025</p>',
    ],
)
def test_a_date_badge_dates_an_otherwise_undated_page(xkey, badge):
    assert published_at(xkey, badge) == "2025-03-04"


@pytest.mark.parametrize(
    ("badge", "head", "expected"),
    [
        # another source dates the page: it goes first
        (
            '<div class="post-date"><span>04</span><span>Mar</span><span>2025</span></div>',
            '<meta property="article:published_time" content="2025-02-01T10:00:00Z">',
            "2025-02-01T10:00:00Z",
        ),
        # a badge in a sidebar is another post's
        ('<aside><div class="post-date"><span>04</span><span>Mar</span><span>2025</span></div></aside>', "", None),
        # a badge without its year names no day
        ('<div class="post-date"><span>04</span><span>Mar</span></div>', "", None),
    ],
)
def test_other_badges(xkey, badge, head, expected):
    assert published_at(xkey, badge, head) == expected


def test_many_nested_date_classes_are_read_in_bounded_time(xkey):
    import time

    nested = '<div class="date">' * 2000 + "<span>word</span> " * 20000 + "</div>" * 2000
    t = time.perf_counter()
    published_at(xkey, nested)
    assert time.perf_counter() - t < 20
