"""A line written like a byline that lists topics, through the API (POST, run, GET): "By Home Decor, Kitchen Tools,
and Garden Supplies" on a page that writes "kitchen tools" and "garden supplies" in lower case lists no writers (three
names or more, each of which the page writes whole in lower case); the byline that comes after it is read. Writers'
names the page never writes whole in lower case — also three whose words are words of the page ("Will Fisher, Grace
Park, and Tom Young" on a page about a park for young families) —, two names, or one topic word among real names, are
read as before (extractor/pipeline/article/authors.py ``byline_names``, ``_LowerCaseWords``)."""

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


PARK = (
    "<p>The city will open a new park next spring for young families, and the council will mark the day with a fair.</p>"
    "<p>Planners said the park will have a playground, a pond and paths for young runners, and that hunters of "
    "bargains will find a market there.</p><p>The plan was approved after two years of debate about the cost of the "
    "land and the trees it will keep.</p>"
)
RELATED = "<aside><h3>More news</h3><p>By Jane Roe</p><p>Council approves budget</p></aside>"


@pytest.mark.parametrize("related", ["", RELATED])
def test_three_writers_whose_names_are_words_of_the_page_are_writers(xkey, related):
    html = (
        "<html lang='en'><head><title>A new park for the city</title></head><body><article>"
        f"<h1>A new park for the city</h1><p>By Will Fisher, Grace Park, and Tom Young</p>{PARK}{related}"
        "</article></body></html>"
    )
    body = {"type": "article", "content": html, "url": "https://example.com/new-park"}
    assert extract_through_api(xkey, body)["data"].get("authors") == ["Will Fisher", "Grace Park", "Tom Young"]


def test_many_list_lines_cost_one_read_of_the_page():
    lines = "".join("<p>By Home Decor, Kitchen Tools, and Garden Supplies</p>" for _ in range(3_000))
    tree = parse_html(f"<html><body><h1>Spring picks</h1>{lines}{TEXT * 20}</body></html>")
    started = time.process_time()  # CPU of this process (the request runs in it), not the wall clock
    assert byline_names(tree) == []
    assert time.process_time() - started < 5


def test_many_list_lines_on_a_long_page_cost_a_bounded_number_of_reads():
    # the lower-case words only at the end of a long page: each list line would search all of it
    lines = "".join("<p>By Home Decor, Kitchen Tools, and Garden Supplies</p>" for _ in range(3_000))
    filler = "<p>" + "lorem ipsum dolor " * 150_000 + "</p>"
    tail = "<p>our home decor, kitchen tools and garden supplies</p>"
    tree = parse_html(f"<html><body><h1>Spring picks</h1>{lines}{filler}{tail}</body></html>")
    started = time.process_time()  # CPU of this process (the request runs in it), not the wall clock
    assert byline_names(tree) == []
    assert time.process_time() - started < 3
