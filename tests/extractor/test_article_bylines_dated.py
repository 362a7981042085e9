"""Bylines as other sites write them, through the API (POST, run, GET): the date before the byline on the same line
("Posted on March 4, 2025 by Jane Doe", "4 mars 2025 par Marie Dupont", "2025-03-04 10:15 | By Jane Doe"); "Reporting
by …" (a news agency's credit line, the editor after it cut); a reviewer or editor after the writer ("Written by Jane
Doe and reviewed by Dr. John Roe") (extractor/pipeline/article/authors.py ``byline_in_text``). A line with a year but
no date before "by" is no byline, nor is a sentence that holds a date before "by" ("The law was signed on March 4, 2025
by Governor …"): only a date's label ("Posted on", "Last updated:") or a weekday may come before the date."""

from __future__ import annotations

import pytest

from tests.helpers import extract_through_api

pytestmark = pytest.mark.django_db

TEXT = "".join(
    f"<p>Paragraph {i} of the article explains how the city council reads its budget, which lines grew this year and "
    "what the vote next month will decide for the schools and the roads.</p>"
    for i in range(1, 6)
)


def authors_through_api(xkey, byline: str, lang: str = "en") -> list[str] | None:
    html = (
        f'<html lang="{lang}"><head><title>Budget talks resume</title></head><body><article>'
        f"<h1>Budget talks resume</h1>{byline}{TEXT}</article></body></html>"
    )
    body = {"type": "article", "content": html, "url": "https://example.com/news/budget-talks"}
    return extract_through_api(xkey, body)["data"].get("authors")


@pytest.mark.parametrize(
    ("byline", "lang", "expected"),
    [
        ("<p>Posted on March 4, 2025 by Maria Lopez</p>", "en", ["Maria Lopez"]),
        ("<p>March 4, 2025 by Maria Lopez and John Smith</p>", "en", ["Maria Lopez", "John Smith"]),
        ("<p>2025-03-04 10:15 | By Maria Lopez</p>", "en", ["Maria Lopez"]),
        ("<p>4 mars 2025 par Marie Dupont</p>", "fr", ["Marie Dupont"]),
        ("<p>Reporting by Maria Lopez; Editing by John Smith</p>", "en", ["Maria Lopez"]),
        ("<p>Written by Maria Lopez and reviewed by Dr. John Smith</p>", "en", ["Maria Lopez"]),
        ("<p>By Maria Lopez, edited by John Smith</p>", "en", ["Maria Lopez"]),
        ("<p>Monday, March 4, 2025 by Maria Lopez</p>", "en", ["Maria Lopez"]),
        ("<p>Last updated: March 4, 2025 by Maria Lopez</p>", "en", ["Maria Lopez"]),
        ("<p>Publié le 4 mars 2025 par Marie Dupont</p>", "fr", ["Marie Dupont"]),
    ],
)
def test_the_byline_is_read(xkey, byline, lang, expected):
    assert authors_through_api(xkey, byline, lang) == expected


@pytest.mark.parametrize(
    "byline",
    [
        "<p>The class of 2025 by the numbers</p>",
        "<p>Posted on March 4, 2025 by admin</p>",
        "<p>March 4, 2025 by the river we met</p>",
        # a sentence of the text that holds a date, not a date's label, before "by"
        "<p>The law was signed on March 4, 2025 by Governor Gavin Newsom.</p>",
        "<p>Signed on 4 March 2025 by President Joe Biden.</p>",
        "<p>On March 4, 2025, by Executive Order</p>",
        "<p>Photo taken March 4, 2025 by John Roe</p>",
    ],
)
def test_no_writer_is_read(xkey, byline):
    assert authors_through_api(xkey, byline) == []
