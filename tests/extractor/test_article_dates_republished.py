"""A publication date from structured data that is later than the date the page shows around its headline, through
the API (POST, run, GET): the page was republished, migrated or imported after the day it shows as its own, and the
shown day is the article's (extractor/pipeline/article/html.py ``_older_shown_date``). A later shown date (an
update, a masthead's "today"), a day's difference (a time zone) or an older date far below the headline (a list of
other posts) leave the structured date alone."""

from __future__ import annotations

import gzip
import json
from pathlib import Path

import pytest

from tests.helpers import extract_through_api

pytestmark = pytest.mark.django_db

# real pages committed with their licence (tests/fixtures/pages/NOTICE.md)
PAGES = Path(__file__).resolve().parents[1] / "fixtures" / "pages" / "webpages-dev"

TEXT = "".join(
    f"<p>Paragraph {i} of the article tells what went wrong at the startup: the market, the money, the team and the "
    "product, and what the founders would do differently on the next attempt.</p>"
    for i in range(1, 6)
)
META = '<meta property="article:published_time" content="2024-08-07T12:01:51.460Z">'
WEBPAGE = json.dumps(
    {
        "@context": "https://schema.org",
        "@type": "WebPage",
        "name": "Lessons from a failed startup",
        "datePublished": "2022-10-24T12:40:59+00:00",
    }
)


def extracted(xkey, head: str, under_headline: str, after_text: str = "") -> dict:
    html = (
        f"<html><head><title>Lessons from a failed startup</title>{head}</head><body><nav><p>Home</p></nav>"
        f"<article><h1>Lessons from a failed startup</h1>{under_headline}{TEXT}</article>{after_text}</body></html>"
    )
    return extract_through_api(xkey, {"type": "article", "content": html, "url": "https://example.com/lessons"})


def test_an_older_date_shown_under_the_headline_beats_a_later_meta_publication_date(xkey):
    got = extracted(xkey, META, "<p>Jane Roe</p><p>Dec 30, 2013</p><p>4 min read</p>")
    assert got["data"]["publishedAt"] == "2013-12-30"
    assert got["metadata"]["sources"]["publishedAt"] == "heuristic"


def test_an_older_date_shown_under_the_headline_beats_a_later_json_ld_publication_date(xkey):
    head = f'<script type="application/ld+json">{WEBPAGE}</script>'
    got = extracted(xkey, head, "<ul><li>Jane Roe</li><li>8 Oct 2022</li></ul>")
    assert got["data"]["publishedAt"] == "2022-10-08"


@pytest.mark.parametrize(
    "under_headline",
    [
        "<p>Updated March 5, 2025</p>",  # a later shown date: an update
        "<p>August 6, 2024</p>",  # one day before the structured UTC time: the site's own time zone
        "<p>Jane Roe</p>",  # no date shown
    ],
)
def test_a_later_or_one_day_off_shown_date_leaves_the_structured_date(xkey, under_headline):
    got = extracted(xkey, META, under_headline)
    assert got["data"]["publishedAt"] == "2024-08-07T12:01:51Z"
    assert got["metadata"]["sources"]["publishedAt"] == "opengraph"


def test_an_older_date_far_below_the_headline_leaves_the_structured_date(xkey):
    more = "".join(f"<p>Comment {i}: thanks for sharing the story of the company.</p>" for i in range(30))
    recent = "<aside><h2>More posts</h2><p>Dec 30, 2013</p></aside>"
    got = extracted(xkey, META, "<p>Jane Roe</p>", after_text=more + recent)
    assert got["data"]["publishedAt"] == "2024-08-07T12:01:51Z"


@pytest.mark.parametrize("pid", ["0350", "4460"])
def test_real_pages_whose_structured_date_is_later_than_the_shown_one(xkey, pid):
    """0350: a WebPage ``datePublished`` of 24 October 2022 above "8 Oct 2022" under the headline; 4460: an
    ``article:published_time`` of 2024 on a post that shows "Dec 30, 2013" (both gave the structured date before)."""
    with gzip.open(PAGES / "html" / f"{pid}.html.gz") as fh:
        html = fh.read().decode("utf-8", "replace")
    gt = json.loads((PAGES / "ground-truth" / f"{pid}.json").read_text())
    got = extract_through_api(xkey, {"type": "article", "content": html, "url": gt["url"]})
    assert got["data"]["publishedAt"][:10] == gt["ground_truth"]["publish_date"]
