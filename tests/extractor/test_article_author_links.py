"""A link to a writer's page as the article's author, through the API (POST, run, GET): a link in a menu
(``<nav>``, a list classed as a menu) or to the index of all writers ("/authors/": "Our Authors"), and a link whose
text is a phrase about writers or posts ("More articles from this author", "View all posts") name no writer, so the
visible "By …" byline is read; a writer's link at or after the headline is taken before one above it (a sidebar's);
a menu that holds the headline (never closed) holds the page, so its writer's link is still read, and so is the link of
a ``<nav>`` under the headline with few links (the post's meta line); a name that holds one of the words of those
phrases ("Jane Stories") is a name (extractor/pipeline/article/authors.py ``_author_links``, ``_in_menu``)."""

from __future__ import annotations

import pytest

from tests.helpers import extract_through_api

pytestmark = pytest.mark.django_db

TEXT = "".join(
    f"<p>Paragraph {i} of the article explains how the city council reads its budget, which lines grew this year and "
    "what the vote next month will decide for the schools and the roads.</p>"
    for i in range(1, 6)
)


def authors_through_api(xkey, above: str, byline: str, below: str = "") -> list[str] | None:
    html = (
        f"<html><head><title>Budget talks resume</title></head><body>{above}<article><h1>Budget talks resume</h1>"
        f"{byline}{TEXT}{below}</article></body></html>"
    )
    body = {"type": "article", "content": html, "url": "https://example.com/news/budget-talks"}
    return extract_through_api(xkey, body)["data"].get("authors")


@pytest.mark.parametrize(
    "above",
    [
        '<header><nav><a href="/">Home</a> <a href="/authors/">Our Authors</a></nav></header>',
        '<div class="top"><a href="/authors/">Meet the Writers</a></div>',
        '<ul class="main-menu"><li><a href="/author/maria-lopez/">Desk Editor</a></li></ul>',
    ],
)
def test_a_menu_or_index_link_names_no_writer(xkey, above):
    assert authors_through_api(xkey, above, "<p>By Maria Lopez</p>") == ["Maria Lopez"]


def test_a_phrase_linking_to_the_writer_names_no_writer(xkey):
    below = '<div class="bio"><a href="/author/maria-lopez/">More articles from this author</a></div>'
    assert authors_through_api(xkey, "", "<p>By Maria Lopez</p>", below) == ["Maria Lopez"]


def test_the_writer_link_under_the_headline_beats_a_sidebar_link_above(xkey):
    above = '<div class="sidebar"><a href="/author/john-smith/">John Smith</a></div>'
    byline = '<div class="meta"><a href="/author/maria-lopez/">Maria Lopez</a></div>'
    assert authors_through_api(xkey, above, byline) == ["Maria Lopez"]


def test_a_writer_link_above_the_headline_is_read_when_none_comes_later(xkey):
    above = '<div class="meta"><a href="/author/maria-lopez/">Maria Lopez</a></div>'
    assert authors_through_api(xkey, above, "") == ["Maria Lopez"]


def test_a_menu_that_holds_the_headline_holds_the_page(xkey):
    html = (
        '<html><head><title>Budget talks resume</title></head><body><nav><a href="/">Home</a><article>'
        '<h1>Budget talks resume</h1><p><a href="/author/maria-lopez/">Maria Lopez</a></p>'
        f"{TEXT}</article></nav></body></html>"
    )
    body = {"type": "article", "content": html, "url": "https://example.com/news/budget-talks"}
    assert extract_through_api(xkey, body)["data"].get("authors") == ["Maria Lopez"]


@pytest.mark.parametrize("name", ["Jane Stories", "Ann Profile", "Tom Articles"])
def test_a_name_holding_a_word_about_posts_is_a_name(xkey, name):
    slug = name.lower().replace(" ", "-")
    assert authors_through_api(xkey, "", f'<div class="meta"><a href="/author/{slug}">{name}</a></div>') == [name]


def test_a_post_meta_nav_under_the_headline_names_the_writer(xkey):
    byline = '<nav class="post-meta"><a href="/author/maria-lopez/">Maria Lopez</a> · <a href="/news/">News</a></nav>'
    assert authors_through_api(xkey, "", byline) == ["Maria Lopez"]


def test_a_menu_under_the_headline_with_many_links_names_no_writer(xkey):
    links = "".join(f'<a href="/section/{i}">Section {i}</a> ' for i in range(5))
    byline = f'<nav>{links}<a href="/author/desk-editor/">Desk Editor</a></nav><p>By Maria Lopez</p>'
    assert authors_through_api(xkey, "", byline) == ["Maria Lopez"]
