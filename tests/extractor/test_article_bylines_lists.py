"""Bylines as other sites write them, through the API (POST, run, GET) (extractor/pipeline/article/authors.py
``byline_in_text``):

- the outlet a syndicated writer wrote for ("By Jane Doe for The Guardian", "By Jane Doe For The Associated Press")
  is cut, as a date or a role after the name is; not an organisation's own "for" ("Texas Coalition for Heritage
  Spanish");
- a byline that lists three writers or more in one line ("By A, B, and C", "By A, B and C", "Written by A, B & C")
  names them all: commas then "and" / "&" before the last name, each part a name of two to four words; a comma before
  anything else (a role: "Jane Doe, Staff Writer"; an outlet; a date) still ends the name.
"""

from __future__ import annotations

import pytest

from tests.helpers import extract_through_api

pytestmark = pytest.mark.django_db

TEXT = "".join(
    f"<p>Paragraph {i} of the article explains how the city council reads its budget, which lines grew this year and "
    "what the vote next month will decide for the schools and the roads.</p>"
    for i in range(1, 6)
)


def authors_through_api(xkey, byline: str) -> list[str] | None:
    html = (
        '<html lang="en"><head><title>Budget talks resume</title></head><body><article>'
        f"<h1>Budget talks resume</h1>{byline}{TEXT}</article></body></html>"
    )
    body = {"type": "article", "content": html, "url": "https://example.com/news/budget-talks"}
    return extract_through_api(xkey, body)["data"].get("authors")


@pytest.mark.parametrize(
    "byline",
    [
        "<p>By Maria Lopez for The Guardian</p>",
        "<p>By Maria Lopez For The Associated Press</p>",
        "<p>By Maria Lopez for Mailonline</p>",
        "<p>Written by Maria Lopez for Healthline | March 4, 2025</p>",
    ],
)
def test_the_outlet_after_the_writer_is_cut(xkey, byline):
    assert authors_through_api(xkey, byline) == ["Maria Lopez"]


@pytest.mark.parametrize(
    ("byline", "expected"),
    [
        ("<p>By Maria Lopez, John Smith, and Ann Poe</p>", ["Maria Lopez", "John Smith", "Ann Poe"]),
        ("<p>By Maria Lopez, John Smith and Ann Poe</p>", ["Maria Lopez", "John Smith", "Ann Poe"]),
        (
            "<p>Written by Maria Lopez, John Smith &amp; Ann Poe | March 4, 2025</p>",
            ["Maria Lopez", "John Smith", "Ann Poe"],
        ),
        (
            "<p>By Maria Lopez, John A. Smith, Ann Poe, and Lee Park</p>",
            ["Maria Lopez", "John A. Smith", "Ann Poe", "Lee Park"],
        ),
    ],
)
def test_a_byline_listing_several_writers_names_them_all(xkey, byline, expected):
    assert authors_through_api(xkey, byline) == expected


@pytest.mark.parametrize(
    ("byline", "expected"),
    [
        ("<p>By Maria Lopez, Staff Writer</p>", ["Maria Lopez"]),
        ("<p>By Maria Lopez, Features Editor and Staff Writer</p>", ["Maria Lopez"]),
        ("<p>By Maria Lopez, The Daily Paper</p>", ["Maria Lopez"]),
        ("<p>By Maria Lopez, March 4, 2025</p>", ["Maria Lopez"]),
        ("<p>By Maria Lopez and John Smith</p>", ["Maria Lopez", "John Smith"]),
        # an organisation's own "for" is no outlet after a writer
        ("<p>By: Texas Coalition for Heritage Spanish</p>", []),
        ("<p>By Maria Lopez for 10 years</p>", []),
    ],
)
def test_a_comma_before_a_role_outlet_or_date_still_ends_the_name(xkey, byline, expected):
    assert authors_through_api(xkey, byline) == expected


def test_a_long_line_of_commas_after_by_is_read_quickly(xkey):
    """After review: a 79-character line of 26 comma parts and no "and" (under the byline's and the list's length
    limits, so it reaches the list reading). A pattern that tries every split of the commas takes half a minute."""
    import time

    line = "By " + ", ".join("abcdefghijklmnopqrstuvwxyz")
    assert len(line) == 79
    started = time.process_time()  # CPU of this process (the request runs in it), not the wall clock
    assert authors_through_api(xkey, f"<p>{line}</p>") == []
    assert time.process_time() - started < 5


@pytest.mark.parametrize(
    ("byline", "expected"),
    [
        ("By Jane Doe, John Roe, and Ann Poe, Staff Writers", ["Jane Doe"]),
        ("By Jane Doe, Los Angeles Times, and John Roe", ["Jane Doe"]),
        ("By Jane Doe, John Roe and Ann Poe Associated Press", ["Jane Doe"]),
        ("By JANE DOE, JOHN ROE and ANN POE Associated Press", ["JANE DOE"]),
        ("By John Smith, Jane Doe and Associated Press", ["John Smith"]),
        ("By New York, Los Angeles, and San Francisco", ["New York"]),
        ("By Product: Air Fryers, Stand Mixers, and Coffee Makers", ["Product: Air Fryers"]),
    ],
)
def test_a_list_with_an_outlet_role_or_place_is_no_list_of_writers(xkey, byline, expected):
    """After review: every part of a list must read as a person's name (no outlet, role, organisation word nor
    place); else the byline is read as before the list reading (its first name)."""
    assert authors_through_api(xkey, f"<p>{byline}</p>") == expected


@pytest.mark.parametrize(
    ("byline", "expected"),
    [
        ("By Americans for Prosperity", []),
        ("By Moms for Liberty", []),
        ("By Students for Fair Admissions staff", []),
        ("By Editors for Education", []),
        ("By Jane Doe and Partners for Progress", []),
        ("By Jane Doe Reporting for Duty", []),
        ("By Jane Doe for The Guardian and John Roe for Reuters", ["Jane Doe", "John Roe"]),
        ("By Jane Doe for The New York Times, John Roe and Ann Poe", ["Jane Doe", "John Roe", "Ann Poe"]),
    ],
)
def test_the_for_of_an_organisation_is_no_outlet_and_each_writer_loses_their_own(xkey, byline, expected):
    """After review: "for" ends a writer's name only after a person's name of two to four words."""
    assert authors_through_api(xkey, f"<p>{byline}</p>") == expected
