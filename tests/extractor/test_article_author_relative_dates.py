"""A byline beside a date shown relative to the reader ("3 days ago"), through the API (POST, run, GET)
(extractor/pipeline/article/authors.py ``byline_in_text`` / ``name_beside_date``): "Posted 2 days ago by Jane Doe"
reads its byline after the relative time as after a date ("Posted on March 4, 2025 by …"), and an unlabelled name
beside "3 days ago" on the meta line is the writer as beside "Dec 17, 2025" (before: no author). The relative time
itself dates nothing: no reference day is known, so no `publishedAt` is invented from it (on the dev pages that show
one, every labelled date is an absolute date the page also gives)."""

from __future__ import annotations

import pytest

from tests.helpers import extract_through_api

pytestmark = pytest.mark.django_db

TEXT = "".join(
    f"<p>Paragraph {i} of the article explains how the city council reads its budget, which lines grew this year and "
    "what the vote next month will decide for the schools and the roads.</p>"
    for i in range(1, 6)
)


def extract(xkey, meta: str, body: str = TEXT) -> dict:
    html = (
        '<html lang="en"><head><title>Budget talks resume</title></head><body><nav><p>Menu</p></nav><article>'
        f"<h1>Budget talks resume</h1>{meta}{body}</article></body></html>"
    )
    return extract_through_api(xkey, {"type": "article", "content": html, "url": "https://example.com/news/budget"})[
        "data"
    ]


@pytest.mark.parametrize(
    "meta",
    [
        "<p>Posted 2 days ago by Jane Doe</p>",
        "<p>Updated 3 hours ago | By Jane Doe</p>",
        "<p>an hour ago by Jane Doe</p>",
        "<p>Jane Doe · 5 min read · 3 days ago</p>",
        "<p><span>2 weeks ago</span> <span>Jane Doe</span></p>",
    ],
)
def test_a_byline_beside_a_relative_date(xkey, meta):
    data = extract(xkey, meta)
    assert data["authors"] == ["Jane Doe"]
    assert data.get("publishedAt") is None  # no reference day: nothing invented


@pytest.mark.parametrize(
    "meta",
    [
        "<p>Politics · 3 days ago</p>",
        "<p>Breaking News · 3 hours ago</p>",
        "<p>The council was founded 40 years ago by Jane Doe and her neighbours.</p>",
    ],
)
def test_no_writer_where_none_is_named(xkey, meta):
    assert not extract(xkey, meta).get("authors")


def test_an_absolute_date_still_dates_the_article(xkey):
    data = extract(xkey, "<p>Jane Doe · March 4, 2025 · 3 days ago</p>")
    assert data["authors"] == ["Jane Doe"]
    assert data["publishedAt"].startswith("2025-03-04")


def test_a_relative_time_alone_does_not_hide_the_dated_byline_below(xkey):
    data = extract(xkey, "<p>Updated 3 hours ago</p><p>Jane Doe · March 4, 2025</p>")
    assert data["authors"] == ["Jane Doe"]
