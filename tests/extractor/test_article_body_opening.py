"""How the article body opens, through the API (POST, run, GET): a body that trafilatura's recall pass returns as one
block wrapping the page's regions (``<p>Skip Navigation<header>…<h1>…</header><main>…</main></p>``) is taken apart
into its blocks, so the headline and the skip link go as they do on other pages; a blank paragraph before the
headline does not hide it (extractor/pipeline/article/body.py, unwrap_page_parts and _drop_leading_title).
"""

from __future__ import annotations

import pytest

from tests.helpers import extract_through_api

pytestmark = pytest.mark.django_db

TITLE = "Renting a car abroad"
PARAGRAPH = (
    "<p>Paragraph {} of the guide explains how renting a car works, what the counter will ask for, and which "
    "fees the daily rate leaves out until you sign the contract at the desk.</p>"
)
PARAGRAPHS = "".join(PARAGRAPH.format(i) for i in range(1, 7))


def through_api(xkey, body: str) -> dict:
    html = f"<html><head><title>{TITLE}</title></head><body>{body}</body></html>"
    return extract_through_api(xkey, {"type": "article", "content": html, "url": "https://example.com/guide"})["data"]


def wrapped_page(main: str = PARAGRAPHS) -> str:
    """A page whose skip link sits loose in the wrapper around its header and main element: trafilatura's recall
    pass keeps the wrapper as one paragraph holding the page's regions."""
    return (
        "<div id='app'><div id='wrap'><a class='skip-navigation' href='#main-content'>Skip Navigation</a>"
        "<div id='wrapper' class='site'><header class='st-header'><section id='main-content' class='st-section'>"
        f"<h1>{TITLE}</h1></section></header><main id='content' role='main'><section class='st-section'>{main}"
        "</section></main></div></div></div>"
    )


def test_a_body_wrapping_the_page_regions_opens_with_the_article_s_text(xkey):
    text = through_api(xkey, wrapped_page())["text"]
    assert text.startswith("Paragraph 1 of the guide")
    assert "Skip Navigation" not in text and TITLE not in text


def test_the_blocks_of_a_wrapped_body_keep_their_order_and_their_words(xkey):
    main = (
        PARAGRAPHS[: len(PARAGRAPHS) // 2] + "Loose words between two paragraphs" + PARAGRAPHS[len(PARAGRAPHS) // 2 :]
    )
    lines = through_api(xkey, wrapped_page(main))["text"].split("\n")
    assert [line[:11] for line in lines if line.startswith("Paragraph")] == [f"Paragraph {i}" for i in range(1, 7)]
    assert "Loose words between two paragraphs" in lines


def test_a_blank_paragraph_before_the_headline_does_not_hide_it(xkey):
    text = through_api(xkey, f"<article><p> </p><h1>{TITLE}</h1>{PARAGRAPHS}</article>")["text"]
    assert text.startswith("Paragraph 1 of the guide")
    assert TITLE not in text


def test_a_heading_after_a_blank_paragraph_that_is_not_the_title_stays(xkey):
    text = through_api(xkey, f"<article><p> </p><h2>Before you book</h2>{PARAGRAPHS}</article>")["text"]
    assert text.startswith("Before you book")
