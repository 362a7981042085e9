"""A structured or `<time>` date whose day and month could be read either way round ("02-12-2025"), through the API
(POST, run, GET): it is not guessed (extractor/pipeline/article/dates.py ``iso_date``); the date the page shows in
words decides, and with none the value gives no date rather than a guess."""

from __future__ import annotations

import pytest

from tests.helpers import extract_through_api

pytestmark = pytest.mark.django_db

TEXT = "".join(
    f"<p>Paragraph {i} of the post walks through the drawing pipeline of an audio plug-in: layers, caching, and "
    "how the interface stays sharp on every screen density.</p>"
    for i in range(1, 6)
)


def published_at(xkey, meta_line: str, sidebar: str = "") -> str | None:
    html = (
        "<html lang='en'><head><title>Building a pixel-perfect UI</title></head><body><article>"
        f"<h1>Building a pixel-perfect UI</h1><ul><li>Jane Roe</li><li>{meta_line}</li></ul>{TEXT}</article>"
        f"<aside><h3>Recent posts</h3>{sidebar}</aside></body></html>"
    )
    body = {"type": "article", "content": html, "url": "https://example.com/blog/pixel-perfect-ui"}
    return extract_through_api(xkey, body)["data"].get("publishedAt")


def test_an_ambiguous_time_gives_way_to_the_date_the_page_writes_in_words(xkey):
    sidebar = (
        '<p><a href="/blog/pixel-perfect-ui">Building a pixel-perfect UI</a> '
        '<time datetime="2025-12-02">December 02, 2025</time></p>'
    )
    got = published_at(xkey, '<time datetime="02-12-2025">02-12-2025</time>', sidebar)
    assert got == "2025-12-02"


def test_an_unambiguous_numeric_time_is_read(xkey):
    assert published_at(xkey, '<time datetime="13-12-2025">13-12-2025</time>') == "2025-12-13"
