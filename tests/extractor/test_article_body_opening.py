"""How the article body opens, through the API (POST, run, GET): a body that trafilatura's recall pass returns as one
block wrapping the page's regions (``<p>Skip Navigation<header>…<h1>…</header><main>…</main></p>``) is taken apart
into its blocks, so the headline and the skip link go as they do on other pages; a blank paragraph before the
headline does not hide it (extractor/pipeline/article/body.py, unwrap_page_parts and _drop_leading_title).
"""

from __future__ import annotations

import pytest
from lxml import etree

from extractor.pipeline.article.body import _drop_leading_title, unwrap_page_parts
from extractor.pipeline.article.common import _tokens
from tests.helpers import extract_through_api

pytestmark = pytest.mark.django_db  # the API tests; the pipeline tests below need no database

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


# trafilatura's recall pass as it returns such a page (webpages-dev has four): one paragraph holding the page's regions
WRAPPED = (
    "<body><p>Skip to content<header class='header'/>Design 101<head rend='h2'>{}</head><main><section>{}"
    "</section></main></p></body>"
)
BLOCKS = "<p>First paragraph of the guide.</p>Loose words<p>Second paragraph of the guide.</p>"


def body_of(xml, title: str = TITLE) -> list[str]:
    """The blocks' texts once the wrapped body (XML text or a tree) is taken apart and its headline dropped, as the
    article path does."""
    body = etree.fromstring(xml) if isinstance(xml, str) else xml
    chrome = unwrap_page_parts(body)
    _drop_leading_title(body, {" ".join(_tokens(title))}, chrome)
    return ["".join(el.itertext()) for el in body]


def test_the_page_header_s_loose_lines_go_with_the_headline_of_a_wrapped_body():
    assert body_of(WRAPPED.format(TITLE, BLOCKS)) == [
        "First paragraph of the guide.",
        "Loose words",
        "Second paragraph of the guide.",
    ]


def test_the_loose_lines_of_a_wrapped_body_stay_when_its_heading_is_not_the_title():
    assert body_of(WRAPPED.format("Before you book", BLOCKS))[:3] == [
        "Skip to content",
        "Design 101",
        "Before you book",
    ]


def test_a_deeply_nested_wrapped_body_is_taken_apart_in_one_walk():
    body = etree.fromstring("<body><p>Skip to content<main/></p></body>")
    inner = body[0][0]
    for _ in range(5000):  # deeper than Python's recursion limit
        inner = etree.SubElement(inner, "section")
    inner.extend(etree.fromstring(f"<div>{BLOCKS}</div>"))
    inner[0].tail = "Loose words"
    assert body_of(body) == [
        "Skip to content",
        "First paragraph of the guide.",
        "Loose words",
        "Second paragraph of the guide.",
    ]
