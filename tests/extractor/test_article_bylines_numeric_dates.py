"""A name beside a dotted numeric date in a meta line, with no label, through the API (POST, run, GET): the date
dotted or spaced (the Czech and Slovak "4. 3. 2024"), as a part of its own between the line's separators ("04.03.2024 |
Jan Novák"), read like a written date's ("March 4, 2024 | Jane Doe" and "2024-03-04 · Jane Doe" were read before;
extractor/pipeline/article/authors.py ``_ISO_DATE_IN_TEXT_RE``, ``name_beside_date``). Not a number run into other
figures ("1.2.2024.5"), nor a section's name beside the date. A slashed date too ("03/04/2024 · Jane Doe", "Jane
Doe | 03/14/2024"): a slash between digits is the date's, not the line's separator (``_META_SEPARATOR_RE``; before, the
date was split into three numbers and the line had no date, so no name), and a spaced slash parts the line
("Jane Doe / 03/14/2024", whose date is read as a part too, ``dates._NUMERIC_SEGMENT_RE``)."""

from __future__ import annotations

import pytest

from extractor.pipeline.article.authors import _a_date_in
from tests.helpers import article_authors

pytestmark = pytest.mark.django_db


@pytest.mark.parametrize(
    ("lang", "line", "expected"),
    [
        ("cs", "04.03.2024 | Jan Novák", ["Jan Novák"]),
        ("cs", "4. 3. 2024 | Jan Novák", ["Jan Novák"]),
        ("de", "04.03.2024 · Hans Müller", ["Hans Müller"]),
        ("pl", "Anna Nowak | 4.3.2024", ["Anna Nowak"]),
        ("fr", "Marie Dupont • 04.03.2024", ["Marie Dupont"]),
    ],
)
def test_a_name_beside_a_numeric_date_is_the_writer(xkey, lang, line, expected):
    assert article_authors(xkey, lang, line) == expected


@pytest.mark.parametrize(
    ("lang", "line", "expected"),
    [
        ("en", "03/04/2024 · Jane Doe", ["Jane Doe"]),
        ("en", "Jane Doe | 03/14/2024", ["Jane Doe"]),
        ("en", "Jane Doe / 03/14/2024", ["Jane Doe"]),
        ("fr", "04/03/2024 | Claire Martin", ["Claire Martin"]),
        ("es", "Lucía Fernández • 4/3/2024", ["Lucía Fernández"]),
    ],
)
def test_a_name_beside_a_slashed_date_is_the_writer(xkey, lang, line, expected):
    assert article_authors(xkey, lang, line) == expected


@pytest.mark.parametrize(("lang", "line"), [("de", "04.03.2024 | Politik"), ("de", "04.03.2024 · Keine Kommentare")])
def test_a_section_or_a_count_beside_a_numeric_date_is_no_writer(xkey, lang, line):
    assert not article_authors(xkey, lang, line)


@pytest.mark.parametrize(
    ("text", "dated"),
    [
        ("04.03.2024", True),
        ("4. 3. 2024", True),
        ("Version 1.2.2024.5", False),
        ("Price 14.99", False),
        ("Call 12/34/5678", False),
        ("03/04/2024", True),
        ("Score 3/4/20245", False),
    ],
)
def test_what_counts_as_a_numeric_date_in_a_meta_line(text, dated):
    assert _a_date_in(text) is dated
