"""An author found by trafilatura's byline search keeps the byline's spelling, through the API (POST, run, GET):
trafilatura's name normalisation turns the dots of titles and initials into spaces ("Dr. Jane Q. Roe" → "Dr Jane Q
Roe"); the name is given as the byline writes it (extractor/pipeline/article/authors.py ``_tf_author``). A byline's
name loses a role glued after it: a rank before a title ("Head Winemaker"), a desk before a writer's title ("Tech
Reporter") (``_AUTHOR_ROLE_RE``)."""

from __future__ import annotations

import pytest

from tests.helpers import extract_through_api

pytestmark = pytest.mark.django_db

TEXT = "".join(
    f"<p>Paragraph {i} of the article explains how a heart scan is read, what the numbers mean and when a second "
    "opinion is worth asking for before any treatment starts.</p>"
    for i in range(1, 6)
)


def authors_through_api(xkey, byline: str) -> list[str] | None:
    html = (
        "<html><head><title>Reading a heart scan</title></head><body><article><h1>Reading a heart scan</h1>"
        f"{byline}{TEXT}</article></body></html>"
    )
    body = {"type": "article", "content": html, "url": "https://example.com/heart-scan"}
    return extract_through_api(xkey, body)["data"].get("authors")


@pytest.mark.parametrize(
    ("byline", "expected"),
    [
        ('<div class="author">Dr. Jane Q. Roe</div>', ["Dr. Jane Q. Roe"]),
        ('<span class="post-author-name">J. R. Hartley, Editor</span>', ["J. R. Hartley"]),
    ],
)
def test_a_byline_name_keeps_its_dots(xkey, byline, expected):
    assert authors_through_api(xkey, byline) == expected


def test_a_byline_without_dots_is_unchanged(xkey):
    assert authors_through_api(xkey, '<div class="author">Jane Roe</div>') == ["Jane Roe"]


@pytest.mark.parametrize(
    ("byline", "expected"),
    [
        # a rank before a title, a desk before a writer's title
        ('<div class="author">Matt Roe Head Winemaker</div>', ["Matt Roe"]),
        ('<div class="author">Harry Doe Tech Reporter</div>', ["Harry Doe"]),
        ('<div class="author">Ann Lee Managing Editor</div>', ["Ann Lee"]),
        # a surname that is a rank word stays
        ('<div class="author">Edith Head</div>', ["Edith Head"]),
    ],
)
def test_a_byline_loses_the_role_glued_after_the_name(xkey, byline, expected):
    assert authors_through_api(xkey, byline) == expected
