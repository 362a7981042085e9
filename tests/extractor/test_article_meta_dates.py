"""Publication dates read from what the page shows, through the API (POST, run, GET): a ``<time>`` without
``datetime`` under the headline that shows a date, before the ``<time datetime>`` elements of other articles' cards
(``html._time_element_date``; not one far above the headline, in a sidebar); a date after a "Publish date:", "Post
time:" or "Date published:" label, over an earlier unlabelled date (``dates._PUBLISHED_LABEL_RE``)."""

from __future__ import annotations

import time

import pytest

from tests.helpers import extract_through_api

pytestmark = pytest.mark.django_db

TEXT = "".join(
    f"<p>Paragraph {i} of the article explains how to plan a week of meals on a budget, which staples to buy in bulk "
    "and how to cook once for several days.</p>"
    for i in range(1, 6)
)
CARDS = (
    "<section><h2>More recipes</h2>"
    "<div class='card'><a href='/soups'>Soups you can freeze</a>"
    "<time datetime='2025-10-23'>23 October 2025</time></div>"
    "<div class='card'><a href='/plans'>How to meal plan</a><time datetime='2022-01-01'>1 January 2022</time></div>"
    "</section>"
)


def published_at(xkey, meta: str, after: str = "", before: str = "") -> str | None:
    html = (
        f"<html lang='en'><head><title>Eat well on a budget</title></head><body>{before}<nav><p>Menu</p></nav>"
        f"<article><h1>Eat well on a budget</h1>{meta}{TEXT}</article>{after}</body></html>"
    )
    body = {"type": "article", "content": html, "url": "https://example.com/budget-meals"}
    return extract_through_api(xkey, body)["data"].get("publishedAt")


def test_a_time_without_datetime_under_the_headline_before_the_cards_times(xkey):
    meta = "<time><span>Page updated:</span> <span>12 November 2025</span></time>"
    assert published_at(xkey, meta, CARDS) == "2025-11-12"


def test_a_time_without_datetime_far_above_the_headline_is_furniture(xkey):
    sidebar = "<aside><p>Latest: <time>March 3, 2021</time></p></aside>" + "".join(
        f"<p><a href='/topic-{i}'>Topic {i}</a></p>" for i in range(12)
    )
    meta = "<p><time datetime='2025-11-12'>12 November 2025</time></p>"
    assert published_at(xkey, meta, before=sidebar) == "2025-11-12"


def test_a_time_without_a_date_in_its_text_gives_way_to_the_next(xkey):
    meta = "<p><time>Last week</time></p>"
    assert published_at(xkey, meta, CARDS) == "2025-10-23"


@pytest.mark.parametrize(
    ("meta", "after"),
    [
        # a related card's <time> below the article, after the date shown under the headline
        (
            "<p class='date'>Dec 17, 2025</p>",
            "<section><h2>More stories</h2>"
            + "".join(
                f"<div class='card'><a href='/s{i}'>Story {i}</a><time>Dec {i}, 2025</time></div>" for i in (1, 2)
            )
            + "</section>",
        ),
        # a comment's <time> below a byline that shows the date
        (
            "<p>By Jane Doe | Dec 17, 2025</p>",
            "<section id='comments'><h2>Comments</h2><div class='comment'><b>Ann</b> "
            "<time>December 20, 2025 at 9:00 am</time><p>Great piece, thanks.</p></div></section>",
        ),
    ],
)
def test_a_time_without_datetime_after_the_date_shown_under_the_headline_is_another_items(xkey, meta, after):
    assert published_at(xkey, meta, after) == "2025-12-17"


def test_many_times_without_datetime_in_a_sidebar_are_read_in_one_pass(xkey):
    """12,000 sidebar items with a ``<time>`` each: their places are counted in one pass (a count of the text nodes
    before each ``<time>`` took 43 s)."""
    sidebar = (
        "<aside><ul>"
        + "".join(f"<li><a href='/t{i}'>Topic {i}</a> <time>March 3, 2021</time></li>" for i in range(12000))
        + "</ul></aside>"
    )
    started = time.process_time()  # CPU of this process (the request runs in it), not the wall clock
    published_at(xkey, "<p>Dec 17, 2025</p>", before=sidebar)
    assert time.process_time() - started < 20


@pytest.mark.parametrize(
    ("meta", "expected"),
    [
        ("<p>Updated March 9, 2025</p><p>Publish date: March 5, 2024</p>", "2024-03-05"),
        ("<p>Updated March 9, 2025</p><p>Date published: 5 March 2024</p>", "2024-03-05"),
        ("<p>Updated March 9, 2025</p><p>Post time: 03/05/2024</p>", "2024-03-05"),
        # without a label the first date shown stays
        ("<p>Updated March 9, 2025</p><p>March 5, 2024</p>", "2025-03-09"),
    ],
)
def test_a_publish_date_label(xkey, meta, expected):
    assert published_at(xkey, meta) == expected
