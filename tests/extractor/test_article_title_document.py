"""A page whose headline is no h1 takes its title from the document's ``<title>`` as the page writes it, through the
API (POST, run, GET) (extractor/pipeline/article/titles.py ``_pick_title``): the site's segment and a short section
after the headline go ("Budget talks resume | News | City Times"), and the dashes, bars and colons inside the
headline stay as written (before, the parts were joined again with " - ": "Budget talks - what comes next")."""

from __future__ import annotations

import pytest

from tests.helpers import extract_through_api

pytestmark = pytest.mark.django_db

TEXT = "".join(
    f"<p>Paragraph {i} of the article explains how the city council reads its budget, which lines grew this year and "
    "what the vote next month will decide for the schools and the roads.</p>"
    for i in range(1, 6)
)
SITE = '<meta property="og:site_name" content="City Times">'


def title_through_api(xkey, head: str, top: str = "") -> str | None:
    html = (
        f"<html><head>{head}</head><body><header><a href='/'>City Times</a></header>"
        f"<article>{top}{TEXT}</article></body></html>"
    )
    body = {"type": "article", "content": html, "url": "https://example.com/news/budget-talks"}
    return extract_through_api(xkey, body)["data"].get("title")


@pytest.mark.parametrize(
    ("head", "expected"),
    [
        (
            "<title>Budget talks – what comes next for the city | City Times</title>",
            "Budget talks – what comes next for the city",
        ),
        (
            f"{SITE}<title>Budget talks – what comes next for the city | City Times</title>",
            "Budget talks – what comes next for the city",
        ),
        (
            f"{SITE}<title>Budget talks resume after the summer break | News | City Times</title>",
            "Budget talks resume after the summer break",
        ),
    ],
)
def test_the_document_title_is_read_as_written(xkey, head, expected):
    assert title_through_api(xkey, head) == expected


@pytest.mark.parametrize(
    ("head", "top", "expected"),
    [
        # an h1 headline is still taken as before
        (
            "<title>Budget talks – what comes next | City Times</title>",
            "<h1>Budget talks – what comes next</h1>",
            "Budget talks – what comes next",
        ),
        ("<title>Budget talks: what comes next | City Times</title>", "", "Budget talks: what comes next"),
    ],
)
def test_other_titles_are_read_as_before(xkey, head, top, expected):
    assert title_through_api(xkey, head, top) == expected


@pytest.mark.parametrize(
    ("title", "expected"),
    [
        ("Budget talks – what next | City Times", "Budget talks – what next"),
        ("Trump vs Harris – who won? | City Times", "Trump vs Harris – who won?"),
        ("Interview – Jane Doe | City Times", "Interview – Jane Doe"),
        ("City Times | Budget talks – what next", "Budget talks – what next"),
        ("Budget talks resume | City Times | News", "Budget talks resume"),
        ("Budget talks resume - City Times - Page 2", "Budget talks resume"),
    ],
)
def test_only_the_site_segment_is_cut_never_a_clause_of_the_headline(xkey, title, expected):
    """After review: once the site's segment is found, the headline's own short dash clause stays, and what
    follows a site segment in the middle (a section, a page number) goes with it."""
    assert title_through_api(xkey, f"{SITE}<title>{title}</title>") == expected
