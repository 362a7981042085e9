"""A ``<time>`` marked as the update before one marked as the publication, through the API (POST, run, GET)
(extractor/pipeline/article/html.py ``_time_element_date`` / ``_time_kind``): WordPress themes write
``<time class="updated">`` then ``<time class="entry-date published">`` (or itemprop ``dateModified`` then
``datePublished``); the publication's dates the article (before: the first ``<time>``, the update). A first
``<time>`` marked otherwise ("entry-date updated" is the post's date), or an update not followed by a publication,
is read as before."""

from __future__ import annotations

import pytest

from tests.helpers import extract_through_api

pytestmark = pytest.mark.django_db

TEXT = "".join(
    f"<p>Paragraph {i} of the article explains when and how to prune roses, which tools to use, and what to do with "
    "the cut stems so that the plant grows back strong in spring.</p>"
    for i in range(1, 6)
)


def published_at(xkey, line: str) -> str | None:
    html = (
        '<html lang="en"><head><title>Pruning roses</title></head><body><article><h1>Pruning roses</h1>'
        f"{line}{TEXT}</article></body></html>"
    )
    body = {"type": "article", "content": html, "url": "https://example.com/roses"}
    return extract_through_api(xkey, body)["data"].get("publishedAt")


def _time(marks: str, day: str, shown: str) -> str:
    return f'<time {marks} datetime="{day}T10:00:00+00:00">{shown}</time>'


UPDATED = _time('class="updated"', "2025-05-01", "May 1, 2025")
PUBLISHED = _time('class="entry-date published"', "2025-03-04", "March 4, 2025")


@pytest.mark.parametrize(
    "line",
    [
        f"<p>{UPDATED} {PUBLISHED}</p>",
        f"<p><span>{UPDATED}</span><span>{PUBLISHED}</span></p>",
        "<p>"
        + _time('itemprop="dateModified"', "2025-05-01", "May 1, 2025")
        + _time('itemprop="datePublished"', "2025-03-04", "March 4, 2025")
        + "</p>",
    ],
)
def test_the_publications_time_after_the_updates(xkey, line):
    assert published_at(xkey, line).startswith("2025-03-04")


@pytest.mark.parametrize(
    ("line", "expected"),
    [
        (f"<p>{PUBLISHED} {UPDATED}</p>", "2025-03-04"),
        # "entry-date updated" is the post's own date
        (
            "<p>"
            + _time('class="entry-date updated"', "2025-05-01", "May 1, 2025")
            + _time('class="published"', "2025-03-04", "March 4, 2025")
            + "</p>",
            "2025-05-01",
        ),
        # an update followed by an unmarked <time> (a related card's)
        (f"<p>{UPDATED}</p><p>{_time('', '2024-01-02', 'January 2, 2024')}</p>", "2025-05-01"),
    ],
)
def test_other_times_as_before(xkey, line, expected):
    assert published_at(xkey, line).startswith(expected)
