"""A byline whose name is followed by a note in brackets, through the API (POST, run, GET)
(extractor/pipeline/article/authors.py ``_plausible_name``): "By Jane Doe (Reuters)", "By Jane Doe (Content
Manager)" name the writer, the note kept as the page writes it (as the labels of the dev pages keep "Lance Ryan
(Content Manager)", "Jean-Luc Aufranc (CNXSoft)"); before, the bracket made the line no byline and no author was
given. A note that holds a digit or an address, or a bracket alone, still names nobody.

And a byline that gives each writer's role after a comma (POST, run, GET)
(extractor/pipeline/article/authors.py ``_names_with_roles``): "By Jane Doe, Staff Writer and John Roe, Contributing
Editor" names both writers (before: the first only, a comma ending the name). Each part must be a person's name and
each role one the role pattern knows; otherwise the byline is read as before (an outlet after the comma is no role)."""

from __future__ import annotations

import pytest

from tests.helpers import extract_through_api

pytestmark = pytest.mark.django_db

TEXT = "".join(
    f"<p>Paragraph {i} of the article explains how the city council reads its budget, which lines grew this year and "
    "what the vote next month will decide for the schools and the roads.</p>"
    for i in range(1, 6)
)


def authors(xkey, byline: str) -> list[str] | None:
    html = (
        '<html lang="en"><head><title>Budget talks resume</title></head><body><nav><p>Menu</p></nav><article>'
        f"<h1>Budget talks resume</h1>{byline}{TEXT}</article></body></html>"
    )
    body = {"type": "article", "content": html, "url": "https://example.com/news/budget"}
    return extract_through_api(xkey, body)["data"].get("authors")


@pytest.mark.parametrize(
    ("byline", "expected"),
    [
        ("<p>By Jane Doe (Reuters)</p>", ["Jane Doe (Reuters)"]),
        ("<p>By Jane Doe (Content Manager)</p>", ["Jane Doe (Content Manager)"]),
        ("<p>By Jane Doe (AP) and John Roe (Reuters)</p>", ["Jane Doe (AP)", "John Roe (Reuters)"]),
        ("<p>Written by Jane Doe (Reuters) | March 4, 2025</p>", ["Jane Doe (Reuters)"]),
    ],
)
def test_a_bracketed_note_after_the_name(xkey, byline, expected):
    assert authors(xkey, byline) == expected


@pytest.mark.parametrize(
    "byline",
    ["<p>By (Reuters)</p>", "<p>By Jane Doe (2025)</p>", "<p>By Jane Doe (jane@example.org (work))</p>"],
)
def test_other_brackets_name_nobody(xkey, byline):
    assert not authors(xkey, byline)


def test_a_byline_without_brackets_as_before(xkey):
    assert authors(xkey, "<p>By Jane Doe, Reuters</p>") == ["Jane Doe"]


@pytest.mark.parametrize(
    "byline",
    [
        "<p>By Jane Doe, Staff Writer and John Roe, Contributing Editor</p>",
        "<p>By Jane Doe, Senior Reporter &amp; John Roe, Managing Editor | March 4, 2025</p>",
        "<p>By Jane Doe, Staff Writer and John Roe</p>",
    ],
)
def test_writers_each_with_a_role(xkey, byline):
    assert authors(xkey, byline) == ["Jane Doe", "John Roe"]


@pytest.mark.parametrize(
    ("byline", "expected"),
    [
        ("<p>By Jane Doe, Staff Writer</p>", ["Jane Doe"]),
        ("<p>By Jane Doe, Los Angeles Times and John Roe, Staff Writer</p>", ["Jane Doe"]),
    ],
)
def test_other_bylines_as_before(xkey, byline, expected):
    assert authors(xkey, byline) == expected
