"""A login, handle or credit line given as an article's author, through the API (POST, run, GET): it gives way to a
person the visible "By …" byline names ("kffjdoe" in ``<meta name="author">`` beside "By Jane Doe"), and stays when
no byline names a person of two words or more, when only an author link does, or when the name is written in a script
without spaces between words; a structured author loses a trailing site or publisher name ("…, The Daily Paper")
(extractor/pipeline/article/html.py ``_authors``, authors.py ``not_a_byline_name`` / ``without_organisation``)."""

from __future__ import annotations

import json

import pytest

from tests.helpers import extract_through_api

pytestmark = pytest.mark.django_db

TEXT = "".join(
    f"<p>Paragraph {i} of the article explains when and how to prune roses, which tools to use, and what to do with "
    "the cut stems so that the plant grows back strong in spring.</p>"
    for i in range(1, 6)
)


def through_api(xkey, html: str) -> list[str] | None:
    body = {"type": "article", "content": html, "url": "https://example.com/roses"}
    return extract_through_api(xkey, body)["data"].get("authors")


def _page(head: str = "", byline: str = "") -> str:
    return (
        f"<html><head><title>Pruning roses</title>{head}</head><body>"
        f"<article><h1>Pruning roses</h1>{byline}{TEXT}</article></body></html>"
    )


def _jsonld(author, publisher: str | None = None) -> str:
    ld = {"@context": "https://schema.org", "@type": "Article", "headline": "Pruning roses", "author": author}
    if publisher:
        ld["publisher"] = {"@type": "Organization", "name": publisher}
    return f'<script type="application/ld+json">{json.dumps(ld)}</script>'


@pytest.mark.parametrize(
    "head",
    [
        '<meta name="author" content="kffjdoe">',
        _jsonld({"@type": "Person", "name": "andrew.smith"}),
        '<meta name="twitter:label1" content="Written by"><meta name="twitter:data1" content="KatieS">',
        # a credit line rather than a name
        '<meta name="author" content="content: Garden Weekly, design: Tom Baker, code: Ann Lee">',
    ],
)
def test_a_login_or_credit_line_gives_way_to_the_visible_byline(xkey, head):
    assert through_api(xkey, _page(head=head, byline="<p>By Jane Doe</p>")) == ["Jane Doe"]


def test_a_login_stays_when_no_byline_names_a_person(xkey):
    head = '<meta name="author" content="kffjdoe">'
    # no byline at all, a byline of one word, a name only in an author link (the label may be either)
    assert through_api(xkey, _page(head=head, byline="<p>Updated today</p>")) == ["kffjdoe"]
    assert through_api(xkey, _page(head=head, byline="<p>By Jane</p>")) == ["kffjdoe"]
    assert through_api(xkey, _page(head=head, byline="<p><a href='/author/jane-doe'>Jane Doe</a></p>")) == ["kffjdoe"]


def test_a_login_stays_beside_a_poster_box(xkey):
    # a forum post's poster box (user name glued to a rank) is no byline: the structured login is kept
    head = _jsonld({"@type": "Person", "name": "slow-poke"})
    assert through_api(xkey, _page(head=head, byline="<div class='author'>Rick Stone Veteran</div>")) == ["slow-poke"]


def test_a_name_written_without_spaces_is_no_login(xkey):
    head = _jsonld({"@type": "Person", "name": "山田太郎"})
    assert through_api(xkey, _page(head=head, byline="<p>By Jane Doe</p>")) == ["山田太郎"]


def test_a_person_in_structured_data_is_kept_over_another_byline(xkey):
    head = '<meta name="author" content="Tom Baker">'
    assert through_api(xkey, _page(head=head, byline="<p>By Jane Doe</p>")) == ["Tom Baker"]


def test_a_structured_author_loses_the_publisher_name_after_it(xkey):
    head = _jsonld({"@type": "Person", "name": "Jane Doe and Tom Baker, The Daily Paper"}, "The Daily Paper")
    assert through_api(xkey, _page(head=head)) == ["Jane Doe and Tom Baker"]
    # a name part that is not the site's or the publisher's stays
    head = _jsonld({"@type": "Person", "name": "Jane Doe, Garden Editor"}, "The Daily Paper")
    assert through_api(xkey, _page(head=head)) == ["Jane Doe, Garden Editor"]
