"""A dateline's place beside the article's date is no writer, through the API (POST, run, GET): "Los Angeles · Dec 17,
2025" (a city of the time-zone database), "Fort Worth | …", "Orange County · …" (the words place names are built of),
"Nueva York · …" on a Spanish page (the city as CLDR names it in the page's language), a place in an element classed
or marked up as a location; a person's name beside the date is still the writer (extractor/pipeline/article/places.py,
``authors._shown_name``)."""

from __future__ import annotations

import pytest

from tests.helpers import extract_through_api

pytestmark = pytest.mark.django_db

TEXT = "".join(
    f"<p>Paragraph {i} of the report tells how the city council voted on the new transit budget, what the buses will "
    "cost and when the first new lines open to riders in the spring.</p>"
    for i in range(1, 6)
)


def through_api(xkey, meta: str, lang: str = "en", after: str = "") -> list[str] | None:
    html = (
        f"<html lang='{lang}'><head><title>Council passes the transit budget</title></head><body>"
        f"<nav><a href='/'>Home</a></nav><article><h1>Council passes the transit budget</h1>{meta}{TEXT}</article>"
        f"{after}</body></html>"
    )
    body = {"type": "article", "content": html, "url": "https://example.com/transit-budget"}
    return extract_through_api(xkey, body)["data"].get("authors")


@pytest.mark.parametrize(
    ("lang", "meta"),
    [
        ("en", "<p>Los Angeles · Dec 17, 2025</p>"),
        ("en", "<div><span>Dec 17, 2025</span><span>Kuala Lumpur</span></div>"),
        ("en", "<p>Fort Worth | December 17, 2025</p>"),
        ("en", "<p><span>Orange County</span> <span>Dec 17, 2025</span></p>"),
        ("en", "<p>São Paulo · Dec 17, 2025</p>"),
        ("es", "<p>Nueva York · 17 de diciembre de 2025</p>"),
        ("en", "<p><span class='article-location'>Maple Grove</span> · <span>Dec 17, 2025</span></p>"),
        ("en", "<p><span itemprop='contentLocation'>Cedar Rapids</span> · <span>Dec 17, 2025</span></p>"),
    ],
)
def test_a_place_beside_the_date_is_no_writer(xkey, lang, meta):
    assert through_api(xkey, meta, lang) == []


@pytest.mark.parametrize(
    ("meta", "name"),
    [
        ("<p>Dec 17, 2025 · Julia Arnfield</p>", "Julia Arnfield"),
        ("<p><span>Tom West</span> <span>Dec 17, 2025</span></p>", "Tom West"),
        ("<p><span class='author'>Michael Bay</span> · <span class='date'>Dec 17, 2025</span></p>", "Michael Bay"),
        # surnames and given names that are also words of place names
        ("<p>Dec 17, 2025 · David Harbour</p>", "David Harbour"),
        ("<p>Dec 17, 2025 · Santa Montefiore</p>", "Santa Montefiore"),
        ("<p>Dec 17, 2025 · Santo Cilauro</p>", "Santo Cilauro"),
        ("<p>Dec 17, 2025 · Cyril Falls</p>", "Cyril Falls"),
    ],
)
def test_a_person_beside_the_date_is_still_the_writer(xkey, meta, name):
    assert through_api(xkey, meta) == [name]


def test_a_writers_box_is_not_read_for_places(xkey):
    """The place check is the date line's: a writer's box names its writer."""
    box = (
        "<div class='author-box'><p>About the author</p><p>David Harbour</p><p>David writes about transit, city "
        "budgets and the people who ride the buses every day in the county.</p></div>"
    )
    assert through_api(xkey, "", after=box) == ["David Harbour"]
