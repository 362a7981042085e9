"""What an author field holds that names nobody, through the API (POST, run, GET): a template's placeholder
("undefined", "null"), a site's role account ("Webmaster"), a taxonomy word ("Category"), a copyright line
("The Example University ©"), a menu read as a byline ("… Open submenu …"), a "By …" in a figure's caption (a photo
credit) or in a quotation gives no author; a real name beside them is still read (extractor/pipeline/article/authors.py
``clean_author``, ``byline_names``)."""

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


def through_api(xkey, head: str = "", byline: str = "") -> list[str] | None:
    html = (
        f"<html><head><title>Pruning roses</title>{head}</head><body>"
        f"<article><h1>Pruning roses</h1>{byline}{TEXT}</article></body></html>"
    )
    body = {"type": "article", "content": html, "url": "https://example.com/roses"}
    return extract_through_api(xkey, body)["data"].get("authors")


def _jsonld(name: str) -> str:
    ld = {"@context": "https://schema.org", "@type": "Article", "headline": "Pruning roses", "author": {"name": name}}
    return f'<script type="application/ld+json">{json.dumps(ld)}</script>'


@pytest.mark.parametrize(
    ("head", "byline"),
    [
        (_jsonld("undefined"), ""),
        ('<meta name="author" content="null">', ""),
        (_jsonld("Webmaster"), ""),
        ("", '<p class="author">Category</p>'),
        ("", '<ul class="copybyline"><li class="copyright">The Example University © 2025</li></ul>'),
        ("", '<div class="author">Authorities Governing Board Open submenu Code</div>'),
    ],
)
def test_a_placeholder_names_no_author(xkey, head, byline):
    assert not through_api(xkey, head, byline)


def test_a_name_after_a_placeholder_is_read(xkey):
    assert through_api(xkey, _jsonld("undefined"), "<p>By Jane Doe</p>") == ["Jane Doe"]


@pytest.mark.parametrize(
    "credit",
    [
        "<figure><img src='/rose.jpg' alt=''><figcaption>By Tom Baker/Garden Press</figcaption></figure>",
        "<blockquote><p>Prune in late winter.</p><p>By Tom Baker</p></blockquote>",
    ],
)
def test_a_photo_credit_or_a_quotations_source_is_no_byline(xkey, credit):
    # the credit comes first; the article's byline after it is read
    assert through_api(xkey, byline=f"{credit}<p>By Jane Doe</p>") == ["Jane Doe"]
    assert not through_api(xkey, byline=credit)
