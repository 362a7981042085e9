"""A line written like a byline that lists topics, through the API (POST, run, GET): "By Home Decor, Kitchen Tools,
and Garden Supplies" on a page that writes "kitchen tools" and "garden supplies" in lower case lists no writers (three
names or more, each with a word the page writes in lower case); the byline that comes after it is read. Writers' names
the page never writes in lower case, two names, or one topic word among real names, are read as before
(extractor/pipeline/article/authors.py ``byline_names``, ``_LowerCaseWords``)."""

from __future__ import annotations

import time

import pytest

from extractor.pipeline.article.authors import byline_names
from extractor.pipeline.formats import parse_html
from tests.helpers import extract_through_api

pytestmark = pytest.mark.django_db

TEXT = "".join(
    f"<p>Paragraph {i}: our home decor, kitchen tools and garden supplies are picked to last; this guide says which "
    "ones to buy first and how to look after them.</p>"
    for i in range(1, 6)
)


def authors_of(xkey, header: str) -> list[str] | None:
    html = (
        "<html lang='en'><head><title>Spring picks</title></head><body>"
        f"<article><h1>Spring picks</h1>{header}{TEXT}</article></body></html>"
    )
    body = {"type": "article", "content": html, "url": "https://example.com/spring-picks"}
    return extract_through_api(xkey, body)["data"].get("authors")


def test_a_topic_list_written_like_a_byline_names_no_one(xkey):
    assert authors_of(xkey, "<p>By Home Decor, Kitchen Tools, and Garden Supplies</p>") in ([], None)


def test_the_byline_after_a_topic_list_is_read(xkey):
    header = "<p>By Home Decor, Kitchen Tools, and Garden Supplies</p><p>By Jane Doe</p>"
    assert authors_of(xkey, header) == ["Jane Doe"]


@pytest.mark.parametrize(
    ("header", "expected"),
    [
        ("<p>By Jane Doe, John Roe, and Ann Poe</p>", ["Jane Doe", "John Roe", "Ann Poe"]),
        # one writer whose surname is a word the page writes ("Garden") among people: still three writers
        ("<p>By Jane Garden, John Roe, and Ann Poe</p>", ["Jane Garden", "John Roe", "Ann Poe"]),
        # two names: too few to tell topics from writers, read as before
        ("<p>By Jane Kitchen and Ann Garden</p>", ["Jane Kitchen", "Ann Garden"]),
    ],
)
def test_writers_are_read_as_before(xkey, header, expected):
    assert authors_of(xkey, header) == expected


def test_many_list_lines_cost_one_read_of_the_page():
    lines = "".join("<p>By Home Decor, Kitchen Tools, and Garden Supplies</p>" for _ in range(3_000))
    tree = parse_html(f"<html><body><h1>Spring picks</h1>{lines}{TEXT * 20}</body></html>")
    started = time.monotonic()
    assert byline_names(tree) == []
    assert time.monotonic() - started < 5
