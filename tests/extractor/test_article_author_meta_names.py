"""Other ``<meta>`` names of the writer, through the API (POST, run, GET) (extractor/pipeline/article/authors.py
``_people_from_meta``): ``og:article:author``, ``article:author_name``, ``author_name``, ``dcterms.creator`` and
``cXenseParse:author`` name the writer when no JSON-LD nor an earlier ``<meta>`` does (before: trafilatura's byline
search, then none). On the dev pages the last two stand on five labelled pages, each the label's name as written;
earlier sources name the writer on all five already."""

from __future__ import annotations

import pytest

from tests.helpers import extract_through_api

pytestmark = pytest.mark.django_db

TEXT = "".join(
    f"<p>Paragraph {i} of the article explains how the city council reads its budget, which lines grew this year and "
    "what the vote next month will decide for the schools and the roads.</p>"
    for i in range(1, 6)
)


def authors(xkey, head: str) -> list[str] | None:
    html = (
        f'<html lang="en"><head><title>Budget talks resume</title>{head}</head><body><article>'
        f"<h1>Budget talks resume</h1>{TEXT}</article></body></html>"
    )
    body = {"type": "article", "content": html, "url": "https://example.com/news/budget"}
    return extract_through_api(xkey, body)["data"].get("authors")


@pytest.mark.parametrize(
    "head",
    [
        '<meta property="og:article:author" content="Jane Doe">',
        '<meta property="article:author_name" content="Jane Doe">',
        '<meta name="author_name" content="Jane Doe">',
        '<meta name="dcterms.creator" content="Jane Doe">',
        '<meta property="cXenseParse:author" content="Jane Doe">',
    ],
)
def test_other_meta_names_of_the_writer(xkey, head):
    assert authors(xkey, head) == ["Jane Doe"]


def test_an_earlier_meta_name_first(xkey):
    head = '<meta name="author" content="John Roe"><meta property="cXenseParse:author" content="Jane Doe">'
    assert authors(xkey, head) == ["John Roe"]


def test_a_profile_url_is_no_name(xkey):
    assert not authors(xkey, '<meta property="og:article:author" content="https://www.facebook.com/janedoe">')
