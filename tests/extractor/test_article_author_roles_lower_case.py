"""A description beside the writers in the page's byline is no writer, through the API (POST, run, GET): in an author
element, a part written with a capital and then words in lower case only ("Authors: Julie Weisenhorn and Natalie
Hoidal, Extension horticulture educators", "Jane Doe; Staff writer"), and the label "Authors" trafilatura leaves
before the first name when it drops the colon (before: "Authors Julie Weisenhorn", "Natalie Hoidal", "Extension
horticulture educators"). Names stay as written ("Ludwig van Beethoven", "Maria da Silva") (extractor/pipeline/
article/authors.py ``_LOWER_CASE_ROLE_RE``, ``_AUTHOR_PREFIX_RE``)."""

from __future__ import annotations

import pytest

from tests.helpers import ARTICLE_TEXT, extract_through_api

pytestmark = pytest.mark.django_db


def _authors(xkey, box: str) -> list[str] | None:
    html = (
        '<html lang="en"><head><title>Roses</title></head><body>'
        f"<article><h1>Roses</h1>{ARTICLE_TEXT}{box}</article></body></html>"
    )
    got = extract_through_api(xkey, {"type": "article", "content": html, "url": "https://example.com/roses"})
    return got["data"].get("authors")


@pytest.mark.parametrize(
    ("box", "expected"),
    [
        (
            '<section class="author-block"><div class="field field--name-field-authors"><p>Authors: Julie Weisenhorn'
            " and Natalie Hoidal, Extension horticulture educators</p></div></section>",
            ["Julie Weisenhorn", "Natalie Hoidal"],
        ),
        (
            '<div class="author">Julie Weisenhorn and Natalie Hoidal, Extension horticulture educators</div>',
            ["Julie Weisenhorn", "Natalie Hoidal"],
        ),
    ],
)
def test_a_description_beside_the_writers_is_no_writer(xkey, box, expected):
    assert _authors(xkey, box) == expected


@pytest.mark.parametrize(
    ("box", "expected"),
    [
        ('<div class="author">Ludwig van Beethoven</div>', ["Ludwig van Beethoven"]),
        ('<div class="author">Maria da Silva and Jane Doe</div>', ["Maria da Silva", "Jane Doe"]),
    ],
)
def test_names_with_lower_case_particles_stay(xkey, box, expected):
    assert _authors(xkey, box) == expected
